/**
 * A survey owner's results (behind the admin bearer check, worker/app.ts). Every route
 * that names a survey answers 404 for a survey the catalog does not know (a draft is
 * known) and, alike, for another client's survey (worker/http/scope.ts); the list shows
 * a client token only its own client's surveys. Shapes: core/api/results.ts; the summary and the export cells: core/results/.
 *
 * - `surveysAdmin` at `/api/admin/surveys`: `GET /` → SurveyList, sorted by id.
 * - `responsesAdmin` at `/api/admin/surveys/<id>/responses`:
 *   `GET /?format=json|csv|ndjson[&since=][&cursor=][&limit=]` → ResponsePage (oldest
 *   first), or the whole CSV / NDJSON export streamed (export.ts);
 *   `GET /<response-id>` → one StoredResponse; `DELETE /<response-id>` → `{"deleted"}`.
 * - `summaryAdmin` at `/api/admin/surveys/<id>/summary`: `GET /` → SurveySummary.
 * - `answersAdmin` at `/api/admin/surveys/<id>/answers`: `GET /<key>[?cursor=][&limit=]` →
 *   TextAnswerPage, oldest first: a text, textarea or email question's answers, or the
 *   "Other" texts of a question (`<id>_other`).
 *
 * @example
 *   curl -H "Authorization: Bearer $CANVASS_ADMIN_TOKEN" ':8787/api/admin/surveys/customer-feedback/responses?format=csv' > out.csv
 */
import { Hono } from "hono";
import { keptTime } from "../../core/anonymity.ts";
import { isIsoTime } from "../../core/days.ts";
import type { StoredResponse } from "../../core/api/responses.ts";
import { EXPORT_FORMATS, type ExportFormat, type ResponsePage, type SurveyList, type SurveyListItem, type TextAnswerPage } from "../../core/api/results.ts";
import type { CatalogEntry, SurveyIndex } from "../../core/catalog.ts";
import { createSummary, textAnswers, type SummarySurvey } from "../../core/results/summary.ts";
import type { SurveySummary } from "../../core/results/types.ts";
import { allQuestions, OTHER_SUFFIX, TEXT_TYPES } from "../../core/survey.ts";
import { findSurvey } from "../catalog.ts";
import type { AdminEnv } from "../http/auth.ts";
import { pageQuery, toPage, type PageKey } from "../http/paging.ts";
import { Problem } from "../http/problems.ts";
import { readableSurveys, surveyForCaller } from "../http/scope.ts";
import { exportHeaders, exportStream } from "./export.ts";
import { deleteResponse, findResponse, responseCounts, responsePage, responsePages, textAnswerPage } from "./store.ts";

type Admin = AdminEnv;

/** A draft is published as a stub without questions: its stored answers (from before it became a draft) are read against none. */
const NO_QUESTIONS = { survey: { pages: [] }, conditions: {} } as unknown as SummarySurvey;

const definitionOf = (entry: CatalogEntry): SummarySurvey => ("survey" in entry ? entry : NO_QUESTIONS);
const isAnonymous = (entry: CatalogEntry) => "survey" in entry && entry.survey.anonymous;
const keyOf = (r: StoredResponse): PageKey => ({ at: r.submitted_at, id: r.id });

// Surveys

type Indexed = SurveyIndex["surveys"][number];

/** A draft (or an entry missing from the build) shows its id as title and its status from the index. */
function listItem({ id, status }: Indexed, entry: CatalogEntry | null, counts: { responses: number; last: string } | undefined): SurveyListItem {
  const s = entry && "survey" in entry ? entry.survey : null;
  return {
    id,
    title: s?.title ?? id,
    status: s?.status ?? status,
    opens: s?.opens ?? null,
    closes: s?.closes ?? null,
    anonymous: s?.anonymous ?? false,
    responses: counts?.responses ?? 0,
    last_response_at: counts?.last ?? null,
  };
}

export const surveysAdmin = new Hono<Admin>();

surveysAdmin.get("/", async (c) => {
  const [index, counts] = await Promise.all([readableSurveys(c.env, c.get("caller")), responseCounts(c.env.DB)]);
  const surveys = await Promise.all(
    index.map(async (indexed) => listItem(indexed, indexed.status === "draft" ? null : await findSurvey(c.env, indexed.id), counts.get(indexed.id))),
  );
  surveys.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return c.json({ surveys } satisfies SurveyList);
});

// Responses

/** `?since=` as the survey stores times (an anonymous survey keeps only the day: midnight UTC), or null; a 400 when unreadable. */
function parseSince(raw: string | undefined, anonymous: boolean): string | null {
  if (raw === undefined || raw === "") return null;
  if (!isIsoTime(raw)) throw new Problem(400, "since must be an ISO 8601 date or time, like 2026-12-01 or 2026-12-01T09:30:00Z.");
  return new Date(keptTime(new Date(raw), anonymous)).toISOString();
}

function parseFormat(raw: string | undefined): ExportFormat {
  const format = raw ?? "json";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new Problem(400, `format must be json, csv or ndjson, not "${format.slice(0, 20)}".`);
  return format as ExportFormat;
}

export const responsesAdmin = new Hono<Admin>();

responsesAdmin.get("/", async (c) => {
  const surveyId = c.req.param("survey") ?? "";
  const entry = await surveyForCaller(c, surveyId);
  const format = parseFormat(c.req.query("format"));
  const since = parseSince(c.req.query("since"), isAnonymous(entry));
  if (format !== "json") {
    const body = exportStream(c.env.DB, format, { surveyId, definition: definitionOf(entry), since });
    return new Response(body, { headers: exportHeaders(format, surveyId) });
  }
  const { after, limit } = pageQuery(c.req.query("cursor"), c.req.query("limit"));
  const rows = await responsePage(c.env.DB, surveyId, { after, since, limit: limit + 1 });
  const { items, next } = toPage(rows, limit, keyOf);
  c.header("cache-control", "no-store");
  return c.json({ responses: items, next } satisfies ResponsePage);
});

const NO_RESPONSE = "There is no such response in this survey (it may have been deleted already).";

responsesAdmin.get("/:response", async (c) => {
  const surveyId = c.req.param("survey") ?? "";
  await surveyForCaller(c, surveyId);
  const response = await findResponse(c.env.DB, surveyId, c.req.param("response"));
  if (!response) throw new Problem(404, NO_RESPONSE);
  c.header("cache-control", "no-store");
  return c.json(response satisfies StoredResponse);
});

// The privacy page promises respondents that the owner can delete their answers on request.
responsesAdmin.delete("/:response", async (c) => {
  const surveyId = c.req.param("survey") ?? "";
  await surveyForCaller(c, surveyId);
  const deleted = await deleteResponse(c.env.DB, surveyId, c.req.param("response"));
  if (!deleted) throw new Problem(404, NO_RESPONSE);
  return c.json({ deleted: c.req.param("response") });
});

// Summary

export const summaryAdmin = new Hono<Admin>();

summaryAdmin.get("/", async (c) => {
  const surveyId = c.req.param("survey") ?? "";
  const summary = createSummary(definitionOf(await surveyForCaller(c, surveyId)));
  for await (const page of responsePages(c.env.DB, surveyId, null)) for (const r of page) summary.add(r);
  c.header("cache-control", "no-store");
  return c.json(summary.result() satisfies SurveySummary);
});

// Free-text answers

/** The keys whose answers are free text: text, textarea and email questions, and each "Other" text. */
function textKeys(definition: SummarySurvey): Set<string> {
  const keys = new Set<string>();
  for (const q of allQuestions(definition.survey)) {
    if (TEXT_TYPES.has(q.type)) keys.add(q.id);
    if ("other" in q && q.other) keys.add(q.id + OTHER_SUFFIX);
  }
  return keys;
}

export const answersAdmin = new Hono<Admin>();

answersAdmin.get("/:key", async (c) => {
  const surveyId = c.req.param("survey") ?? "";
  const definition = definitionOf(await surveyForCaller(c, surveyId));
  const key = c.req.param("key");
  if (!textKeys(definition).has(key)) throw new Problem(404, `This survey has no free-text question "${key.slice(0, 80)}" (text, textarea, email, or <id>_other).`);
  const { after, limit } = pageQuery(c.req.query("cursor"), c.req.query("limit"));
  const { items, next } = toPage(await textAnswerPage(c.env.DB, surveyId, key, { after, limit: limit + 1 }), limit, keyOf);
  c.header("cache-control", "no-store");
  return c.json({ question: key, answers: textAnswers(definition, key, items), next } satisfies TextAnswerPage);
});
