import { describe, expect, it } from "vitest";
import { budgetChart, budgetUse } from "./chart.ts";

describe("the benchmark chart", () => {
  it("measures budget use in the right direction for each kind of figure", () => {
    expect(budgetUse({ label: "", value: 7, budget: 14, unit: "B", better: "lower" })).toBe(0.5);
    expect(budgetUse({ label: "", value: 1, budget: 0.5, unit: "×", better: "higher" })).toBe(0.5);
    expect(budgetUse({ label: "", value: 0.25, budget: 0.5, unit: "×", better: "higher" })).toBe(2);
  });

  it("draws one bar per benchmark, red when over budget, with escaped labels", () => {
    const svg = budgetChart(
      [
        { name: "page-weight", measure: { label: "<page>", value: 9799, budget: 14336, unit: "B", better: "lower" } },
        { name: "slow", measure: { label: "x", value: 400, budget: 300, unit: "s", better: "lower" } },
      ],
      "2026-11-30 01:00 UTC",
    );
    expect(svg.match(/<rect x="260"/g)).toHaveLength(2);
    expect(svg).toContain('fill="#2f7d32"');
    expect(svg).toContain('fill="#b3261e"');
    expect(svg).toContain("&lt;page&gt;");
    expect(svg).toContain("68 % of budget");
  });

  it("marks the platform's limit on a bar, where the measure names one", () => {
    const measure = { label: "x", value: 0.59, budget: 0.8, unit: "×", better: "higher" as const };
    const plain = budgetChart([{ name: "submission", measure }], "t");
    const marked = budgetChart([{ name: "submission", measure: { ...measure, limit: { label: "ceiling", value: 0.64 } } }], "t");
    expect(plain.match(/<line /g)).toHaveLength(1); // the budget's dashed line only
    // budget use of the limit: 0.8 / 0.64 = 1.25 of a 1.5 scale over 400 px, from x = 260
    expect(marked.match(/<line /g)).toHaveLength(2);
    expect(marked).toContain('<line x1="593.3"');
    expect(marked).toContain("ceiling: 0.64 ×");
  });
});
