/**
 * `npm run bench -- build-many`: how the build scales with the number of surveys.
 * Generates N ten-question surveys (every question type, `show_if` on some) into a
 * temporary folder and builds the site from them into a temporary output, as
 * `npm run build` does (`CANVASS_SURVEYS_DIR`, `canvass build --out-dir`), in a child
 * process whose wall time and peak memory (largest resident set, GNU time's %M) are
 * measured. In the same run it builds a floor: a bare Astro project, generated into a
 * temporary folder and using this repository's Astro, that reads the same YAML files
 * with the `yaml` package and renders each as a plain HTML form, with no Canvass code.
 * Figures are ratios to that floor, so they hold on any machine; each is the best of
 * two alternating rounds (one at 5,000), as neighbours' load on a shared machine only
 * ever adds time.
 *
 * Budget (at N = 1,000): at most 1.5 times the floor's time and 1.2 times its memory.
 * N = 100 and 5,000 are reported only; `BENCH_QUICK=1` skips 5,000.
 *
 * @example
 *   npm run bench -- build-many
 *   node scripts/bench/build-many.bench.ts 200 2   # one size, best of 2 rounds, printed, nothing written
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../lib/stack.ts";
import type { BenchResult } from "./run.ts";

const BUDGET = { n: 1_000, time: 1.5, memory: 1.2 };
const TIME = "/usr/bin/time";

/** One generated survey: ten questions of every kind, the later ones shown only after some answers. */
function generatedSurvey(i: number): string {
  const choices = (k: number) => `[${["Price", "Quality", "Delivery", "Support", "Other"].slice(0, 3 + (k % 3)).join(", ")}]`;
  const questions = [
    `  - { id: q1, type: rating, label: "Survey ${i}: how satisfied are you?", scale: 5, required: true }`,
    `  - { id: q2, type: single, label: "What mattered most?", choices: ${choices(i)}, show_if: "q1 <= 3" }`,
    `  - { id: q3, type: multiple, label: "Which do you use?", choices: [App, Website, Phone], max: 2 }`,
    `  - { id: q4, type: nps, label: "How likely are you to recommend us?" }`,
    `  - { id: q5, type: text, label: "Your role", max_length: 80, show_if: "q3 includes \\"App\\"" }`,
    `  - { id: q6, type: dropdown, label: "Your region", choices: [North, South, East, West] }`,
    `  - { id: q7, type: yesno, label: "Would you order again?" }`,
    `  - { id: q8, type: number, label: "Orders this year", min: 0, max: 500 }`,
    `  - { id: q9, type: matrix, label: "Rate each", rows: [Speed, Price], columns: [Poor, Fair, Good], show_if: "q7 == \\"yes\\"" }`,
    `  - { id: q10, type: textarea, label: "Anything else about order ${i}?" }`,
  ];
  return [`title: Generated survey ${i}`, `description: Ten questions, number ${i}.`, "status: open", "questions:", ...questions, ""].join("\n");
}

async function writeSurveys(dir: string, n: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < n; i++) await writeFile(join(dir, `survey-${String(i).padStart(5, "0")}.yaml`), generatedSurvey(i));
}

/** The floor: a bare Astro project that turns each YAML file into a page with a plain form. */
const FLOOR_PAGE = `---
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
export function getStaticPaths() {
  const dir = process.env.FLOOR_SURVEYS;
  return readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => ({ params: { id: f.slice(0, -5) }, props: { survey: parse(readFileSync(join(dir, f), "utf8")) } }));
}
const { survey } = Astro.props;
---
<html lang="en"><head><meta charset="utf-8"><title>{survey.title}</title></head>
<body><h1>{survey.title}</h1><p>{survey.description}</p>
<form method="post" action={\`/api/responses/\${Astro.params.id}\`}>
{survey.questions.map((q) => (
  <fieldset><legend>{q.label}</legend>
  {q.choices ? q.choices.map((c) => <label><input type={q.type === "multiple" ? "checkbox" : "radio"} name={q.id} value={c} /> {c}</label>)
    : q.type === "textarea" ? <textarea name={q.id}></textarea> : <input name={q.id} type={q.type === "number" ? "number" : "text"} />}
  </fieldset>
))}
<button>Send</button></form></body></html>
`;

async function writeFloorProject(dir: string): Promise<void> {
  await mkdir(join(dir, "src/pages/s"), { recursive: true });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "floor", private: true, type: "module" }));
  await writeFile(join(dir, "astro.config.mjs"), 'export default { output: "static", build: { format: "directory" }, devToolbar: { enabled: false } };\n');
  await writeFile(join(dir, "src/pages/s/[id].astro"), FLOOR_PAGE);
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
}

type Run = { seconds: number; max_rss_mb: number | null };

/** Runs a command under GNU time (when installed) and reads its wall time and peak memory. */
function measured(command: string[], env: Record<string, string>, cwd = ROOT): Promise<Run> {
  const timed = existsSync(TIME);
  const argv = timed ? [TIME, "-f", "canvass-bench-time %e %M", ...command] : command;
  return new Promise((ok, fail) => {
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => { out += d; });
    child.stderr.on("data", (d: Buffer) => { out += d; });
    child.on("error", fail);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return fail(new Error(`${command.join(" ")} exited with ${code}\n${out.slice(-3000)}`));
      const kb = /canvass-bench-time [\d.]+ (\d+)/.exec(out)?.[1];
      ok({ seconds: Number(seconds.toFixed(2)), max_rss_mb: kb ? Math.round(Number(kb) / 1024) : null });
    });
  });
}

type Size = { n: number; canvass: Run; floor: Run; time_ratio: number; memory_ratio: number | null; pages: number };

const ratio = (a: number | null, b: number | null) => (a && b ? Number((a / b).toFixed(2)) : null);

/** The least time and the least memory of several runs: what the machine can do when nothing interferes. */
function best(runs: Run[]): Run {
  const rss = runs.map((r) => r.max_rss_mb).filter((m): m is number => m !== null);
  return { seconds: Math.min(...runs.map((r) => r.seconds)), max_rss_mb: rss.length ? Math.min(...rss) : null };
}

/** Builds N generated surveys with Canvass and with the floor, each into its own temporary output, best of `rounds`. */
async function measureSize(n: number, rounds: number): Promise<Size> {
  const tmp = await mkdtemp(join(tmpdir(), `canvass-bench-build-${n}-`));
  try {
    const surveys = join(tmp, "surveys");
    await writeSurveys(surveys, n);
    const floorDir = join(tmp, "floor");
    await writeFloorProject(floorDir);
    const node = process.execPath;
    const canvassRuns: Run[] = [];
    const floorRuns: Run[] = [];
    let pages = 0;
    // Alternate the two, so a neighbour's load on a shared machine falls on both alike.
    for (let round = 0; round < rounds; round++) {
      await rm(join(tmp, "out"), { recursive: true, force: true });
      canvassRuns.push(await measured([node, join(ROOT, "scripts/cli.ts"), "build", "--out-dir", join(tmp, "out")], { CANVASS_SURVEYS_DIR: surveys }));
      pages = (await readdir(join(tmp, "out/s"))).length;
      if (pages !== n) throw new Error(`the build made ${pages} survey pages for ${n} surveys`);
      floorRuns.push(await measured([node, join(ROOT, "node_modules/astro/bin/astro.mjs"), "build", "--silent"], { FLOOR_SURVEYS: surveys }, floorDir));
    }
    const canvass = best(canvassRuns);
    const floor = best(floorRuns);
    return { n, canvass, floor, pages, time_ratio: ratio(canvass.seconds, floor.seconds)!, memory_ratio: ratio(canvass.max_rss_mb, floor.max_rss_mb) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const line = (s: Size) =>
  `N=${s.n}: ${s.canvass.seconds} s, ${s.canvass.max_rss_mb ?? "?"} MB vs floor ${s.floor.seconds} s, ${s.floor.max_rss_mb ?? "?"} MB (time ${s.time_ratio}x, memory ${s.memory_ratio ?? "?"}x)`;

export default async function buildMany(): Promise<BenchResult> {
  const sizes = process.env.BENCH_QUICK === "1" ? [100, 1_000] : [100, 1_000, 5_000];
  const results: Size[] = [];
  for (const n of sizes) {
    console.log(`  building ${n} surveys, then the floor…`);
    results.push(await measureSize(n, n > BUDGET.n ? 1 : 2));
    console.log(`  ${line(results.at(-1)!)}`);
  }
  const budgeted = results.find((s) => s.n === BUDGET.n)!;
  const within = budgeted.time_ratio <= BUDGET.time && (budgeted.memory_ratio === null || budgeted.memory_ratio <= BUDGET.memory);
  return {
    name: "build-many",
    summary: `${line(budgeted)}; budget ${BUDGET.time}x time, ${BUDGET.memory}x memory`,
    within_budget: within,
    measure: { label: `${BUDGET.n} surveys: build time ÷ bare Astro`, value: budgeted.time_ratio, budget: BUDGET.time, unit: "x", better: "lower" },
    budget: { surveys: BUDGET.n, time_ratio: BUDGET.time, memory_ratio: BUDGET.memory },
    memory: "peak resident set of the largest process (GNU time %M)",
    sizes: results,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const n = Number(process.argv[2] ?? 100);
  console.log(line(await measureSize(n, Number(process.argv[3] ?? 1))));
}
