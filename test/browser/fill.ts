/**
 * Fills a survey page the way a respondent does, from a set of answers, using only
 * the form's public contract (README.md, "Form field names"): fields are named by question id, `<id>.<row>`
 * for matrix rows, `<id>_other` for "other" text.
 */
import type { Page as BrowserPage } from "playwright-core";
import type { PublishedSurvey } from "../../core/compile.ts";
import type { Question } from "../../core/model.ts";
import { OTHER_SUFFIX, pageQuestions } from "../../core/survey.ts";

const field = (name: string, value?: string) => `[name="${name}"]${value === undefined ? "" : `[value="${value}"]`}`;

export async function fillQuestion(page: BrowserPage, q: Question, answers: Record<string, unknown>): Promise<void> {
  const v = answers[q.id];
  if (v === undefined) return;
  switch (q.type) {
    case "single":
    case "yesno":
    case "rating":
    case "nps":
      await page.locator(field(q.id, String(v))).check();
      break;
    case "dropdown":
      await page.locator(field(q.id)).selectOption(String(v));
      break;
    case "multiple":
      for (const x of v as string[]) await page.locator(field(q.id, x)).check();
      break;
    case "matrix":
      for (const [row, col] of Object.entries(v as Record<string, string>)) await page.locator(field(`${q.id}.${row}`, col)).check();
      break;
    case "consent":
      await page.locator(field(q.id)).check();
      break;
    default:
      await page.locator(field(q.id)).fill(String(v));
  }
  const other = answers[q.id + OTHER_SUFFIX];
  if (typeof other === "string") await page.locator(field(q.id + OTHER_SUFFIX)).fill(other);
}

/** Fills every question of one survey page (section). */
export async function fillPage(page: BrowserPage, published: PublishedSurvey, pageIndex: number, answers: Record<string, unknown>): Promise<void> {
  for (const q of pageQuestions(published.survey.pages[pageIndex]!)) await fillQuestion(page, q, answers);
}
