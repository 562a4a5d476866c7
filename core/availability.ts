/**
 * Whether a survey takes answers on a given day. Dates are whole UTC days: a survey
 * that `closes: 2027-01-31` still takes answers all of that day.
 */
import type { Survey } from "./model.ts";

export type Availability =
  | { open: true }
  | { open: false; reason: "draft" | "closed" | "not-yet-open" | "ended"; message: string };

export function availability(survey: Pick<Survey, "status" | "opens" | "closes">, now: Date): Availability {
  const today = now.toISOString().slice(0, 10);
  if (survey.status === "draft") return { open: false, reason: "draft", message: "This survey is a draft and does not take answers yet." };
  if (survey.status === "closed") return { open: false, reason: "closed", message: "This survey has closed and no longer takes answers." };
  if (survey.opens && today < survey.opens) return { open: false, reason: "not-yet-open", message: `This survey opens on ${survey.opens}.` };
  if (survey.closes && today > survey.closes) return { open: false, reason: "ended", message: `This survey closed on ${survey.closes} and no longer takes answers.` };
  return { open: true };
}
