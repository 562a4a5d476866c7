import { describe, expect, it } from "vitest";
import { ERASED } from "../../core/api/people.ts";
import { MIN_CLIENTS, MIN_RESPONSES } from "../../core/results/benchmarks.ts";
import { benchmarkSentence, clientsSentence, erasureSentence, retentionSentence, surveyRetentionSentence, surveyRetentionSentences } from "./legal.ts";

describe("the privacy page's retention sentences", () => {
  it("states each survey's own retention_days, in the words the page uses", () => {
    expect(surveyRetentionSentence("Welcome aboard", 180)).toBe("Answers to Welcome aboard are deleted after 180 days.");
    expect(surveyRetentionSentence("Quick", 1)).toBe("Answers to Quick are deleted after 1 day.");
  });

  it("names only the surveys whose period differs from the site's default, sorted by title", () => {
    const surveys = [{ title: "Zeta", retentionDays: 30 }, { title: "Alpha", retentionDays: 90 }, { title: "Default", retentionDays: 365 }, { title: "None" }];
    expect(surveyRetentionSentences(surveys, { days: 365 })).toEqual(["Answers to Alpha are deleted after 90 days.", "Answers to Zeta are deleted after 30 days."]);
    expect(surveyRetentionSentences(surveys, { until: "deleted-by-owner" })).toHaveLength(3);
  });

  it("keeps the default's sentence for every other survey", () => {
    expect(retentionSentence("Responses", { days: 30 })).toBe("Responses are deleted automatically 30 days after they were received, or earlier if the survey owner deletes them.");
  });
});

describe("the privacy page's benchmark and erasure sentences", () => {
  it("states the benchmark minimum from the constants the code enforces", () => {
    expect(benchmarkSentence()).toContain(`aggregated across at least ${MIN_CLIENTS} clients and ${MIN_RESPONSES} responses`);
    expect(benchmarkSentence()).toContain("no response, contact or client is identifiable");
  });

  it("says how to ask for erasure and lists everything the erasure deletes", () => {
    const sentence = erasureSentence("privacy@example.org");
    expect(sentence).toMatch(/^To have your data erased, write to privacy@example.org/);
    for (const what of Object.values(ERASED)) expect(sentence).toContain(what);
    expect(sentence).toContain("never invited again");
  });
});

describe("the privacy page's clients sentence", () => {
  const one = { id: "acme", name: "Acme Ltd", industry: "retail" };
  const two = { id: "globex", name: "Globex", industry: "retail" };

  it("names every client from the config and says answers go only to the survey's own client", () => {
    const sentence = clientsSentence({ organisation: "Runner Ltd", clients: [one, two] });
    expect(sentence).toMatch(/^Runner Ltd runs the surveys on this site for 2 clients: Acme Ltd and Globex\./);
    expect(sentence).toContain("your answers are disclosed only to that client");
    expect(sentence).toContain("Other clients never see them");
  });

  it("reads naturally for a single-team site with one client", () => {
    expect(clientsSentence({ organisation: "Acme Ltd", clients: [{ ...one, default: true }] })).toMatch(/^Acme Ltd runs the surveys on this site for Acme Ltd\. Each survey/);
  });
});
