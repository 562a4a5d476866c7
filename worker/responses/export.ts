/**
 * The whole-survey exports (`?format=csv|ndjson` of the responses list), streamed: the
 * body is a ReadableStream that reads the next 1,000 responses from D1 only when the
 * client has taken the previous ones, so 100,000 responses go out in bounded memory.
 * The cells and lines are core/results/export.ts's; this module only pages and encodes.
 *
 * The CSV's columns come from the current definition plus every answer key ever stored
 * for the survey (not only those `since` selects), so incremental pulls share one header.
 *
 * @example
 *   return new Response(exportStream(env.DB, "csv", { surveyId, definition, since: null }), { headers: exportHeaders("csv", surveyId) });
 */
import { csvHeader, csvRows, exportColumns, ndjsonLine } from "../../core/results/export.ts";
import type { SummarySurvey } from "../../core/results/summary.ts";
import { answerKeys, responsePages } from "./store.ts";

export type StreamedFormat = "csv" | "ndjson";

export type ExportScope = { surveyId: string; definition: SummarySurvey; since: string | null };

const CONTENT_TYPES: Record<StreamedFormat, string> = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson" };

export function exportHeaders(format: StreamedFormat, surveyId: string): Record<string, string> {
  return {
    "content-type": CONTENT_TYPES[format],
    "content-disposition": `attachment; filename="${surveyId}-responses.${format}"`,
    "cache-control": "no-store",
  };
}

async function* csvChunks(db: D1Database, scope: ExportScope): AsyncGenerator<string> {
  const columns = exportColumns(scope.definition, await answerKeys(db, scope.surveyId));
  yield csvHeader(columns);
  for await (const page of responsePages(db, scope.surveyId, scope.since)) yield csvRows(columns, page);
}

async function* ndjsonChunks(db: D1Database, scope: ExportScope): AsyncGenerator<string> {
  for await (const page of responsePages(db, scope.surveyId, scope.since)) yield page.map(ndjsonLine).join("");
}

/** A byte stream that pulls one chunk from `chunks` each time the reader wants more. */
function pullStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export function exportStream(db: D1Database, format: StreamedFormat, scope: ExportScope): ReadableStream<Uint8Array> {
  return pullStream(format === "csv" ? csvChunks(db, scope) : ndjsonChunks(db, scope));
}
