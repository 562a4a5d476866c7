import { describe, expect, it } from "vitest";
import { formatIssue } from "./parse/source.ts";
import { parsePaper } from "./parse/paper.ts";
import { validateLeadRequest } from "./leads.ts";

const FRONT = `title: A paper
summary: What it says.
cover: covers/a.svg
author: Someone
date: 2026-11-30
file: a-paper.pdf
fields: [name, email]
consent_text: Send me news.`;

const parse = (front: string, body = "") => parsePaper("papers/a-paper.md", `---\n${front}\n---\n${body}`);
const problems = (front: string) => {
  const r = parse(front);
  return r.ok ? [] : r.issues.map(formatIssue);
};

describe("a paper file", () => {
  it("is its front matter plus an optional Markdown body; the slug is the file name", () => {
    const r = parse(FRONT, "\nMore about it.\n");
    expect(r.ok && r.paper).toMatchObject({ slug: "a-paper", body: "More about it.", front: { title: "A paper", fields: ["name", "email"] } });
  });

  it("an unknown key is an error naming the file, the line and a near miss", () => {
    expect(problems(`${FRONT}\nsumary: typo`)).toEqual([
      expect.stringMatching(/^papers\/a-paper\.md:10: sumary: unknown key "sumary" \(did you mean "summary"\?\)/),
    ]);
  });

  it("names each missing or wrong field with its line", () => {
    const out = problems(FRONT.replace("date: 2026-11-30", "date: 30/11/2026").replace("file: a-paper.pdf", "file: ../secret.pdf").replace("title: A paper\n", ""));
    expect(out).toContain("papers/a-paper.md:2: title: title is required");
    expect(out.filter((p) => p.includes("date"))).toHaveLength(1);
    expect(out.find((p) => p.includes("date"))).toMatch(/:5: date: a date is written YYYY-MM-DD/);
    expect(out.find((p) => p.includes(": file:"))).toMatch(/:6: file: a paper file is named in lowercase/);
  });

  it("must ask for email, and each field once, from the known fields only", () => {
    expect(problems(FRONT.replace("[name, email]", "[name]")).join()).toMatch(/must include email/);
    expect(problems(FRONT.replace("[name, email]", "[email, email]")).join()).toMatch(/only once/);
    expect(problems(FRONT.replace("[name, email]", "[email, phone]")).join()).toMatch(/fields\[1\]: a field is one of: name, email, company, job_title/);
  });

  it("without front matter, or with a bad slug, says what is expected", () => {
    expect(parsePaper("papers/x.md", "# Just text").ok).toBe(false);
    const r = parsePaper("papers/Bad Name.md", `---\n${FRONT}\n---\n`);
    expect(!r.ok && r.issues[0]!.message).toMatch(/slug/);
    // /papers/files/ is the download route.
    const files = parsePaper("papers/files.md", `---\n${FRONT}\n---\n`);
    expect(!files.ok && files.issues[0]!.message).toMatch(/cannot be called "files"/);
  });
});

describe("validateLeadRequest", () => {
  const paper = { fields: ["name", "email"] as ("name" | "email" | "company" | "job_title")[] };

  it("asks for exactly the configured fields, trims them, and reads absent consent as no", () => {
    expect(validateLeadRequest(paper, { name: " Ada ", email: " ada@example.com " })).toEqual({ ok: true, lead: { name: "Ada", email: "ada@example.com", marketing_consent: false } });
  });

  it("refuses a field the paper does not ask for, even a known one", () => {
    const r = validateLeadRequest(paper, { name: "Ada", email: "ada@example.com", company: "X" });
    expect(!r.ok && r.errors._form).toMatch(/does not ask for "company"/);
  });

  it("reports every missing field at once", () => {
    const r = validateLeadRequest({ fields: ["name", "email", "company", "job_title"] }, {});
    expect(!r.ok && Object.keys(r.errors)).toEqual(["name", "email", "company", "job_title"]);
  });
});
