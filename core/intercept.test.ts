import { describe, expect, it } from "vitest";
import { daysBetween, eligible, INTERCEPT_COOKIE, memoryValue, pathMatches, readMemory, type InterceptRule, type Visit } from "./intercept.ts";
import { InterceptSettings } from "./model.ts";

const rule = (over: object = {}): InterceptRule => InterceptSettings.parse({ origins: ["https://www.example.com"], ...over });
const visit = (over: Partial<Visit> = {}): Visit => ({ origin: "https://www.example.com", path: "/", today: "2026-12-01", memory: {}, shownThisVisit: 0, ...over });

describe("the intercept settings", () => {
  it("default to showing after 5 seconds to everyone, never again after an answer, 30 days after a dismissal, once per visit", () => {
    expect(rule()).toEqual({
      trigger: { after_seconds: 5 }, sample_percent: 100, origins: ["https://www.example.com"],
      recontact: { after_answer: "never", after_dismiss_days: 30, max_per_visit: 1 },
    });
  });

  it("are normalised idempotently (the Worker parses the published form again)", () => {
    expect(InterceptSettings.parse(rule())).toEqual(rule());
  });

  it("take https origins and loopback http origins for demos, nothing else", () => {
    for (const ok of ["https://www.example.com", "https://shop.example:8443", "http://127.0.0.1:8788", "http://localhost:4321"]) expect(InterceptSettings.safeParse({ origins: [ok] }).success, ok).toBe(true);
    for (const bad of ["http://www.example.com", "https://www.example.com/", "https://x.example/path", "www.example.com", "https://*.example.com", "http://127.0.0.1"]) expect(InterceptSettings.safeParse({ origins: [bad] }).success, bad).toBe(false);
  });
});

describe("the memory cookie", () => {
  it("holds only survey id, state and day, and reads back what it wrote", () => {
    const value = memoryValue({ "quick-pulse": { state: "answered", day: "2026-12-01" }, other: { state: "dismissed", day: "2026-11-02" } });
    expect(value).toBe("quick-pulse.a.2026-12-01|other.d.2026-11-02");
    expect(readMemory(`a=1; ${INTERCEPT_COOKIE.name}=${value}; b=2`)).toEqual({ "quick-pulse": { state: "answered", day: "2026-12-01" }, other: { state: "dismissed", day: "2026-11-02" } });
  });

  it("ignores anything it did not write, and reads a bounded number of entries", () => {
    expect(readMemory(`${INTERCEPT_COOKIE.name}=__proto__.a.2026-01-01|x.q.2026-01-01|<b>|y.d.2026-1-1`)).toEqual({});
    const many = Array.from({ length: 500 }, (_, i) => `s${i}.a.2026-01-01`).join("|");
    expect(Object.keys(readMemory(`${INTERCEPT_COOKIE.name}=${many}`))).toHaveLength(20);
  });
});

describe("who may be asked", () => {
  it("matches paths with * as a wildcard and nothing else special", () => {
    expect(pathMatches(undefined, "/anything")).toBe(true);
    expect(pathMatches(["/pricing*"], "/pricing/team")).toBe(true);
    expect(pathMatches(["/docs/*"], "/docs")).toBe(false);
    expect(pathMatches(["/a.b"], "/aXb")).toBe(false);
  });

  it("never asks again after an answer, unless after_answer gives days", () => {
    const memory = { s: { state: "answered" as const, day: "2026-01-01" } };
    expect(eligible(rule(), "s", visit({ memory }))).toBe(false);
    expect(eligible(rule({ recontact: { after_answer: 300 } }), "s", visit({ memory }))).toBe(true);
  });

  it("asks again after a dismissal only once after_dismiss_days have passed", () => {
    const memory = { s: { state: "dismissed" as const, day: "2026-12-01" } };
    expect(eligible(rule(), "s", visit({ memory, today: "2026-12-30" }))).toBe(false);
    expect(eligible(rule(), "s", visit({ memory, today: "2026-12-31" }))).toBe(true);
    expect(daysBetween("2026-12-01", "2026-12-31")).toBe(30);
  });

  it("keeps to the origins, paths, dates and shows per visit", () => {
    expect(eligible(rule(), "s", visit())).toBe(true);
    expect(eligible(rule(), "s", visit({ origin: "https://evil.example" }))).toBe(false);
    expect(eligible(rule({ paths: ["/pricing*"] }), "s", visit({ path: "/blog" }))).toBe(false);
    expect(eligible({ ...rule(), closes: "2026-11-30" }, "s", visit())).toBe(false);
    expect(eligible({ ...rule(), opens: "2026-12-02" }, "s", visit())).toBe(false);
    expect(eligible(rule(), "s", visit({ shownThisVisit: 1 }))).toBe(false);
  });
});
