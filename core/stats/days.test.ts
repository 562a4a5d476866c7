import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, daysFrom, endOfDaySeconds, MAX_LISTED_DAYS, utcDay } from "./days.ts";
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

  it("daysFrom and addDays end for any input, and the list is bounded", () => {
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("9999-12-31", "0001-01-01", "+010000-01-01", "2026-02-30", ""));
    const day = fc.date({ min: new Date(Date.UTC(-1000, 0, 1)), max: new Date(Date.UTC(12000, 0, 1)), noInvalidDate: true }).map((d) => utcDay(d));
    fc.assert(
      fc.property(fc.oneof(text, day), fc.oneof(text, day), fc.integer({ min: -1e9, max: 1e9 }), (from, to, n) => {
        let list: string[] = [];
        try {
          list = daysFrom(from, to);
        } catch (e) {
          expect(e).toBeInstanceOf(RangeError);
        }
        expect(list.length).toBeLessThanOrEqual(MAX_LISTED_DAYS);
        try {
          expect(isDay(addDays(from, n))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(RangeError);
        }
      }),
    );
  });

  it("counts the days between two days without listing them", () => {
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
    expect(daysBetween("0001-01-01", "9999-12-30")).toBe(3_652_057);
    expect(daysBetween("2027-01-02", "2026-12-30")).toBe(-3);
  });

  it("refuses what is not a day, or a list too long to build", () => {
    expect(() => daysFrom("0001-01-01", "9999-12-30")).toThrow(RangeError);
    expect(() => daysFrom("2026-12-30", "9999-12-31")).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => addDays("nonsense", 1)).toThrow(RangeError);
  });
});
