import { describe, expect, it } from "vitest";
import { escapeHtml, fillTemplate, hasPipes, parseTemplate, singleLine } from "./piping.ts";

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
