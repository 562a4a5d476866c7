/**
 * worker/catalog.ts answers "which survey, and does it take answers now" as a typed
 * value: the queue consumer and the cron read it as it is, and only the HTTP layer turns
 * it into a status (worker/http/surveys.ts). Fixture surveys: test/fixtures/surveys/.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { lookupSurvey } from "../../worker/catalog.ts";
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
