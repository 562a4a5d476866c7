/**
 * `npm run bench`: exports 100,000 responses of one survey from the real local stack
 * (`wrangler dev` with local D1, on a free loopback port, in a throwaway persistence
 * folder) with `canvass export <id> --format csv --out <file>`, run as its own process
 * exactly as a user runs it, and reports the seconds, responses per second, the CLI's
 * peak resident memory and the rows in the file (100,000 plus the header).
 *
 * The responses go into D1 before the Worker starts, as SQL INSERT batches through
 * `wrangler d1 execute DB --local --file`: it takes seconds, where 100,000 submissions
 * through the Worker's POST would take minutes and measure the submission path, which
 * is not what this benchmark is about. The answers come from scripts/lib/sample-answers.ts
 * (valid for the survey, skip logic respected), every tenth with a comment that has a
 * comma, quotes, a line break, emoji, right-to-left text and a leading `=`, so the row
 * count also checks that quoted line breaks stay inside their cell.
 *
 * Budgets: the export within 60 s, and the CLI's peak RSS under 200 MB: the CLI pipes
 * the Worker's stream to the file, so its memory must not grow with the export.
 */
import { createReadStream } from "node:fs";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SurveyList } from "../../core/api/results.ts";
import { catalogPath } from "../../core/catalog.ts";
import type { PublishedSurvey } from "../../core/compile.ts";
import { buildSite } from "../../build/site.ts";
import { RecordCounter } from "../commands/export.ts";
import { sampleAnswers, seeded } from "../lib/sample-answers.ts";
import { applyMigrations, freePort, ROOT, run, startWorker } from "../lib/stack.ts";
import type { BenchResult } from "./run.ts";

const RESPONSES = 100_000;
const SURVEY = "customer-feedback";
const BUDGET_SECONDS = 60;
const BUDGET_RSS_MB = 200;
/** Rows per INSERT: about 60 KB of SQL, under D1's 100 KB statement limit. */
const ROWS_PER_INSERT = 200;
const TRICKY = 'Fast, "cheap"\nand 👍🏽 مرحبا — =1+1';

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The INSERT statements for `n` responses, spread over 100 days, oldest first. */
function responsesSql(published: PublishedSurvey, n: number): string {
  const rnd = seeded(100_000);
  const start = Date.parse("2026-09-01T00:00:00Z");
  const statements: string[] = [];
  let values: string[] = [];
  for (let i = 0; i < n; i++) {
    const answers = sampleAnswers(published, rnd);
    if (i % 10 === 0) answers.comments = TRICKY;
    const at = new Date(start + Math.floor((i / n) * 100 * 86_400_000)).toISOString();
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    values.push(`(${sqlText(id)},${sqlText(SURVEY)},${sqlText(published.hash)},${sqlText(JSON.stringify(answers))},${sqlText(at)})`);
    if (values.length === ROWS_PER_INSERT || i === n - 1) {
      statements.push(`INSERT INTO responses (id, survey_id, definition_hash, answers, submitted_at) VALUES\n${values.join(",\n")};`);
      values = [];
    }
  }
  return statements.join("\n");
}

/** Records in a CSV file, counted as it streams past (quoted line breaks are not records). */
async function csvRecords(file: string): Promise<number> {
  const counter = new RecordCounter(true);
  for await (const chunk of createReadStream(file)) counter.add(chunk as Buffer);
  return counter.total;
}

// Loaded into the CLI's process with --import: prints its peak RSS (kB) as it exits. Linux keeps
// getrusage's maxRSS across fork and exec, so a child of a large process (`npm run bench` runs
// every bench in one) would report its parent's size; /proc/self/status's VmHWM belongs to the
// process's own address space, which exec starts afresh.
const PEAK_RSS_PROBE = `data:text/javascript,${encodeURIComponent(
  'import { readFileSync } from "node:fs"; process.on("exit", () => { let kb = process.resourceUsage().maxRSS; try { kb = Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))[1]); } catch {} process.stderr.write("peak-rss-kb " + kb + "\\n"); });',
)}`;

/** Runs `canvass <args>` as a process of its own; resolves with its exit code, stderr and peak RSS. */
function runCli(url: string, token: string, args: string[]): Promise<{ code: number | null; stderr: string; peakRssMb: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", PEAK_RSS_PROBE, join(ROOT, "scripts/cli.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, CANVASS_URL: url, CANVASS_TOKEN: token },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => {
      const kb = Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? NaN);
      done({ code, stderr: stderr.replace(/peak-rss-kb \d+\n/, "").trim(), peakRssMb: Math.round(kb / 1024) });
    });
  });
}

export default async function export100k(): Promise<BenchResult> {
  const catalogFile = join(ROOT, "dist", catalogPath(SURVEY));
  if (!existsSync(catalogFile) && (await buildSite({ quiet: true })) !== 0) throw new Error("the site did not build");
  const published = JSON.parse(await readFile(catalogFile, "utf8")) as PublishedSurvey;
  const persistTo = await mkdtemp(join(tmpdir(), "canvass-bench-export-"));
  const token = "bench-admin-token-0123456789abcdef";
  try {
    await applyMigrations(persistTo);
    const sqlFile = join(persistTo, "responses.sql");
    await writeFile(sqlFile, responsesSql(published, RESPONSES));
    const seeding = performance.now();
    await run("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", sqlFile, "--yes"], { quiet: true, env: { CI: "true" } });
    const seedSeconds = (performance.now() - seeding) / 1000;
    console.log(`  ${RESPONSES} responses stored in ${seedSeconds.toFixed(1)} s`);
    const port = await freePort();
    const worker = await startWorker({
      port,
      persistTo,
      quiet: true,
      vars: { CANVASS_ADMIN_TOKEN: token, CANVASS_SIGNING_KEY: "bench-signing-key-0123456789abcdef", PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    try {
      const list = (await (await fetch(`${worker.url}/api/admin/surveys`, { headers: { authorization: `Bearer ${token}` } })).json().catch(() => ({}))) as Partial<SurveyList>;
      const stored = list.surveys?.find((s) => s.id === SURVEY)?.responses ?? null;
      const out = join(persistTo, "export.csv");
      const started = performance.now();
      // What the CLI takes before it downloads anything (Node and the type-stripped modules), to read the peak against.
      const idle = await runCli(worker.url, token, ["export", "--help"]);
      const cli = await runCli(worker.url, token, ["export", SURVEY, "--format", "csv", "--out", out]);
      const seconds = (performance.now() - started) / 1000;
      if (cli.code !== 0) throw new Error(`canvass export exited with ${cli.code}: ${cli.stderr}`);
      const records = await csvRecords(out);
      const bytes = (await stat(out)).size;
      const perSecond = Math.round(RESPONSES / seconds);
      const ok = records === RESPONSES + 1 && seconds <= BUDGET_SECONDS && cli.peakRssMb < BUDGET_RSS_MB;
      return {
        name: "export-100k",
        summary: `${RESPONSES} responses exported as CSV in ${seconds.toFixed(1)} s (${perSecond}/s, ${(bytes / 1e6).toFixed(1)} MB, CLI peak RSS ${cli.peakRssMb} MB, ${records - 1} rows); budgets ${BUDGET_SECONDS} s and ${BUDGET_RSS_MB} MB`,
        within_budget: ok,
        measure: { label: `${RESPONSES} responses exported as CSV`, value: Number(seconds.toFixed(1)), budget: BUDGET_SECONDS, unit: "s", better: "lower" },
        responses: RESPONSES,
        stored_responses_listed: stored,
        seed_seconds: Number(seedSeconds.toFixed(2)),
        seconds: Number(seconds.toFixed(2)),
        responses_per_second: perSecond,
        file_bytes: bytes,
        file_rows: records - 1,
        file_records_with_header: records,
        cli_peak_rss_mb: cli.peakRssMb,
        cli_idle_peak_rss_mb: idle.peakRssMb,
        cli_said: cli.stderr.split("\n").at(-1),
        budget_seconds: BUDGET_SECONDS,
        budget_cli_peak_rss_mb: BUDGET_RSS_MB,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await rm(persistTo, { recursive: true, force: true });
  }
}
