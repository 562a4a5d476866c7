import { describe, expect, it } from "vitest";
import { parseSurvey } from "../parse/index.ts";
import {
  CLIENT_MARGIN, industryAggregate, MIN_CLIENTS, MIN_RESPONSES, publishDecision, quantile, score, setChange, thresholds, weekOf, type ClientScore,
} from "./benchmarks.ts";

const clients = (n: number, responses = 20, scoreOf = (i: number) => i * 10): ClientScore[] =>
  Array.from({ length: n }, (_, i) => ({ client: `c${i + 1}`, score: scoreOf(i + 1), responses }));

describe("a client's score", () => {
  it("nps is % promoters minus % detractors", () => {
    expect(thresholds("nps", {})).toEqual({ high: 9, low: 6 });
    expect(score("nps", { n: 10, sum: 0, high: 5, low: 2 })).toBe(30);
  });
  it("csat is the share of the top two boxes of the rating's scale", () => {
    expect(thresholds("csat", { scale: 7 })).toEqual({ high: 6, low: null });
    expect(score("csat", { n: 8, sum: 0, high: 6, low: 0 })).toBe(75);
  });
  it("a metric of your own is the mean answer", () => {
    expect(thresholds("effort", { scale: 5 })).toEqual({ high: null, low: null });
    expect(score("effort", { n: 4, sum: 14, high: 0, low: 0 })).toBe(3.5);
  });
  it("no answers is no score", () => expect(score("nps", { n: 0, sum: 0, high: 0, low: 0 })).toBeNull());
});

describe("the industry aggregate", () => {
  it("median and quartiles interpolate between client scores (type 7)", () => {
    expect(quantile([10, 20, 30, 40, 50], 0.5)).toBe(30);
    expect(quantile([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(industryAggregate(clients(5)).aggregate).toEqual({ clients: 5, responses: 100, median: 30, q1: 20, q3: 40 });
  });
  it(`is withheld below ${MIN_CLIENTS} clients, below ${MIN_RESPONSES} responses, and published at the threshold`, () => {
    expect(industryAggregate(clients(MIN_CLIENTS - 1, 100)).aggregate).toBeNull();
    expect(industryAggregate(clients(MIN_CLIENTS, 19)).aggregate).toBeNull();
    expect(industryAggregate(clients(MIN_CLIENTS, MIN_RESPONSES / MIN_CLIENTS)).aggregate).not.toBeNull();
  });
  it("counts each client once, whatever its number of answers, and ignores clients without answers", () => {
    const skewed = [...clients(5), { client: "big", score: 100, responses: 10_000 }, { client: "none", score: null, responses: 0 }];
    const { contributors, aggregate } = industryAggregate(skewed);
    expect(contributors).toEqual(["big", "c1", "c2", "c3", "c4", "c5"]);
    expect(aggregate?.median).toBe(35);
  });
  it("holds nothing that names a client: only counts and statistics", () => {
    expect(Object.keys(industryAggregate(clients(6)).aggregate!).sort()).toEqual(["clients", "median", "q1", "q3", "responses"]);
  });
});

describe("the differencing guard", () => {
  const computed = (ids: string[]) => industryAggregate(ids.map((client, i) => ({ client, score: i * 7, responses: 30 })));
  const six = ["a", "b", "c", "d", "e", "f"];

  it("publishes the first aggregate that meets the minimum, and an unchanged client set", () => {
    expect(publishDecision(computed(six), null)).toEqual({ publish: true });
    expect(publishDecision(computed(six), { contributors: six })).toEqual({ publish: true });
  });
  it("holds back a set that differs from the last published one by one client (one left, or one joined)", () => {
    expect(publishDecision(computed(six.slice(0, 5)), { contributors: six })).toEqual({ publish: false, reason: "one-client-change" });
    expect(publishDecision(computed([...six, "g"]), { contributors: six })).toEqual({ publish: false, reason: "one-client-change" });
  });
  it("publishes again once two clients changed, or the set has the margin above the minimum", () => {
    expect(publishDecision(computed(["a", "b", "c", "d", "e", "g"]), { contributors: six })).toEqual({ publish: true });
    const big = Array.from({ length: MIN_CLIENTS + CLIENT_MARGIN }, (_, i) => `k${i}`);
    expect(publishDecision(computed(big), { contributors: [...big, "gone"] })).toEqual({ publish: true });
    expect(setChange(["a", "b"], ["b", "c"])).toBe(2);
  });
  it("never publishes below the minimum", () => {
    expect(publishDecision(computed(["a", "b", "c", "d"]), null)).toEqual({ publish: false, reason: "minimum" });
  });
});

describe("weeks", () => {
  it("a week starts on Monday, UTC", () => {
    expect(weekOf(new Date("2026-12-01T12:00:00Z"))).toBe("2026-11-30");
    expect(weekOf(new Date("2026-11-30T00:00:00Z"))).toBe("2026-11-30");
    expect(weekOf(new Date("2026-12-06T23:59:59Z"))).toBe("2026-11-30");
    expect(weekOf(new Date("2026-12-07T00:00:00Z"))).toBe("2026-12-07");
  });
});

describe("canvass check on benchmark", () => {
  const survey = (question: string) => `title: T\nquestions:\n  - ${question}\n`;
  const problems = async (question: string) => {
    const r = await parseSurvey("surveys/t.yaml", survey(question));
    return r.ok ? [] : r.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`);
  };
  it("takes nps on an nps question, csat on a rating, a metric of your own on a number, rating or nps", async () => {
    for (const q of ["{ id: a, type: nps, label: A, benchmark: nps }", "{ id: a, type: rating, label: A, benchmark: csat }", "{ id: a, type: number, label: A, benchmark: effort-score }"])
      expect(await problems(q)).toEqual([]);
  });
  it("refuses each on the wrong type, naming the line and field", async () => {
    expect(await problems("{ id: a, type: rating, label: A, benchmark: nps }")).toEqual(["3: questions[0].benchmark: benchmark nps needs an nps question; this is a rating question"]);
    expect(await problems("{ id: a, type: nps, label: A, benchmark: csat }")).toEqual(["3: questions[0].benchmark: benchmark csat needs a rating question; this is a nps question"]);
    expect(await problems("{ id: a, type: text, label: A, benchmark: effort }")).toEqual(["3: questions[0].benchmark: benchmark effort needs a number, rating or nps question; this is a text question"]);
    expect((await problems("{ id: a, type: nps, label: A, benchmark: NPS! }"))[0]).toContain("a benchmark is nps, csat or a metric name");
  });
  it("counts a survey towards each benchmark once", async () => {
    const r = await parseSurvey("surveys/t.yaml", "title: T\nquestions:\n  - { id: a, type: nps, label: A, benchmark: nps }\n  - { id: b, type: nps, label: B, benchmark: nps }\n");
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual(['benchmark nps is already on question "a"; a survey counts towards each benchmark once']);
  });
});
