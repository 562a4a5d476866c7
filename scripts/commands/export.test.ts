/**
 * `canvass export` against a stand-in results API on a loopback port: the CSV and
 * NDJSON exports reach the file byte for byte as the Worker streamed them (in several
 * chunks, with a cell that holds a line break), JSON is paged along the cursor until
 * `next` is null, the token and `--since` are sent, and refusals are a sentence and
 * exit 1 with no file left behind.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "./command.ts";
import { runCommand, standInApi } from "./stand-in-api.ts";
import type { ResponsePage } from "../../core/api/results.ts";
import { main } from "../cli.ts";
import { exportCommand, exportResponses, RecordCounter } from "./export.ts";

const SURVEY = "poll";
// What the Worker's CSV export looks like: a byte-order mark, CRLF, a quoted cell with a line break and a quote,
// emoji, right-to-left text and a guarded formula.
const CSV = '\uFEFFsubmitted_at,response_id,comment,rating\r\n' +
  '2026-12-01T08:00:00Z,r1,"Fast, friendly\r\nand ""cheap""",5\r\n' +
  "2026-12-01T09:00:00Z,r2,👍🏽 مرحبا,4\r\n" +
  "2026-12-02T10:00:00Z,r3,'=HYPERLINK(\"x\"),1\r\n";
const NDJSON = ['{"id":"r1","answers":{"comment":"a\\nb"}}', '{"id":"r2","answers":{}}'].join("\n") + "\n";
const response = (id: string) => ({ id, submitted_at: `2026-12-01T08:00:0${id.slice(1)}Z`, definition_hash: "h".repeat(64), answers: { comment: `text ${id}` } });
const PAGES: Record<string, ResponsePage> = {
  "": { responses: [response("r1"), response("r2")], next: "c2" },
  c2: { responses: [response("r3")], next: "c3" },
  c3: { responses: [], next: null },
};

/** A `--since` the stand-in answers by breaking the connection after the header row. */
const BROKEN = "1999-01-01";

type Seen = { path: string; auth: string | undefined };
const seen: Seen[] = [];
let api: { close: () => Promise<void> };
const dir = mkdtempSync(join(tmpdir(), "canvass-export-"));

beforeAll(async () => {
  api = await standInApi((req, res) => {
    const url = new URL(req.url!, "http://x");
    seen.push({ path: `${url.pathname}${url.search}`, auth: req.headers.authorization });
    if (!url.pathname.startsWith(`/api/admin/surveys/${SURVEY}/responses`)) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: 'There is no survey "nope".' }));
      return;
    }
    const format = url.searchParams.get("format");
    if (url.searchParams.get("since") === BROKEN) {
      res.writeHead(200, { "content-type": "text/csv" });
      res.write("submitted_at,response_id\r\n");
      setTimeout(() => res.destroy(), 20);
    } else if (format === "csv") {
      // Three chunks, split inside the quoted cell and inside a multi-byte character.
      const bytes = Buffer.from(CSV);
      res.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
      res.write(bytes.subarray(0, 70));
      res.write(bytes.subarray(70, 131));
      res.end(bytes.subarray(131));
    } else if (format === "ndjson") {
      res.writeHead(200, { "content-type": "application/x-ndjson" }).end(NDJSON);
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(PAGES[url.searchParams.get("cursor") ?? ""]));
    }
  }, "export-test-token");
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runCommand(exportCommand, args, dir);

describe("canvass export", () => {
  it("writes exactly the bytes the API sent for csv, counting the responses (not the lines) in it", async () => {
    seen.length = 0;
    const r = await run([SURVEY, "--out", "poll.csv"]);
    expect(r).toEqual({ code: 0, out: "", err: "exported 3 responses to poll.csv" });
    expect(readFileSync(join(dir, "poll.csv")).equals(Buffer.from(CSV))).toBe(true);
    expect(seen).toEqual([{ path: `/api/admin/surveys/${SURVEY}/responses?format=csv`, auth: "Bearer export-test-token" }]);
  });

  it("streams ndjson as sent, and passes --since along", async () => {
    seen.length = 0;
    const r = await run([SURVEY, "--format", "ndjson", "--since", "2026-12-01T09:00:00Z", "--out", "poll.ndjson"]);
    expect(r.err).toBe("exported 2 responses to poll.ndjson");
    expect(readFileSync(join(dir, "poll.ndjson"), "utf8")).toBe(NDJSON);
    expect(seen.map((s) => s.path)).toEqual([`/api/admin/surveys/${SURVEY}/responses?format=ndjson&since=2026-12-01T09%3A00%3A00Z`]);
  });

  it("pages json along the cursor until next is null, and writes one JSON document", async () => {
    seen.length = 0;
    const r = await run([SURVEY, "--format", "json", "--out", "poll.json"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("exported 3 responses to poll.json");
    const base = `/api/admin/surveys/${SURVEY}/responses`;
    expect(seen.map((s) => s.path)).toEqual([`${base}?limit=1000`, `${base}?limit=1000&cursor=c2`, `${base}?limit=1000&cursor=c3`]);
    expect(seen.every((s) => s.auth === "Bearer export-test-token")).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "poll.json"), "utf8"))).toEqual({ responses: [response("r1"), response("r2"), response("r3")] });
  });

  it("writes to standard output when there is no --out", async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on("data", (c: Buffer) => chunks.push(c));
    const { apiTarget } = await import("../lib/api-client.ts");
    const done = await exportResponses({ target: await apiTarget(), survey: SURVEY, format: "csv", sink: () => sink });
    expect(done).toEqual({ rows: 3, bytes: Buffer.byteLength(CSV) });
    expect(Buffer.concat(chunks).toString()).toBe(CSV);
  });

  it("says the API's sentence for an unknown survey, exits 1 and leaves no file", async () => {
    for (const format of ["csv", "json"]) {
      const r = await run(["nope", "--format", format, "--out", `nope.${format}`]);
      expect(r).toEqual({ code: 1, out: "", err: 'canvass export: There is no survey "nope".' });
      expect(existsSync(join(dir, `nope.${format}`))).toBe(false);
    }
  });

  it("removes a half-written file when the download breaks off", async () => {
    const r = await run([SURVEY, "--since", BROKEN, "--out", "broken.csv"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^canvass export: /);
    expect(existsSync(join(dir, "broken.csv"))).toBe(false);
  });

  it("says so when the file cannot be written, in every format", async () => {
    for (const format of ["csv", "json", "ndjson"]) {
      const r = await run([SURVEY, "--format", format, "--out", `no-such-folder/poll.${format}`]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`^canvass export: cannot write no-such-folder/poll\\.${format}: ENOENT`));
    }
  });

  it("names the flag that is wrong, with exit code 2", async () => {
    const io = () => {
      const err: string[] = [];
      return { err, io: { out: () => {}, err: (l: string) => err.push(l), cwd: dir } satisfies Io };
    };
    for (const [args, flag] of [[["--format", "xml"], "--format"], [["--since", "last week"], "--since"], [["--fromat", "csv"], "--fromat"]] as const) {
      const { err, io: sink } = io();
      expect(await main(["export", SURVEY, ...args], sink)).toBe(2);
      expect(err.join("\n")).toContain(flag);
    }
    await expect(run([])).rejects.toThrow(/expected one survey id/);
  });
});

describe("RecordCounter", () => {
  it("counts records, not line breaks inside quoted cells, across chunk boundaries", () => {
    const counter = new RecordCounter(true);
    const bytes = Buffer.from('a,b\r\n"x\r\ny",2\r\n"q""",3');
    for (let i = 0; i < bytes.length; i += 3) counter.add(bytes.subarray(i, i + 3));
    expect(counter.total).toBe(3);
    expect(counter.bytes).toBe(bytes.length);
  });
});
