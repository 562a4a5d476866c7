import { describe, expect, it } from "vitest";
import { foldHits } from "./fold.ts";
import type { Hit } from "./model.ts";

const TODAY = "2026-11-30";
const hit = (over: Partial<Hit> = {}): Hit => ({ day: TODAY, path: "/", country: "GB", device: "desktop", browser: "Firefox", ...over });

describe("foldHits: a batch becomes one counter row per day, dimension and value", () => {
  it("sums views per value across every dimension", () => {
    const { rows } = foldHits([hit(), hit({ path: "/s/a/", referrer: "news.example" }), hit({ path: "/s/a/", country: "DE" })], TODAY);
    const get = (dimension: string, value: string) => rows.find((r) => r.dimension === dimension && r.value === value)?.views;
    expect(get("total", "")).toBe(3);
    expect(get("path", "/")).toBe(1);
    expect(get("path", "/s/a/")).toBe(2);
    expect(get("referrer", "")).toBe(2);
    expect(get("referrer", "news.example")).toBe(1);
    expect(get("country", "DE")).toBe(1);
    expect(rows.filter((r) => r.dimension === "total")).toHaveLength(1);
  });

  it("names a visitor as a candidate once, at their first view in the batch", () => {
    const { rows, candidates } = foldHits([hit({ visitor: "v".repeat(22) }), hit({ path: "/b/", visitor: "v".repeat(22) }), hit({ visitor: "w".repeat(22) })], TODAY);
    expect(candidates).toEqual(["v".repeat(22), "w".repeat(22)]);
    expect(rows.find((r) => r.dimension === "total")!.candidates).toHaveLength(2);
    expect(rows.find((r) => r.dimension === "path" && r.value === "/b/")!.candidates).toEqual([]);
  });

  it("notes the address each candidate came from, for the per-address visitor cap", () => {
    const { sources } = foldHits([hit({ visitor: "v".repeat(22), source: "s".repeat(22) }), hit({ visitor: "w".repeat(22) })], TODAY);
    expect(sources).toEqual({ ["v".repeat(22)]: "s".repeat(22) });
  });

  it("keeps days apart, and a past day's views name no candidates (its seen-set is gone)", () => {
    const { rows, candidates } = foldHits([hit({ day: "2026-11-29", visitor: "v".repeat(22) }), hit({ visitor: "v".repeat(22) })], TODAY);
    expect(rows.filter((r) => r.dimension === "total").map((r) => [r.day, r.views, r.candidates.length])).toEqual([["2026-11-29", 1, 0], [TODAY, 1, 1]]);
    expect(candidates).toEqual(["v".repeat(22)]);
  });
});
