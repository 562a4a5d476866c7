/**
 * `canvass export <survey> [--format csv|json|ndjson] [--out file] [--since <iso>]`:
 * downloads a survey's responses (GET /api/admin/surveys/<id>/responses) to a file or
 * to standard output. CSV and NDJSON are piped from the Worker's streamed export to the
 * file as they arrive, and JSON is written page by page along the list's cursor, so an
 * export of any size runs in bounded memory (scripts/bench/export-100k.bench.ts
 * measures it). Progress (responses and bytes so far) goes to stderr when it is a
 * terminal; the last line, "exported N responses to <file>", always does.
 *
 * @example
 *   $ npx canvass export customer-feedback --out feedback.csv
 *   exported 1204 responses to feedback.csv
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { Readable, Transform, type Writable } from "node:stream";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { EXPORT_FORMATS, type ExportFormat } from "../../core/api/results.ts";
import { isIsoTime } from "../../core/days.ts";
import { decimal } from "../../core/results/present.ts";
import { ApiError, apiTarget, type ApiTarget } from "../lib/api-client.ts";
import { exportStream, responsePages, type StreamedFormat } from "../lib/results-client.ts";
import { readArgs, UsageError, type Command } from "./command.ts";

const USAGE = "canvass export <survey> [--format csv|json|ndjson] [--out file] [--since <iso>]";

export type ExportProgress = { rows: number; bytes: number };

export type ExportOptions = {
  target: ApiTarget;
  survey: string;
  format: ExportFormat;
  since?: string | undefined;
  /** Where the export goes; called once, after the API accepted the request, so a refusal creates no file. Not ended here. */
  sink: () => Writable;
  onProgress?: (p: ExportProgress) => void;
};

/**
 * Counts the records of a CSV or NDJSON byte stream as it passes: a line feed ends a
 * record unless it is inside a quoted CSV cell (a `""` inside quotes toggles twice, so
 * counting quotes is enough); a last record without a line end counts too.
 */
export class RecordCounter {
  records = 0;
  bytes = 0;
  private quoted = false;
  private open = false;
  private readonly csv: boolean;
  constructor(csv: boolean) {
    this.csv = csv;
  }

  add(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    for (const byte of chunk) {
      if (byte === 0x22 && this.csv) this.quoted = !this.quoted;
      if (byte === 0x0a && !this.quoted) {
        this.records++;
        this.open = false;
      } else if (byte !== 0x0d) this.open = true;
    }
  }

  /** Records seen so far, the unfinished last one included. */
  get total(): number {
    return this.records + (this.open ? 1 : 0);
  }
}

async function pipeStream(o: ExportOptions, format: StreamedFormat): Promise<ExportProgress> {
  const body = await exportStream(o.target, o.survey, format, o.since);
  const counter = new RecordCounter(format === "csv");
  // The CSV's first record is its header row (a UTF-8 byte-order mark before it is not a record).
  const rows = () => Math.max(0, counter.total - (format === "csv" ? 1 : 0));
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.add(chunk);
      o.onProgress?.({ rows: rows(), bytes: counter.bytes });
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), count, o.sink(), { end: false });
  return { rows: rows(), bytes: counter.bytes };
}

/**
 * Writes text with backpressure. A file that cannot be opened or written fails later, as an
 * 'error' event: it is kept and thrown at the next write instead of crashing the process.
 */
function writer(sink: Writable): (text: string) => Promise<number> {
  let failed: Error | undefined;
  sink.on("error", (e) => (failed = e));
  return async (text) => {
    if (failed) throw failed;
    if (!sink.write(text)) await once(sink, "drain");
    return Buffer.byteLength(text);
  };
}

/** One JSON document `{"responses": [...]}`, one response a line, written as the pages arrive. */
async function writeJson(o: ExportOptions): Promise<ExportProgress> {
  const done: ExportProgress = { rows: 0, bytes: 0 };
  let write: ((text: string) => Promise<number>) | undefined;
  for await (const page of responsePages(o.target, o.survey, o.since)) {
    if (!write) {
      write = writer(o.sink());
      done.bytes += await write('{"responses":[');
    }
    for (const r of page.responses) {
      done.bytes += await write(`${done.rows ? "," : ""}\n${JSON.stringify(r)}`);
      done.rows++;
    }
    o.onProgress?.({ ...done });
  }
  if (write) done.bytes += await write("\n]}\n");
  return done;
}

/** Downloads the export into `o.sink()`; resolves with the responses and bytes written. */
export function exportResponses(o: ExportOptions): Promise<ExportProgress> {
  return o.format === "json" ? writeJson(o) : pipeStream(o, o.format);
}

function progressLine(p: ExportProgress): string {
  const size = p.bytes >= 1e6 ? `${(p.bytes / 1e6).toFixed(1)} MB` : `${decimal(Math.round(p.bytes / 1e3))} kB`;
  return `${decimal(p.rows)} responses, ${size}`;
}

/** Calls `show` at most every 200 ms (a progress line per chunk would flood the terminal). */
function throttled(show: (p: ExportProgress) => void): (p: ExportProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    show(p);
  };
}

function readOptions(args: string[]) {
  const { values, positionals } = readArgs(args, { format: { type: "string" }, out: { type: "string" }, since: { type: "string" } });
  const [survey, ...extra] = positionals;
  if (!survey || extra.length) throw new UsageError(`expected one survey id: ${USAGE}`);
  const format = (values.format ?? "csv") as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be csv, json or ndjson, not "${values.format}"`);
  if (values.since !== undefined && !isIsoTime(values.since)) {
    throw new UsageError(`--since must be an ISO date or time (2026-12-01 or 2026-12-01T09:30:00Z), not "${values.since}"`);
  }
  if (values.out === "") throw new UsageError("--out needs a file name");
  return { survey, format, since: values.since, out: values.out };
}

export const exportCommand: Command = {
  name: "export",
  summary: "download the responses of a survey (CSV, JSON or NDJSON)",
  help: [
    `Usage: ${USAGE}`,
    "",
    "Downloads every response of the survey, oldest first.",
    "",
    "Options:",
    "  --format csv|json|ndjson  csv (default): a header row of question ids, one row per response,",
    "                            UTF-8 with a byte-order mark; json: {\"responses\": [...]};",
    "                            ndjson: one response per line",
    "  --out <file>              write to this file (default: standard output)",
    "  --since <iso>             only responses submitted at or after this time, for incremental pulls",
    "",
    "Talks to CANVASS_URL (else http://127.0.0.1:$PORT when PORT is set, else port 8787)",
    "with CANVASS_TOKEN (default: the",
    "admin token in .dev.vars).",
  ].join("\n"),
  async run(args, io) {
    const { survey, format, since, out } = readOptions(args);
    const path = out === undefined ? undefined : resolve(io.cwd, out);
    const toTerminal = path === undefined && process.stdout.isTTY;
    const interactive = Boolean(process.stderr.isTTY) && !toTerminal;
    let file: WriteStream | undefined;
    try {
      const summary = await exportResponses({
        target: await apiTarget(),
        survey,
        format,
        since,
        sink: () => (path === undefined ? process.stdout : (file = createWriteStream(path))),
        onProgress: interactive ? throttled((p) => process.stderr.write(`\r${progressLine(p)}   `)) : undefined,
      });
      if (file) await new Promise<void>((ok, fail) => file!.end((e?: Error | null) => (e ? fail(e) : ok())));
      if (interactive) process.stderr.write("\r\x1b[K");
      io.err(`exported ${summary.rows} responses to ${out ?? "standard output"}`);
      return 0;
    } catch (e) {
      if (interactive) process.stderr.write("\n");
      if (file) {
        file.destroy();
        await rm(path!, { force: true });
      }
      if (!(e instanceof Error)) throw e;
      if (e instanceof ApiError) io.err(`canvass export: ${e.message}`);
      else if (path !== undefined && (e as NodeJS.ErrnoException).syscall) io.err(`canvass export: cannot write ${out}: ${e.message}`);
      else io.err(`canvass export: the download stopped: ${e.message}`);
      return 1;
    }
  },
};
