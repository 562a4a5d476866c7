import { describe, expect, it } from "vitest";
import { keptTime } from "./anonymity.ts";

describe("keptTime", () => {
  const at = new Date("2026-12-01T23:59:59.999Z");

  it("an anonymous survey keeps only the UTC day", () => {
    expect(keptTime(at, true)).toBe("2026-12-01");
  });

  it("a named survey keeps the exact time", () => {
    expect(keptTime(at, false)).toBe("2026-12-01T23:59:59.999Z");
  });

  it("the day read back as a time is midnight UTC, as responses store it", () => {
    expect(new Date(keptTime(at, true)).toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
});
