/**
 * Piping on the respondent's pages, one mechanism for both kinds of placeholder
 * (core/piping.ts): `[data-pipe]` spans take a personal link's contact fields, and
 * `[data-answer]` spans (`{{q:id}}`) take earlier answers, live as the survey page
 * changes and, on the end screen, as the survey page left them. Values are only ever set
 * with textContent, so an answer holding `<script>` stays text. Without JavaScript every
 * span keeps the fallback the build wrote.
 *
 * What a personal link leaves in this tab (site/scripts/personal-link.ts): the token and
 * the contact's fields, kept in sessionStorage per survey; the piped answers' texts are kept
 * beside them when the answers are sent. Shared by the survey page and the end screens
 * (site/scripts/thanks.ts), so it is kept small: an end screen loads only this.
 *
 * @example
 *   fillPipes(storedFields("customer-feedback"));
 *   fillAnswers(pipedTexts(answers, def.pipes));
 */
import { answerText, type PipeSource } from "../../core/piping.ts";
import { readSession, writeSession } from "./session.ts";

/** The token (until the answers are sent) and the contact's fields. */
export type Invitation = { t?: string; fields?: Record<string, string> };

const key = (survey: string) => `canvass:${survey}:invitation`;
export const readInvitation = (survey: string) => readSession<Invitation>(key(survey));
// Without storage (private mode, full) the link still works for this page view.
export const writeInvitation = (survey: string, value: Invitation) => writeSession(key(survey), value);

/** Fills `[data-pipe]` spans with the contact's fields; a span without a value keeps its fallback. */
export function fillPipes(fields: Record<string, string> | undefined): void {
  if (!fields) return;
  for (const el of document.querySelectorAll<HTMLElement>("[data-pipe]")) {
    const value = fields[el.dataset.pipe ?? ""];
    if (value && value.trim()) el.textContent = value;
  }
}

/** The fields a personal link brought, for the thank-you page. */
export function storedFields(survey: string): Record<string, string> | undefined {
  return readInvitation(survey).fields;
}

/** The text of each piped answer (by question id), as `answerText` writes it; unanswered ones are left out. */
export function pipedTexts(answers: Readonly<Record<string, unknown>>, sources: Readonly<Record<string, PipeSource>> = {}): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const id of Object.keys(sources)) {
    const text = answerText(id, answers, sources[id]!);
    if (text !== undefined) texts[id] = text;
  }
  return texts;
}

/** Fills `[data-answer]` spans; one whose question is (again) unanswered shows its fallback. */
export function fillAnswers(texts: Readonly<Record<string, string>>): void {
  for (const el of document.querySelectorAll<HTMLElement>("[data-answer]")) {
    el.dataset.fallback ??= el.textContent ?? "";
    const id = el.dataset.answer ?? "";
    el.textContent = Object.hasOwn(texts, id) ? texts[id]! : el.dataset.fallback;
  }
}

const answersKey = (survey: string) => `canvass:${survey}:answers`;
/** Keeps the piped answers' texts (only those) for the end screen of this tab. */
export const keepPipedAnswers = (survey: string, texts: Record<string, string>) => writeSession(answersKey(survey), texts);
/** The texts the survey page kept for the end screen. */
export const storedAnswers = (survey: string) => readSession<Record<string, string>>(answersKey(survey)) as Record<string, string>;
