import { describe, expect, it } from "vitest";
import { addDays, daysFrom, endOfDaySeconds, utcDay } from "./days.ts";
import { isDay } from "../days.ts";

describe("UTC days", () => {
  it("count across months and leap days", () => {
    expect(utcDay(Date.parse("2026-11-30T23:59:59.999Z"))).toBe("2026-11-30");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysFrom("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(daysFrom("2026-12-30", "2026-12-29")).toEqual([]);
  });

  it("a day ends at the next midnight", () => {
    expect(endOfDaySeconds("2026-11-30")).toBe(Date.parse("2026-12-01T00:00:00Z") / 1000);
  });

  it("isDay accepts only real calendar days", () => {
    expect(isDay("2026-11-30")).toBe(true);
    for (const t of ["2026-02-30", "2026-13-01", "26-11-30", "2026-11-30T00:00", "", "x"]) expect(isDay(t), t).toBe(false);
  });
});
