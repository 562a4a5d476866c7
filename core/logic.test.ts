import { describe, expect, it } from "vitest";
import { compileSurvey } from "./compile.ts";
import { visibility } from "./logic.ts";
import { SurveyDefinition } from "./model.ts";

describe("skip logic", () => {
  it("shows a question called constructor, which every plain object inherits, when it has no show_if", async () => {
    const survey = SurveyDefinition.parse({ title: "T", questions: [{ id: "constructor", type: "text", label: "Who built it?" }] });
    const compiled = await compileSurvey("t", survey);
    if (!compiled.ok) throw new Error("did not compile");
    // Published conditions travel as JSON: an ordinary object with a prototype.
    const published = JSON.parse(JSON.stringify(compiled.published));
    expect(visibility(published, {}).questions.has("constructor")).toBe(true);
  });
});
