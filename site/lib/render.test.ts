import fc from "fast-check";
import { Marked } from "marked";
import { describe, expect, it } from "vitest";
import { compileSurvey } from "../../core/compile.ts";
import { SurveyDefinition } from "../../core/model.ts";
import { clientDefinition, excerpt, jsonForScript, markdown, plainText } from "./render.ts";

describe("markdown with pipes", () => {
  it("renders a placeholder as a data-pipe span holding its fallback", () => {
    expect(markdown("Hi **{{name|there}}**!")).toBe('<p>Hi <strong><span data-pipe="name">there</span></strong>!</p>');
  });

  it("renders a placeholder without fallback as an empty span, so the page reads neutrally", () => {
    expect(markdown("Thanks {{name}}.", true)).toBe('Thanks <span data-pipe="name"></span>.');
  });

  it("escapes fallbacks, which are text, not markup", () => {
    expect(markdown("{{name|<img src=x onerror=alert(1)>}}", true)).toBe('<span data-pipe="name">&lt;img src=x onerror=alert(1)&gt;</span>');
  });

  it("puts the plain fallback where a placeholder sits inside a tag", () => {
    expect(markdown("[link](https://example.com/{{code|none}})", true)).toBe('<a href="https://example.com/none">link</a>');
  });

  it("returns nothing for a missing or blank text", () => {
    expect(markdown(undefined)).toBe("");
    expect(markdown("  \n")).toBe("");
  });
});

describe("plain text and excerpts", () => {
  it("drops Markdown and keeps fallbacks, without stray spaces before punctuation", () => {
    expect(plainText("Two minutes about **your order**, {{name|friend}}.\n\nThanks & bye")).toBe("Two minutes about your order, friend. Thanks & bye");
  });

  it("cuts long text at a word and marks the cut", () => {
    const text = "word ".repeat(60).trim();
    const cut = excerpt(text, 50);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut.endsWith("word…")).toBe(true);
    expect(excerpt("short", 50)).toBe("short");
  });
});

describe("the definition the page script reads", () => {
  it("keeps what skip logic and validation need and drops what the HTML already shows", async () => {
    const survey = SurveyDefinition.parse({
      title: "T",
      questions: [
        { type: "note", text: "Shown in the HTML only." },
        { id: "a", type: "single", label: "Pick {{name}}", help: "Help", choices: [{ value: "v", label: "Long label" }], other: true, other_label: "Else", required: true },
        { id: "b", type: "text", label: "Why?", placeholder: "p", show_if: 'a == "v"', max_length: 40, pattern: "[a-z]+", message: "Lowercase only." },
      ],
    });
    const result = await compileSurvey("t", survey);
    if (!result.ok) throw new Error("fixture must compile");
    const def = clientDefinition(result.published);
    expect(def).toEqual({
      id: "t",
      hash: result.published.hash,
      survey: {
        pages: [
          {
            questions: [
              { id: "a", type: "single", required: true, choices: [{ value: "v" }], other: true },
              { id: "b", type: "text", required: false, max_length: 40, pattern: "[a-z]+", message: "Lowercase only." },
            ],
          },
        ],
      },
      conditions: result.published.conditions,
    });
  });

  it("can never close its <script> element early", () => {
    expect(jsonForScript({ t: "</script><script>alert(1)</script>" })).not.toContain("</script");
    expect(JSON.parse(jsonForScript({ t: "</script>" }))).toEqual({ t: "</script>" });
  });
});

describe("the plain-text shortcut past the Markdown parser", () => {
  // The same settings as render.ts: the shortcut must give exactly what marked gives.
  const reference = new Marked({ async: false, gfm: true });
  const alphabet = [..."aZé9 0 1,.?!'’\";:()-–*_#[]<>&/@`~|\\=+\n\t"].concat(["1. ", "2) ", "www.", "- ", "  "]);
  // Half from plain characters only, so the shortcut is taken often; half from anything.
  const plainAlphabet = [..."aZé9 01,.?!'’\";:()-"].concat(["1. ", "2) ", "www.", "  "]);
  const from = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((parts) => parts.join(""));
  const texts = fc.oneof(from(plainAlphabet), from(alphabet));

  it("renders every text, plain or not, exactly as marked does (block and inline)", () => {
    fc.assert(
      fc.property(texts, (text) => {
        fc.pre(text.trim() !== "" && !text.includes("{{"));
        expect(markdown(text)).toBe((reference.parse(text) as string).trim());
        expect(markdown(text, true)).toBe((reference.parseInline(text) as string).trim());
      }),
      { numRuns: 3000 },
    );
  });

  it("gives the same plain text as the Markdown route for titles like the generated ones", () => {
    for (const text of ["Generated survey 12", "Survey 3: how satisfied are you?", "What's new (2027)?", "1. First", "Ten questions, number 5."])
      expect(plainText(text)).toBe(
        (reference.parse(text) as string).replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!).replace(/\s+/g, " ").trim(),
      );
  });
});
