/**
 * worker/catalog.ts answers "which survey, and does it take answers now" as a typed
 * value: the queue consumer and the cron read it as it is, and only the HTTP layer turns
 * it into a status (worker/http/surveys.ts). Fixture surveys: test/fixtures/surveys/.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { catalogPath } from "../../core/catalog.ts";
import { CATALOG_FRESH_MS, findSurvey, lookupSurvey } from "../../worker/catalog.ts";
import { surveyRefusal } from "../../worker/http/surveys.ts";

const now = new Date();

describe("lookupSurvey", () => {
  it("an open survey comes with its published definition", async () => {
    const found = await lookupSurvey(env, "tiny-poll", now);
    expect(found.state).toBe("open");
    if (found.state === "open") expect(found.published.id).toBe("tiny-poll");
  });

  const refusals: [string, string, string, number][] = [
    ["nope", "unknown", 'There is no survey called "nope".', 404],
    ["NOT..AN..ID", "unknown", 'There is no survey called "NOT..AN..ID".', 404],
    ["draft-poll", "draft", "This survey is a draft and does not take answers yet.", 403],
    ["closed-poll", "closed", "This survey has closed and no longer takes answers.", 410],
    ["ended-poll", "ended", "This survey closed on 2020-01-31 and no longer takes answers.", 410],
    ["future-poll", "not-yet-open", "This survey opens on 2099-01-01.", 403],
  ];
  for (const [id, state, message, status] of refusals) {
    it(`${id}: ${state} as a value, never a thrown HTTP error; the HTTP layer makes it ${status}`, async () => {
      const found = await lookupSurvey(env, id, now);
      expect(found).toEqual({ state, message });
      if (found.state === "open") throw new Error("expected a refusal");
      const problem = surveyRefusal(found);
      expect([problem.status, problem.message]).toEqual([status, message]);
    });
  }

  it("a malformed id is cut short in the message", async () => {
    const found = await lookupSurvey(env, "X".repeat(300), now);
    expect(found).toEqual({ state: "unknown", message: `There is no survey called "${"X".repeat(80)}".` });
  });

  it("an upload words the draft and date refusals for what it does", async () => {
    const wording = { draft: "This survey is a draft; invitations can be sent once it is open.", afterDates: "No invitations were stored." };
    const draft = await lookupSurvey(env, "draft-poll", now);
    const closed = await lookupSurvey(env, "closed-poll", now);
    if (draft.state === "open" || closed.state === "open") throw new Error("expected refusals");
    expect(surveyRefusal(draft, wording).message).toBe(wording.draft);
    expect(surveyRefusal(closed, wording).message).toBe("This survey has closed and no longer takes answers. No invitations were stored.");
  });
});

/**
 * The parsed-definition cache (worker/catalog.ts). A stand-in ASSETS binding serves one
 * definition and counts its reads, and a test clock decides when the cache is stale; the
 * real build's rebuild under `npm start` is covered by test/browser/catalog-reload.test.ts.
 */
describe("findSurvey's cache", () => {
  async function fakeAssets() {
    const real = await (await env.ASSETS.fetch(new Request(`https://assets.invalid${catalogPath("tiny-poll")}`))).text();
    const files = new Map([[catalogPath("tiny-poll"), real]]);
    const reads: string[] = [];
    const ASSETS = {
      fetch: async (req: Request) => {
        const path = new URL(req.url).pathname;
        reads.push(path);
        const text = files.get(path);
        return text === undefined ? new Response("not found", { status: 404 }) : new Response(text, { headers: { "content-type": "application/json" } });
      },
    } as unknown as Fetcher;
    return { env: { ASSETS }, files, reads, real };
  }

  it("a survey looked up again within CATALOG_FRESH_MS is served without reading its file", async () => {
    const fake = await fakeAssets();
    let t = 1_000_000;
    const first = await findSurvey(fake.env, "tiny-poll", () => t);
    t += CATALOG_FRESH_MS - 1;
    const again = await findSurvey(fake.env, "tiny-poll", () => t);
    expect(again).toBe(first);
    expect(fake.reads).toEqual([catalogPath("tiny-poll")]);
  });

  it("a rebuilt definition is read and parsed anew once the cached one is stale", async () => {
    const fake = await fakeAssets();
    let t = 1_000_000;
    const before = await findSurvey(fake.env, "tiny-poll", () => t);
    const rebuilt = JSON.parse(fake.real) as { survey: { title: string }; hash: string };
    rebuilt.survey.title = "A rebuilt title";
    fake.files.set(catalogPath("tiny-poll"), JSON.stringify(rebuilt));
    t += CATALOG_FRESH_MS;
    const after = await findSurvey(fake.env, "tiny-poll", () => t);
    expect(before && "survey" in before ? before.survey.title : null).not.toBe("A rebuilt title");
    expect(after && "survey" in after ? after.survey.title : null).toBe("A rebuilt title");
    expect(fake.reads).toHaveLength(2);
  });

  it("an unchanged file read again keeps the parsed definition (no second schema check)", async () => {
    const fake = await fakeAssets();
    let t = 1_000_000;
    const first = await findSurvey(fake.env, "tiny-poll", () => t);
    t += CATALOG_FRESH_MS * 5;
    expect(await findSurvey(fake.env, "tiny-poll", () => t)).toBe(first);
    expect(fake.reads).toHaveLength(2);
  });

  it("a survey removed by a rebuild is unknown once stale, and unknown ids are never kept", async () => {
    const fake = await fakeAssets();
    let t = 1_000_000;
    expect(await findSurvey(fake.env, "tiny-poll", () => t)).not.toBeNull();
    fake.files.delete(catalogPath("tiny-poll"));
    t += CATALOG_FRESH_MS;
    expect(await findSurvey(fake.env, "tiny-poll", () => t)).toBeNull();
    expect(await findSurvey(fake.env, "tiny-poll", () => t)).toBeNull();
    // Each lookup of a missing survey reads again: nothing is cached for ids a client makes up.
    expect(fake.reads).toHaveLength(3);
  });
});
