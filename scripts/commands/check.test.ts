/**
 * `canvass check` as authors and CI run it: a real child process, so the exit code
 * and the printed file:line are exactly what a terminal or a CI log shows.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NODE = join(ROOT, "node_modules", ".bin", "node");

function canvass(args: string[], cwd = ROOT, node = NODE, entry = "scripts/cli.ts") {
  const run = spawnSync(node, [join(ROOT, entry), ...args], { cwd, encoding: "utf8" });
  return { code: run.status, output: run.stdout + run.stderr };
}

const temps: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "canvass-check-"));
  temps.push(dir);
  mkdirSync(join(dir, "surveys"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "surveys", name), text);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const GOOD = "title: Fine\nquestions:\n  - { id: ok, type: yesno, label: All good? }\n";
const BROKEN = "title: Broken\nquestions:\n  - id: ok\n    type: ratin\n    label: Rate us\n";

// Each test starts a Node process; on a loaded two-core machine that alone can pass vitest's 5 s default.
describe("canvass check", { timeout: 30_000 }, () => {
  it("exits 1 and prints file:line: path: message when a survey is broken", () => {
    const dir = folder({ "good.yaml": GOOD, "broken.yaml": BROKEN });
    const { code, output } = canvass(["check", join(dir, "surveys")]);
    expect(code).toBe(1);
    expect(output).toContain(`${join(dir, "surveys", "broken.yaml")}:4: questions[0].type: unknown question type "ratin" (did you mean "rating"?)`);
    expect(output).toContain("checked 2 surveys, 1 problem");
  });

  it("prints paths relative to where it runs when given a relative folder", () => {
    const dir = folder({ "broken.yaml": BROKEN });
    const { code, output } = canvass(["check", "surveys"], dir);
    expect(code).toBe(1);
    expect(output).toMatch(/^surveys\/broken\.yaml:4: questions\[0\]\.type: /m);
  });

  it("checks ./surveys when no folder is given", () => {
    const dir = folder({ "good.yaml": GOOD, "also-good.md": "---\ntitle: Also\n---\n## Fine? {#fine type=yesno}\n" });
    expect(canvass(["check"], dir)).toEqual({ code: 0, output: "checked 2 surveys, 0 problems\n" });
  });

  it("also checks the white papers in ./papers when no folder is given", () => {
    const dir = folder({ "good.yaml": GOOD });
    mkdirSync(join(dir, "papers"));
    writeFileSync(join(dir, "papers", "guide.md"), "---\ntitle: A guide\ntitel: typo\n---\n");
    const { code, output } = canvass(["check"], dir);
    expect(code).toBe(1);
    expect(output).toMatch(/^papers\/guide\.md:3: titel: unknown key "titel" \(did you mean "title"\?\)/m);
  });

  it("rejects two files with the same survey id", () => {
    const dir = folder({ "same.yaml": GOOD, "same.md": "---\ntitle: Also\n---\n## Fine? {#fine type=yesno}\n" });
    const { code, output } = canvass(["check", "surveys"], dir);
    expect(code).toBe(1);
    expect(output).toContain('surveys/same.md: survey id "same" is used by 2 files (');
  });

  it("exits 1 for a folder that does not exist", () => {
    const { code, output } = canvass(["check", "no-such-folder"], folder({}));
    expect(code).toBe(1);
    expect(output).toContain("no-such-folder: cannot read the survey folder: no such folder");
  });

  it("passes the example surveys in the repository", () => {
    const { code, output } = canvass(["check"]);
    expect(output).toMatch(/^checked \d+ surveys(, \d+ papers?)?, 0 problems$/m);
    expect(code).toBe(0);
  });

  it("runs through the bin launcher under whichever Node starts it (re-running an old one with the bundled Node)", () => {
    const dir = folder({ "broken.yaml": BROKEN });
    const { code, output } = canvass(["check", "surveys"], dir, process.execPath, "scripts/canvass.js");
    expect(code).toBe(1);
    expect(output).toContain("surveys/broken.yaml:4:");
  });
});

// Each case spawns the CLI; on a loaded two-core machine that can take longer than the default 5 s.
describe("canvass check: the client a survey or paper belongs to (canvass.config.ts clients)", { timeout: 30_000 }, () => {
  it("refuses an unknown client in a YAML survey, naming file, line and the client field", () => {
    const dir = folder({ "poll.yaml": `title: Poll\nclient: nortwind\nquestions:\n  - { id: ok, type: yesno, label: OK? }\n` });
    const { code, output } = canvass(["check", "surveys"], dir);
    expect(code).toBe(1);
    expect(output).toContain('surveys/poll.yaml:2: client: unknown client "nortwind" (did you mean "northwind"?); canvass.config.ts declares: canvass-example, northwind');
  });

  it("refuses an unknown client in a Markdown survey's front matter, on its line", () => {
    const dir = folder({ "poll.md": "---\ntitle: Poll\nstatus: open\nclient: acme\n---\n## OK? {#ok type=yesno}\n" });
    const { code, output } = canvass(["check", "surveys"], dir);
    expect(code).toBe(1);
    expect(output).toMatch(/^surveys\/poll\.md:4: client: unknown client "acme"; canvass\.config\.ts declares: /m);
  });

  it("refuses an unknown client in a paper's front matter, on its line", () => {
    const dir = folder({ "poll.yaml": GOOD });
    mkdirSync(join(dir, "papers"));
    writeFileSync(join(dir, "papers", "guide.md"), "---\ntitle: A guide\nsummary: Short.\ncover: covers/guide.svg\nauthor: Us\ndate: 2026-11-30\nfile: guide.pdf\nfields: [email]\nconsent_text: Yes please.\nclient: nobody\n---\n");
    const { code, output } = canvass(["check"], dir);
    expect(code).toBe(1);
    expect(output).toMatch(/^papers\/guide\.md:10: client: unknown client "nobody"; canvass\.config\.ts declares: /m);
  });

  it("accepts a declared client, and a survey without one (the config has a default)", () => {
    const dir = folder({ "theirs.yaml": `title: Theirs\nclient: northwind\nquestions:\n  - { id: ok, type: yesno, label: OK? }\n`, "ours.yaml": GOOD });
    const { code, output } = canvass(["check", "surveys"], dir);
    expect(output).toContain("checked 2 surveys, 0 problems");
    expect(code).toBe(0);
  });
});
