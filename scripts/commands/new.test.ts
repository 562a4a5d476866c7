import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../cli.ts";
import { loadSurveys } from "../../build/surveys.ts";
import type { Io } from "./command.ts";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `canvass ...` in-process in a fresh folder, collecting what it prints. */
async function canvass(args: string[], cwd = mkdtempSync(join(tmpdir(), "canvass-new-"))) {
  temps.push(cwd);
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), cwd };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n"), cwd };
}

describe("canvass new", () => {
  it("writes a commented YAML starter that passes check", async () => {
    const { code, out, cwd } = await canvass(["new", "spring-event"]);
    expect(code).toBe(0);
    expect(out).toContain("created surveys/spring-event.yaml");
    const text = readFileSync(join(cwd, "surveys", "spring-event.yaml"), "utf8");
    expect(text).toMatch(/^# /m);
    expect(text).toContain("title: Spring event");
    const { published, issues } = await loadSurveys(join(cwd, "surveys"));
    expect(issues).toEqual([]);
    expect(published.map((p) => [p.id, p.survey.status])).toEqual([["spring-event", "draft"]]);
  });

  it("writes the Markdown form with --markdown, which passes check and has two pages", async () => {
    const { code, cwd } = await canvass(["new", "spring-event", "--markdown"]);
    expect(code).toBe(0);
    const { published, issues } = await loadSurveys(join(cwd, "surveys"));
    expect(issues).toEqual([]);
    expect(published[0]!.survey.pages).toHaveLength(2);
  });

  it("refuses an invalid id and suggests a valid one", async () => {
    const { code, err, cwd } = await canvass(["new", "Spring Event"]);
    expect(code).toBe(1);
    expect(err).toBe('"Spring Event" is not a valid survey id: use lowercase letters, digits and single dashes; try "spring-event"');
    expect(existsSync(join(cwd, "surveys"))).toBe(false);
  });

  it("refuses to overwrite a survey, or to reuse the id of one written in the other format", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "canvass-new-"));
    mkdirSync(join(cwd, "surveys"));
    writeFileSync(join(cwd, "surveys", "taken.md"), "keep me");
    const { code, err } = await canvass(["new", "taken"], cwd);
    expect(code).toBe(1);
    expect(err).toContain('surveys/taken.md already exists: the survey id "taken" is taken');
    expect(readFileSync(join(cwd, "surveys", "taken.md"), "utf8")).toBe("keep me");
    expect(existsSync(join(cwd, "surveys", "taken.yaml"))).toBe(false);
  });

  it("writes into another folder with --dir", async () => {
    const { code, cwd } = await canvass(["new", "x", "--dir", "elsewhere"]);
    expect(code).toBe(0);
    expect(existsSync(join(cwd, "elsewhere", "x.yaml"))).toBe(true);
  });

  it("treats a missing id or an unknown option as wrong usage (exit 2)", async () => {
    expect((await canvass(["new"])).code).toBe(2);
    const unknown = await canvass(["new", "x", "--makrdown"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown option '--makrdown'");
  });
});
