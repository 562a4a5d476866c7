/**
 * The benchmark summary as a picture: one bar per benchmark showing how much of its
 * budget the measured figure uses (under 100 % is within budget), so a regression is
 * seen at a glance in bench/results/summary.svg. A measure may carry a `limit`: the best
 * figure the platform allows at all (the submission's ceiling), drawn as a tick on its bar.
 */
export type BenchMeasure = { label: string; value: number; budget: number; unit: string; better: "lower" | "higher"; limit?: { label: string; value: number } };

/** Share of the budget used: for "lower is better" value/budget, for "higher is better" budget/value. */
export function budgetUse(m: BenchMeasure): number {
  if (m.better === "lower") return m.value / m.budget;
  return m.value > 0 ? m.budget / m.value : Number.POSITIVE_INFINITY;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function budgetChart(rows: { name: string; measure: BenchMeasure }[], at: string): string {
  const width = 720;
  const barX = 260;
  const barW = 400;
  const rowH = 46;
  const height = 70 + rows.length * rowH;
  const scale = 1.5; // the bar area spans 0–150 % of budget
  const x100 = barX + barW / scale;
  const bars = rows.map((r, i) => {
    const y = 50 + i * rowH;
    const use = budgetUse(r.measure);
    const w = Math.min(barW, (Math.min(use, scale) / scale) * barW);
    const colour = use <= 1 ? "#2f7d32" : "#b3261e";
    const limit = r.measure.limit;
    const figure = `${r.measure.value} ${r.measure.unit} (budget ${r.measure.better === "lower" ? "≤" : "≥"} ${r.measure.budget} ${r.measure.unit}${limit ? `; ${limit.label}: ${limit.value} ${r.measure.unit}` : ""})`;
    const limitUse = limit ? budgetUse({ ...r.measure, value: limit.value }) : undefined;
    const limitX = limitUse === undefined ? undefined : barX + (Math.min(limitUse, scale) / scale) * barW;
    return `<text x="10" y="${y + 14}" font-weight="bold">${esc(r.name)}</text>
<text x="10" y="${y + 32}" font-size="11" fill="#555">${esc(r.measure.label)}</text>
<rect x="${barX}" y="${y}" width="${w.toFixed(1)}" height="20" fill="${colour}"><title>${esc(figure)}</title></rect>${limitX === undefined ? "" : `
<line x1="${limitX.toFixed(1)}" y1="${y - 3}" x2="${limitX.toFixed(1)}" y2="${y + 23}" stroke="#111" stroke-width="3"><title>${esc(`${limit!.label}: ${limit!.value} ${r.measure.unit}`)}</title></line>`}
<text x="${barX + 4}" y="${y + 36}" font-size="11">${esc(`${Math.round(use * 100)} % of budget: ${figure}`)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13" role="img" aria-label="Benchmarks against their budgets">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="24" font-size="15" font-weight="bold">Benchmarks: share of budget used (${esc(at)})</text>
<line x1="${x100}" y1="40" x2="${x100}" y2="${height - 10}" stroke="#333" stroke-dasharray="4 3"/>
<text x="${x100 + 4}" y="${height - 12}" font-size="11">budget</text>
${bars.join("\n")}
</svg>
`;
}
