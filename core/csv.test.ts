import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.ts";

describe("toCsv", () => {
  it("writes a header and one line per row, CRLF, empty cells for missing values", () => {
    expect(toCsv(["a", "b"], [{ a: "x", b: 1 }, { a: null }])).toBe("a,b\r\nx,1\r\n,");
  });

  it("a cell that would run as a formula is shown as text, whatever its first character", () => {
    const evil = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1\n=2"];
    const csv = toCsv(["v"], evil.map((v) => ({ v })));
    const cells = Papa.parse<string[]>(csv).data.slice(1).map((r) => r[0]);
    expect(cells).toEqual(evil.map((v) => `'${v}`));
  });

  it("leaves numbers, booleans and ordinary text alone, and quotes commas and quotes", () => {
    expect(toCsv(["n", "b", "t"], [{ n: -5, b: true, t: 'Smith, "Al"' }])).toBe('n,b,t\r\n-5,true,"Smith, ""Al"""');
  });
});
