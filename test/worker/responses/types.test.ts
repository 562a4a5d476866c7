/**
 * Format 1.1's ranking, slider, hidden field, exclusive None and randomised order in the
 * Worker: each stored as the page sends it, each broken form refused with 422 and a
 * sentence (nothing stored), the order shown kept in `responses.presentation` and carried
 * by the exports. Fixture: test/fixtures/surveys/types-poll.yaml.
 */
import { env } from "cloudflare:workers";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { admin, postForm, postJson, rows } from "../helpers.ts";

const URL_ = "/api/responses/types-poll";
const ORDER = { rank: ["Quality", "Price", "Speed"], tools: ["Website", "App"], "page:1": ["second", "first"] };

async function refused(body: Record<string, unknown>): Promise<{ error: string; errors?: Record<string, string> }> {
  const res = await postJson(URL_, { submission_id: crypto.randomUUID(), ...body });
  expect(res.status).toBe(422);
  expect(await rows("types-poll")).toHaveLength(0);
  return (await res.json()) as { error: string; errors?: Record<string, string> };
}

describe("the new question types in the Worker", () => {
  it("stores a ranking, a slider value, a hidden field and None as sent, with the order shown", async () => {
    const answers = { rank: ["Speed", "Price", "Quality"], effort: 4, source: "ads", tools: ["None"], first: "yes" };
    const res = await postJson(URL_, { submission_id: crypto.randomUUID(), answers, order: ORDER });
    expect(res.status).toBe(201);
    const { results } = await env.DB.prepare("SELECT answers, presentation FROM responses WHERE survey_id = 'types-poll'").all<{ answers: string; presentation: string }>();
    expect(results.map((r) => [JSON.parse(r.answers), JSON.parse(r.presentation)])).toEqual([[answers, ORDER]]);
  });

  it("without JavaScript: a ranking's positions are stored as the order, and no presentation is recorded", async () => {
    const res = await postForm(URL_, [["rank.Price", "3"], ["rank.Speed", "1"], ["rank.Quality", "2"], ["effort", "10"], ["tools", "App"], ["source", "newsletter"]]);
    expect(res.status).toBe(303);
    const { results } = await env.DB.prepare("SELECT answers, presentation FROM responses WHERE survey_id = 'types-poll'").all<{ answers: string; presentation: string | null }>();
    expect(results.map((r) => [JSON.parse(r.answers), r.presentation])).toEqual([[{ rank: ["Speed", "Quality", "Price"], effort: 10, source: "newsletter", tools: ["App"] }, null]]);
  });

  it("refuses two choices in one ranking position without JavaScript, naming them on the 422 page", async () => {
    const res = await postForm(URL_, [["rank.Price", "1"], ["rank.Speed", "1"], ["rank.Quality", "2"]]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Price and Speed are both in position 1: give each a different position.");
    expect(await rows("types-poll")).toHaveLength(0);
  });

  it("refuses a ranking that leaves a choice out or repeats one", async () => {
    expect((await refused({ answers: { rank: ["Speed", "Speed", "Price"] } })).errors).toEqual({ rank: "Put all 3 items in order, each once." });
  });

  it("refuses None together with another choice", async () => {
    expect((await refused({ answers: { tools: ["App", "None"] } })).errors).toEqual({ tools: '"None of these" cannot be chosen together with other options.' });
  });

  it("refuses a slider value off its grid or out of range", async () => {
    expect((await refused({ answers: { effort: 5 } })).errors).toEqual({ effort: "Choose a value from 0 to 10 in steps of 2." });
    expect((await refused({ answers: { effort: 12 } })).errors).toEqual({ effort: "Choose a value from 0 to 10 in steps of 2." });
  });

  it("drops a hidden field's value it does not take, keeping the rest of the response", async () => {
    const res = await postJson(URL_, { submission_id: crypto.randomUUID(), answers: { source: "<script>", effort: 2 } });
    expect(res.status).toBe(201);
    expect((await rows("types-poll")).map((r) => JSON.parse(r.answers))).toEqual([{ effort: 2 }]);
  });

  it("refuses an order that is not a permutation of the shuffled set, or names something not shuffled", async () => {
    expect((await refused({ answers: {}, order: { rank: ["Price", "Price", "Speed"] } })).error).toBe('The order of "rank" must list each of "Price", "Speed", "Quality" exactly once.');
    expect((await refused({ answers: {}, order: { effort: ["0"] } })).error).toContain('The order names "effort", which this survey does not shuffle');
    expect((await refused({ answers: {}, order: { "page:0": ["rank", "effort", "source", "tools"] } })).error).toContain("does not shuffle");
    expect((await refused({ answers: {}, order: ["rank"] })).error).toContain("order must be an object");
  });

  it("exports the order shown: an _order column in CSV, order in JSON and NDJSON; a ranking as a position per choice", async () => {
    const id = crypto.randomUUID();
    expect((await postJson(URL_, { submission_id: id, answers: { rank: ["Speed", "Price", "Quality"], tools: ["None"] }, order: ORDER })).status).toBe(201);
    const csv = await (await admin("/api/admin/surveys/types-poll/responses?format=csv")).text();
    const [header, row] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, "").trim()).data;
    const cells = Object.fromEntries(header!.map((name, i) => [name, row![i]]));
    expect(cells).toMatchObject({ "rank.Price": "2", "rank.Speed": "1", "rank.Quality": "3", "tools.None": "None", "tools.App": "", _order: JSON.stringify(ORDER) });
    const ndjson = await (await admin("/api/admin/surveys/types-poll/responses?format=ndjson")).text();
    expect(JSON.parse(ndjson.trim())).toMatchObject({ id, order: ORDER });
    const json = (await (await admin("/api/admin/surveys/types-poll/responses?format=json")).json()) as { responses: { order?: unknown }[] };
    expect(json.responses[0]!.order).toEqual(ORDER);
    const summary = (await (await admin("/api/admin/surveys/types-poll/summary")).json()) as { questions: Record<string, unknown> };
    expect(summary.questions.rank).toMatchObject({ type: "ranking", answered: 1, mean_position: { Speed: 1, Price: 2, Quality: 3 } });
  });
});
