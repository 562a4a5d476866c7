/**
 * The client side of the results API (core/api/results.ts) for `canvass export`,
 * `canvass report` and the export benchmark: the CSV or NDJSON export as the byte
 * stream the Worker sends (never read whole, so 100,000 responses pass through in
 * bounded memory), the JSON list page by page along its cursor, the summary, and the
 * survey's published definition (core/catalog.ts) that the reports label it with.
 * Refusals arrive as ApiError with the Worker's sentence (scripts/lib/api-client.ts).
 *
 * @example
 *   const target = await apiTarget();
 *   for await (const page of responsePages(target, "customer-feedback")) console.log(page.responses.length);
 */
import type { ResponsePage } from "../../core/api/results.ts";
import { CatalogEntry, catalogPath } from "../../core/catalog.ts";
import type { PublishedSurvey } from "../../core/compile.ts";
import type { SurveySummary } from "../../core/results/types.ts";
import { ApiError, apiGet, type ApiTarget } from "./api-client.ts";

/** The formats the Worker streams in one response (JSON is paged instead). */
export type StreamedFormat = "csv" | "ndjson";

/** Responses per JSON page: the API's maximum (worker/http/paging.ts), so 100,000 take 100 requests. */
export const PAGE_LIMIT = 1000;

const surveyPath = (survey: string) => `/api/admin/surveys/${encodeURIComponent(survey)}`;

function query(params: Record<string, string | undefined>): string {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return defined.length ? `?${new URLSearchParams(defined)}` : "";
}

/** `GET …/responses?format=csv|ndjson[&since=]`: the export's body as the Worker streams it. */
export async function exportStream(target: ApiTarget, survey: string, format: StreamedFormat, since?: string): Promise<ReadableStream<Uint8Array>> {
  const accept = format === "csv" ? "text/csv" : "application/x-ndjson";
  const res = await apiGet(target, `${surveyPath(survey)}/responses${query({ format, since })}`, accept);
  if (!res.body) throw new ApiError(`the server sent an empty export`, res.status);
  return res.body;
}

/** `GET …/responses?limit=1000[&since=]`, then `&cursor=<next>` until `next` is null: one ResponsePage at a time. */
export async function* responsePages(target: ApiTarget, survey: string, since?: string): AsyncGenerator<ResponsePage> {
  let cursor: string | undefined;
  do {
    const res = await apiGet(target, `${surveyPath(survey)}/responses${query({ since, limit: String(PAGE_LIMIT), cursor })}`);
    const page = (await res.json()) as ResponsePage;
    if (!Array.isArray(page.responses)) throw new ApiError("the server's response list has no responses array", res.status);
    yield page;
    cursor = page.next ?? undefined;
  } while (cursor !== undefined);
}

/** `GET …/summary`. */
export async function fetchSummary(target: ApiTarget, survey: string): Promise<SurveySummary> {
  return (await (await apiGet(target, `${surveyPath(survey)}/summary`)).json()) as SurveySummary;
}

/** A draft survey: published only as a stub, with no results to report. */
export class DraftSurvey extends ApiError {
  override name = "DraftSurvey";
}

/**
 * The survey's published definition, read from the public catalog the site serves
 * (no token: it is a static file). A draft is published only as a stub, and has no
 * results to report.
 */
export async function fetchPublished(target: ApiTarget, survey: string): Promise<PublishedSurvey> {
  const url = `${target.url}${catalogPath(encodeURIComponent(survey))}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" } });
  } catch (e) {
    throw new ApiError(`cannot reach ${target.url} (is \`npm start\` running?): ${(e as Error).message}`, 0);
  }
  if (!res.ok) throw new ApiError(`there is no published survey "${survey}" (${url} answered ${res.status})`, res.status);
  const entry = CatalogEntry.safeParse(await res.json().catch(() => undefined));
  if (!entry.success) throw new ApiError(`the published definition at ${url} is not one this version of canvass reads`, res.status);
  if (!("survey" in entry.data)) throw new DraftSurvey(`"${survey}" is a draft: draft surveys have no results`, res.status);
  return entry.data;
}
