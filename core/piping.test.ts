import { describe, expect, it } from "vitest";
import { SurveyDefinition } from "./model.ts";
import { answerText, answerTexts, escapeHtml, fillTemplate, hasPipes, parseTemplate, pipeSources, singleLine } from "./piping.ts";
import { en } from "./i18n/en.ts";
import { stringsFor } from "./i18n/strings.ts";

describe("parseTemplate", () => {
  it("splits text into literal strings and placeholders", () => {
    expect(parseTemplate("How was {{company}}, {{name|friend}}?")).toEqual([
      "How was ",
      { field: "company", fallback: "" },
      ", ",
      { field: "name", fallback: "friend" },
      "?",
    ]);
  });

  it("allows spaces inside the braces and trims the fallback", () => {
    expect(parseTemplate("{{ name | dear customer }}")).toEqual([{ field: "name", fallback: "dear customer" }]);
  });

  it("leaves text that only looks like a placeholder alone", () => {
    expect(parseTemplate("{{}} {{ 1x }} {single} {{name")).toEqual(["{{}} {{ 1x }} {single} {{name"]);
    expect(hasPipes("no pipes {here}")).toBe(false);
    expect(hasPipes("Hi {{name}}")).toBe(true);
  });

  it("returns an empty list for an empty text", () => {
    expect(parseTemplate("")).toEqual([]);
  });
});

describe("fillTemplate", () => {
  it("fills fields, falls back when a field is missing or blank, and uses an empty string when there is no fallback", () => {
    const text = "Thanks {{name|friend}} from {{company}}!";
    expect(fillTemplate(text, { name: "Ada", company: "Acme" }, escapeHtml)).toBe("Thanks Ada from Acme!");
    expect(fillTemplate(text, { name: "  " }, escapeHtml)).toBe("Thanks friend from !");
    expect(fillTemplate(text, {}, escapeHtml)).toBe("Thanks friend from !");
  });

  it("escapes a substituted <script> so it can never run", () => {
    const out = fillTemplate("Hi {{name}}", { name: '<script>alert("x")</script>' }, escapeHtml);
    expect(out).toBe("Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(out).not.toContain("<script");
  });

  it("escapes fallbacks too, since they pass through the same path", () => {
    expect(fillTemplate("{{name|<b>you</b>}}", {}, escapeHtml)).toBe("&lt;b&gt;you&lt;/b&gt;");
  });

  it("flattens CR/LF in values so a name cannot start a new header or paragraph", () => {
    const subject = fillTemplate("Survey for {{name}}", { name: "Ada\r\nBcc: everyone@example.com" }, (v) => v);
    expect(subject).toBe("Survey for Ada Bcc: everyone@example.com");
    expect(subject).not.toMatch(/[\r\n]/);
    expect(fillTemplate("{{x}}", { x: "a\u2028b\u0000c\n\n\nd" }, (v) => v)).toBe("a b c d");
  });

  it("leaves the author's own text as written", () => {
    expect(fillTemplate("**Bold** <em>{{name}}</em>", { name: "A&B" }, escapeHtml)).toBe("**Bold** <em>A&amp;B</em>");
  });

  it("does not read inherited properties as fields", () => {
    expect(fillTemplate("{{constructor|none}}", {}, escapeHtml)).toBe("none");
  });
});

describe("helpers", () => {
  it("singleLine keeps ordinary text", () => expect(singleLine("Zoë – ok")).toBe("Zoë – ok"));
  it("escapeHtml escapes quotes for attributes", () => expect(escapeHtml(`"'&`)).toBe("&quot;&#39;&amp;"));
});

describe("{{q:id}}: earlier answers", () => {
  it("parses {{q:id}} and {{q:id|fallback}} as answer pipes, beside invitation fields", () => {
    expect(parseTemplate("Why {{q:score|that score}}, {{name}}? {{ q : plan }}")).toEqual([
      "Why ",
      { field: "score", fallback: "that score", answer: true },
      ", ",
      { field: "name", fallback: "" },
      "? ",
      { field: "plan", fallback: "", answer: true },
    ]);
    expect(hasPipes("{{q:x}}")).toBe(true);
    expect(parseTemplate("{{q:}} {{q:1x}}")).toEqual(["{{q:}} {{q:1x}}"]);
  });

  it("fillTemplate fills answer pipes from answers (never from the invitation's fields), escaped", () => {
    const text = "Your {{q:score|score}}, {{name|friend}}";
    expect(fillTemplate(text, { name: "Ada", score: "from the contact list" }, escapeHtml)).toBe("Your score, Ada");
    expect(fillTemplate(text, {}, escapeHtml, { score: '<script>alert("x")</script>' })).toBe("Your &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, friend");
    expect(fillTemplate(text, {}, escapeHtml, { score: "9" })).toBe("Your 9, friend");
  });

  it("answerText writes a choice's label, several joined with \", \", Yes/No, numbers as written, the Other text", () => {
    const plan = { labels: { pro: "Pro plan", free: "Free plan" } };
    expect(answerText("plan", { plan: "pro" }, plan)).toBe("Pro plan");
    expect(answerText("tools", { tools: ["pro", "free", "Other"], tools_other: "A watch" }, plan)).toBe("Pro plan, Free plan, A watch");
    expect(answerText("tools", { tools: ["Other"] }, { labels: {}, other: "Something else" })).toBe("Something else");
    expect(answerText("again", { again: "no" }, { labels: { yes: "Yes", no: "No" } })).toBe("No");
    expect(answerText("score", { score: 0 }, { labels: {} })).toBe("0");
    expect(answerText("amount", { amount: 2.5 }, { labels: {} })).toBe("2.5");
    expect(answerText("name", { name: "Zoë\nSmith" }, { labels: {} })).toBe("Zoë Smith");
  });

  it("answerText is undefined for an unanswered question (so the fallback shows), and never reads inherited keys", () => {
    expect(answerText("x", {}, { labels: {} })).toBeUndefined();
    expect(answerText("x", { x: "" }, { labels: {} })).toBeUndefined();
    expect(answerText("x", { x: [] }, { labels: {} })).toBeUndefined();
    expect(answerText("constructor", {}, { labels: {} })).toBeUndefined();
    expect(answerText("x", { x: "toString" }, { labels: {} })).toBe("toString");
  });

  it("a <script> answer stays text: escaped wherever it is filled into HTML", () => {
    const text = answerText("why", { why: "<script>alert(1)</script>" }, { labels: {} })!;
    expect(escapeHtml(text)).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("pipeSources lists the piped questions with their labels, and answerTexts knows what comes before each text", async () => {
    const survey = SurveyDefinition.parse({
      title: "T",
      thanks: "Thanks for {{q:plan|your answers}}",
      pages: [
        { questions: [{ id: "plan", type: "single", label: "Plan", choices: [{ value: "pro", label: "Pro plan" }, "Free"], other: true, other_label: "Else" }, { id: "ok", type: "yesno", label: "Sure about {{q:plan}}?" }] },
        { title: "About {{q:ok}}", questions: [{ id: "n", type: "number", label: "N" }] },
      ],
      endings: [{ text: "You said {{q:n}}" }],
    });
    expect(pipeSources(survey, en)).toEqual({ plan: { labels: { pro: "Pro plan" }, other: "Else" }, ok: { labels: { yes: "Yes", no: "No" } }, n: { labels: {} } });
    // A piped yes/no reads in the page's language, in the words its own choices show.
    expect(pipeSources(survey, stringsFor("de")).ok).toEqual({ labels: { yes: stringsFor("de").yes, no: stringsFor("de").no } });
    expect(stringsFor("de").yes).not.toBe("Yes");
    const where = answerTexts(survey).map((t) => [t.path.join("."), [...t.before]]);
    expect(where).toEqual([
      ["pages.0.questions.0.label", []],
      ["pages.0.questions.1.label", ["plan"]],
      ["pages.1.title", ["plan", "ok"]],
      ["pages.1.questions.0.label", ["plan", "ok"]],
      ["thanks", ["plan", "ok", "n"]],
      ["endings.0.text", ["plan", "ok", "n"]],
    ]);
  });
});
