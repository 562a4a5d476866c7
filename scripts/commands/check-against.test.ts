/**
 * `canvass check --against <ref>` in a real, temporary git repository: a survey is
 * committed as it was live, changed in the working tree, and the command runs in-process
 * through its Command/Io seam, so what is asserted is exactly what CI prints and exits with.
 * Each edit keeps the line count of BASE, so the reported lines are those written here.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSurveys } from "../../build/surveys.ts";
import { PublishedSurvey } from "../../core/compile.ts";
import { csvHeader, csvRow, exportColumns } from "../../core/results/export.ts";
import { check } from "./check.ts";

const BASE = `title: Feedback
status: open
questions:
  - id: satisfaction
    type: rating
    label: How satisfied are you?
  - id: reason
    type: single
    label: What mattered most?
    choices: [Price, Quality, Delivery]
  - id: grid
    type: matrix
    label: Rate each
    rows: [Speed, Support]
    columns: [Poor, Good]
  - id: comment
    type: textarea
    label: Anything else?
`;
const WITHOUT_COMMENT = BASE.replace("  - id: comment\n    type: textarea\n    label: Anything else?\n", "");

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]) {
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir, stdio: "pipe" });
}

/** A repository whose last commit holds these survey files: the state "at the ref". */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "canvass-against-"));
  temps.push(dir);
  mkdirSync(join(dir, "surveys"));
  git(dir, "init", "-q");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "surveys", name), text);
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "live surveys");
  return dir;
}

/** Each test runs git a few times; on a loaded two-core machine that can pass vitest's 5 s default. */
const SLOW = { timeout: 30_000 };

const edit = (dir: string, name: string, text: string) => writeFileSync(join(dir, "surveys", name), text);

async function against(dir: string, ref = "HEAD") {
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), cwd: dir };
  const code = await check.run(["--against", ref], io);
  return { code, output: lines.join("\n") };
}

/** Runs BASE → `changed` and returns the outcome. */
async function changeLive(changed: string, name = "feedback.yaml") {
  const dir = repo({ [name]: BASE });
  edit(dir, name, changed);
  return against(dir);
}

describe("canvass check --against: changes that corrupt collected answers fail", SLOW, () => {
  it("fails when a question is removed, naming the file, line, id and the fix", async () => {
    const { code, output } = await changeLive(WITHOUT_COMMENT);
    expect(code).toBe(1);
    expect(output).toContain('surveys/feedback.yaml:3: questions: question "comment" was removed; answers already stored for it would belong to no question. To fix: keep the question');
    expect(output).toContain("breaking_changes_accepted: [comment]");
    expect(output).toContain("compared 1 survey with HEAD: 1 breaking change");
  });

  it("fails when a question id is renamed", async () => {
    const { code, output } = await changeLive(BASE.replace("id: reason", "id: why"));
    expect(code).toBe(1);
    expect(output).toContain('surveys/feedback.yaml:7: questions[1].id: question "reason" was renamed to "why"');
    expect(output).toContain('keep the id "reason" and change only the label');
  });

  it("fails when a choice value is changed", async () => {
    const { code, output } = await changeLive(BASE.replace("[Price, Quality, Delivery]", "[Price, Quality, { value: shipping, label: Delivery }]"));
    expect(code).toBe(1);
    expect(output).toContain('surveys/feedback.yaml:10: questions[1].choices: choice value "Delivery" of "reason" was changed to "shipping"');
  });

  it("fails when a choice is removed", async () => {
    const { code, output } = await changeLive(BASE.replace("[Price, Quality, Delivery]", "[Price, Quality]"));
    expect(code).toBe(1);
    expect(output).toContain('surveys/feedback.yaml:10: questions[1].choices: choice "Delivery" of "reason" was removed');
  });

  it("fails when a question's type is changed", async () => {
    const { code, output } = await changeLive(BASE.replace("type: rating", "type: number"));
    expect(code).toBe(1);
    expect(output).toContain('surveys/feedback.yaml:5: questions[0].type: the type of "satisfaction" was changed from rating to number');
  });

  it("fails when a matrix row is removed", async () => {
    const { code, output } = await changeLive(BASE.replace("rows: [Speed, Support]", "rows: [Speed]"));
    expect(code).toBe(1);
    expect(output).toContain('surveys/feedback.yaml:14: questions[2].rows: matrix row "Support" of "grid" was removed');
  });

  it("fails when a computed value's expression is changed, naming the line of the expression", async () => {
    const scored = (expression: string) => `title: Score\nstatus: open\nquestions:\n  - { id: a, type: rating, label: A? }\n  - id: total\n    type: computed\n    expression: ${expression}\n`;
    const dir = repo({ "score.yaml": scored("a * 2") });
    edit(dir, "score.yaml", scored("a * 20"));
    const { code, output } = await against(dir);
    expect(code).toBe(1);
    expect(output).toContain('surveys/score.yaml:7: questions[1].expression: the expression of computed value "total" was changed from "a * 2" to "a * 20"; values already stored under "total" were computed the old way');
    expect(output).toContain("To fix: keep the expression and add the new formula as a new computed value under a new id");
  });

  it("fails for a closed survey too, and places the line in a Markdown file", async () => {
    const md = (choices: string) => `---\ntitle: Onboarding\nstatus: closed\n---\n## Which features? {#features type=multiple}\n${choices}`;
    const dir = repo({ "onboarding.md": md("- Dashboards\n- Alerts\n") });
    edit(dir, "onboarding.md", md("- Dashboards\n"));
    const { code, output } = await against(dir);
    expect(code).toBe(1);
    expect(output).toMatch(/^surveys\/onboarding\.md:\d+: questions\[0\]\.choices: choice "Alerts" of "features" was removed/m);
  });
});

describe("canvass check --against: harmless changes pass", SLOW, () => {
  const passes = (output: string) => expect(output).toContain("compared 1 survey with HEAD: 0 breaking changes");

  it("passes new wording and help", async () => {
    const { code, output } = await changeLive(BASE.replace("label: What mattered most?", "label: What mattered most to you?\n    help: Pick one"));
    expect(code).toBe(0);
    passes(output);
  });

  it("passes a new optional question", async () => {
    const { code, output } = await changeLive(`${BASE}  - { id: age, type: number, label: Your age? }\n`);
    expect(code).toBe(0);
    passes(output);
  });

  it("passes a new choice", async () => {
    const { code, output } = await changeLive(BASE.replace("[Price, Quality, Delivery]", "[Price, Quality, Delivery, Support]"));
    expect(code).toBe(0);
    passes(output);
  });

  it("passes reordered questions split over new pages", async () => {
    const reordered = `title: Feedback
status: open
pages:
  - questions:
      - { id: comment, type: textarea, label: Anything else? }
      - { id: reason, type: single, label: What mattered most?, choices: [Delivery, Price, Quality] }
  - questions:
      - { id: grid, type: matrix, label: Rate each, rows: [Support, Speed], columns: [Good, Poor] }
      - { id: satisfaction, type: rating, label: How satisfied are you? }
`;
    const { code, output } = await changeLive(reordered);
    expect(code).toBe(0);
    passes(output);
  });

  it("passes a new required question with a note that stored answers simply lack it", async () => {
    const { code, output } = await changeLive(`${BASE}  - { id: age, type: number, label: Your age?, required: true }\n`);
    expect(code).toBe(0);
    expect(output).toMatch(/^surveys\/feedback\.yaml:19: questions\[4\]: note: new required question "age": harmless/m);
  });

  it("does not compare a survey that was a draft at the ref, or did not exist there", async () => {
    const dir = repo({ "feedback.yaml": BASE.replace("status: open", "status: draft") });
    edit(dir, "feedback.yaml", WITHOUT_COMMENT);
    edit(dir, "new-one.yaml", "title: New\nquestions:\n  - { id: ok, type: yesno, label: OK? }\n");
    expect(await against(dir)).toEqual({ code: 0, output: "checked 2 surveys, 0 problems\ncompared 0 surveys with HEAD: 0 breaking changes" });
  });

  it("notes, without failing, a live survey whose file was deleted", async () => {
    const dir = repo({ "feedback.yaml": BASE });
    unlinkSync(join(dir, "surveys", "feedback.yaml"));
    edit(dir, "other.yaml", "title: New\nquestions:\n  - { id: ok, type: yesno, label: OK? }\n");
    const { code, output } = await against(dir);
    expect(code).toBe(0);
    expect(output).toContain('surveys/feedback.yaml: note: "feedback" was open at HEAD and is gone');
  });
});

describe("canvass check --against: the reviewed override", SLOW, () => {
  it("lets a listed question's removal through, prints it as accepted, and the export keeps its column and answers", async () => {
    const dir = repo({ "feedback.yaml": BASE });
    edit(dir, "feedback.yaml", `${WITHOUT_COMMENT}breaking_changes_accepted: [comment]\n`);
    const { code, output } = await against(dir);
    expect(code).toBe(0);
    expect(output).toContain('surveys/feedback.yaml:3: questions: accepted (breaking_changes_accepted): question "comment" was removed');
    expect(output).toContain("compared 1 survey with HEAD: 0 breaking changes, 1 accepted");

    const { published } = await loadSurveys(join(dir, "surveys"));
    // What the Worker reads: the published JSON, checked against the same schema, carries the retired ids.
    const asServed = PublishedSurvey.parse(JSON.parse(JSON.stringify(published[0])));
    expect(asServed.survey.breaking_changes_accepted).toEqual(["comment"]);
    const columns = exportColumns(asServed);
    const stored = { id: "r1", submitted_at: "2026-12-01T10:00:00Z", answers: { satisfaction: 4, comment: "Old answer" } };
    expect(csvHeader(columns, { bom: false })).toBe("submitted_at,response_id,satisfaction,reason,grid.Speed,grid.Support,comment\r\n");
    expect(csvRow(columns, stored)).toBe("2026-12-01T10:00:00Z,r1,4,,,,Old answer\r\n");
  });

  it("still fails on an unlisted question beside a listed one", async () => {
    const dir = repo({ "feedback.yaml": BASE });
    edit(dir, "feedback.yaml", `${WITHOUT_COMMENT.replace("type: rating", "type: nps")}breaking_changes_accepted: [comment]\n`);
    const { code, output } = await against(dir);
    expect(code).toBe(1);
    expect(output).toContain("compared 1 survey with HEAD: 1 breaking change, 1 accepted");
  });
});

describe("canvass check --against: refusals", SLOW, () => {
  it("refuses an unknown ref with a sentence saying what to do", async () => {
    const { code, output } = await against(repo({ "feedback.yaml": BASE }), "origin/no-such-branch");
    expect(code).toBe(1);
    expect(output).toContain('canvass check --against: unknown git ref "origin/no-such-branch"');
    expect(output).toContain("git fetch origin");
  });

  it("refuses a ref that git would read as an option", async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), cwd: repo({ "feedback.yaml": BASE }) };
    const code = await check.run(["--against=--output=/tmp/x"], io);
    const output = lines.join("\n");
    expect(code).toBe(1);
    expect(output).toContain('"--output=/tmp/x" is not a git ref');
  });
});
