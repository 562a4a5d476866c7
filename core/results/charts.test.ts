import { describe, expect, it } from "vitest";
import { barChart, CHART_CSS, npsGauge, overTimeChart, responseDays, truncate } from "./charts.ts";

/** The text a reader sees: every `<text>` element's content, entities decoded. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!));
}
const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const ariaLabel = (svg: string) => decode(/aria-label="([^"]*)"/.exec(svg)![1]!);

function expectAccessibleImage(svg: string): void {
  expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="[^"]+"[^>]*><title>[^<]+<\/title>/);
  expect(svg).not.toMatch(/https?:|<script|font-face|@import/i);
}

describe("bar chart", () => {
  const svg = barChart("What mattered most?", [{ label: "Price", count: 3 }, { label: "Quality", count: 1 }, { label: "Delivery", count: 0 }], 4);

  it("labels each bar with its count and its share of those who answered", () => {
    expect(texts(svg)).toEqual(["Price", "3 (75%)", "Quality", "1 (25%)", "Delivery", "0 (0%)"]);
    expect(ariaLabel(svg)).toBe("What mattered most?: Price 3 (75%), Quality 1 (25%), Delivery 0 (0%)");
    expectAccessibleImage(svg);
  });

  it("draws each bar in proportion to its share", () => {
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"[^>]*class="chart-bar"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([202.5, 67.5, 0]);
  });

  it("escapes a label that looks like markup", () => {
    const evil = barChart('<script>alert("x")</script>', [{ label: "<script>alert(1)</script>", count: 1 }], 1);
    expect(evil).not.toContain("<script");
    expect(evil).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(texts(evil)[0]).toBe("<script>alert(1)</script>");
  });

  it("scales to a narrow screen: a viewBox, a relative width and no fixed height", () => {
    expect(svg).toMatch(/viewBox="0 0 360 \d+" width="100%" class="chart"/);
    expect(CHART_CSS).toContain(".chart{max-width:720px;height:auto}");
    expect(svg).not.toMatch(/ height="\d+" role=/);
  });
});

describe("NPS gauge", () => {
  it("shows the score and the three groups with counts and percentages", () => {
    const svg = npsGauge("Would you recommend us?", { score: 30, promoters: 5, passives: 3, detractors: 2 });
    expect(texts(svg)).toEqual([
      "NPS 30", "−100", "0", "100",
      "Detractors (0–6): 2 (20%)", "Passives (7–8): 3 (30%)", "Promoters (9–10): 5 (50%)",
    ]);
    expect(ariaLabel(svg)).toContain("NPS 30");
    expectAccessibleImage(svg);
    // The marker sits at 30 on the −100..100 scale drawn from x = 20 to 340: 20 + 0.65 · 320 = 228.
    expect(svg).toContain('<path d="M228.0 46');
  });

  it("says when there are no answers yet", () => {
    const svg = npsGauge("NPS", { score: null, promoters: 0, passives: 0, detractors: 0 });
    expect(texts(svg)[0]).toBe("NPS no answers yet");
    expect(svg).not.toContain("<path");
  });
});

describe("responses over time", () => {
  it("one column per day from the first to the last, empty days included, the busiest on the axis", () => {
    const svg = overTimeChart("Responses per day", { "2026-12-01": 4, "2026-12-03": 2 });
    const columns = [...svg.matchAll(/<title>(\d{4}-\d{2}-\d{2}): (\d+)<\/title>/g)].map((m) => [m[1], Number(m[2])]);
    expect(columns).toEqual([["2026-12-01", 4], ["2026-12-02", 0], ["2026-12-03", 2]]);
    expect(texts(svg)).toEqual(["busiest day: 4", "2026-12-01", "2026-12-03"]);
    expect(ariaLabel(svg)).toBe("Responses per day: 6 responses from 2026-12-01 to 2026-12-03");
    expectAccessibleImage(svg);
  });

  it("says when there are no responses", () => {
    expect(texts(overTimeChart("Per day", {}))).toEqual(["No responses yet."]);
  });

  it("escapes the title", () => {
    expect(overTimeChart("<b>", {})).toContain("&lt;b&gt;");
  });
});

describe("helpers", () => {
  it("truncates by code points, never splitting an emoji", () => {
    expect(truncate("😀😀😀😀", 3)).toBe("😀😀…");
    expect(truncate("short", 10)).toBe("short");
  });

  it("lists every day across a month end", () => {
    expect(responseDays("2026-11-29", "2026-12-01")).toEqual(["2026-11-29", "2026-11-30", "2026-12-01"]);
  });
});
