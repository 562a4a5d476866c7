/**
 * Pop-up (intercept) surveys on a client's own website: the rules the loader
 * (site/embed/loader.ts) applies on the visitor's device before it asks Canvass for
 * anything, and the memory of who was asked. No zod here, and nothing that imports it:
 * this module ships inside `/embed.js`, whose budget is 3 KB gzip. The schema of the
 * survey file's `intercept:` key is in core/model.ts; its type is imported from there.
 *
 * The memory is one first-party cookie on the host site (`INTERCEPT_COOKIE`), holding per
 * survey only its id, answered or dismissed, and the day: what the recontact rules need.
 * It never leaves the visitor's browser. Shows per visit are counted in sessionStorage.
 *
 * @example
 *   const memory = readMemory(document.cookie);
 *   if (eligible(rule, { origin: location.origin, path: location.pathname, today: "2026-12-01", memory, shownThisVisit: 0 })) …
 */
import type { Expr } from "./expression.ts";
import type { Strings } from "./i18n/en.ts";
import type { AnswerMessages } from "./i18n/en-script.ts";
import type { InterceptSettings, Page } from "./model.ts";

/** The host site's cookie: stated on the privacy page (site/components/privacy/Intercept.astro) from this one constant. */
export const INTERCEPT_COOKIE = {
  name: "canvass_intercept",
  purpose: "remembers which pop-up surveys this browser has answered or closed, and on which day, so that it is not asked again too soon",
  lifetimeDays: 365,
} as const;

/** An origin a pop-up may run on: https, or a loopback http origin with a port for local demos. */
export const INTERCEPT_ORIGIN = /^(?:https:\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?|http:\/\/(?:127\.0\.0\.1|localhost):\d{1,5})$/;

/**
 * What the loader carries per survey: the settings plus the survey's dates, all decided on the
 * device, and for a survey in several languages the others than its default, each with its own
 * pop-up script (an embed's `data-lang` picks one).
 */
export type InterceptRule = InterceptSettings & { opens?: string | undefined; closes?: string | undefined; languages?: string[] };

export type Remembered = { state: "answered" | "dismissed"; day: string };
/** What the cookie holds, by survey id. */
export type Memory = Record<string, Remembered>;

/** Most surveys one cookie remembers: the cookie stays small and reading it stays bounded. */
const MAX_REMEMBERED = 20;
const ENTRY = /^([a-z0-9-]{1,100})\.([ad])\.(\d{4}-\d{2}-\d{2})$/;

/** The memory in a `document.cookie` string (or a stored value); anything unreadable is ignored. */
export function readMemory(cookies: string): Memory {
  const memory: Memory = {};
  const raw = cookies.split(/;\s*/).find((c) => c.startsWith(`${INTERCEPT_COOKIE.name}=`))?.slice(INTERCEPT_COOKIE.name.length + 1) ?? "";
  for (const item of raw.split("|").slice(0, MAX_REMEMBERED)) {
    const m = ENTRY.exec(item);
    if (m) memory[m[1]!] = { state: m[2] === "a" ? "answered" : "dismissed", day: m[3]! };
  }
  return memory;
}

/** The cookie's value for `memory` (`<id>.<a|d>.<day>|…`), newest entries kept when there are too many. */
export function memoryValue(memory: Memory): string {
  return Object.entries(memory)
    .slice(-MAX_REMEMBERED)
    .map(([id, r]) => `${id}.${r.state[0]}.${r.day}`)
    .join("|");
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** `*` matches any run of characters; everything else matches itself. */
export function pathMatches(patterns: readonly string[] | undefined, path: string): boolean {
  if (!patterns) return true;
  return patterns.some((p) => new RegExp(`^${p.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(path));
}

export type Visit = { origin: string; path: string; today: string; memory: Memory; shownThisVisit: number };

/** Whether the recontact rules let this survey be shown again, given what was remembered. */
function recontactAllows(rule: InterceptRule, seen: Remembered | undefined, today: string): boolean {
  if (!seen) return true;
  const since = daysBetween(seen.day, today);
  if (seen.state === "answered") return rule.recontact.after_answer !== "never" && since >= rule.recontact.after_answer;
  return since >= rule.recontact.after_dismiss_days;
}

/** Everything but sampling and the trigger: may this visitor be asked on this page today? */
export function eligible(rule: InterceptRule, id: string, visit: Visit): boolean {
  if ((rule.opens && visit.today < rule.opens) || (rule.closes && visit.today > rule.closes)) return false;
  if (!rule.origins.includes(visit.origin) || !pathMatches(rule.paths, visit.path)) return false;
  if (visit.shownThisVisit >= rule.recontact.max_per_visit) return false;
  return recontactAllows(rule, Object.hasOwn(visit.memory, id) ? visit.memory[id] : undefined, visit.today);
}

/**
 * What a pop-up's script carries (build/embed.ts writes it, site/embed/popup.ts reads it):
 * the published survey's skip logic and questions, shaped like core/logic.ts `LogicSurvey`
 * so `visibility` and `validateAnswers` take it as is, with every text already rendered to
 * HTML by the build (labels inline, the rest as blocks; placeholders at their fallbacks).
 */
export type PopupSurvey = {
  id: string;
  title: string;
  descriptionHtml: string;
  thanksHtml: string;
  language: string;
  dir: "ltr" | "rtl";
  survey: { pages: Page[] };
  conditions: Record<string, Expr>;
  /** The computed values' parsed expressions (core/computed.ts), when the survey has any. */
  computed?: Record<string, Expr>;
  /**
   * For a survey with `endings:`, each end screen's text as HTML by the path the Worker answers
   * with (`ending` in core/api/responses.ts `SubmissionAnswer`), so the pop-up shows the chosen one.
   */
  endingsHtml?: Record<string, string>;
  /** Canvass's own words in the pop-up's language (core/i18n/): the answer checks' and the dialog's. */
  words: PopupWords;
};

/** The words a pop-up shows besides the survey's own. */
export type PopupWords = AnswerMessages & Pick<Strings, "other" | "otherShort" | "yes" | "no" | "choose" | "required" | "submit" | "close" | "thanksDefault" | "sending" | "popupFailed" | "popupOffline">;
