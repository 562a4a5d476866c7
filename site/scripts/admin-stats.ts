/**
 * The visitor-statistics admin page (site/pages/admin/stats.astro): asks for the admin
 * token, reads `GET /api/admin/stats` with it, and draws the counts as inline SVG. The
 * token is kept in this tab's sessionStorage only (site/scripts/admin-token.ts). Every value from the report is attacker-controllable
 * (anyone can send a beacon), so text goes into the page only through `textContent`.
 */
import type { StatsCount as Count, StatsReport as Report } from "../../core/stats/model.ts";
import { adminJson, el, forgetToken, savedToken } from "./admin-token.ts";

const SVG = "http://www.w3.org/2000/svg";
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>("stats-form");
const tokenInput = $<HTMLInputElement>("stats-token");
const status = $("stats-status");
const report = $("stats-report");
const number = new Intl.NumberFormat("en");
const regions = new Intl.DisplayNames(["en"], { type: "region" });

function svg(tag: string, attrs: Record<string, string | number>, title?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (title) e.appendChild(document.createElementNS(SVG, "title")).textContent = title;
  return e;
}

/** Views (light bars) and visitors (dark bars) per day, with the peak on the axis. */
function dayChart(days: Report["days"]): SVGElement {
  const width = 640, height = 180, top = 16, bottom = 22;
  const max = Math.max(1, ...days.map((d) => d.views));
  const step = width / days.length;
  const bar = Math.max(1, step * 0.8);
  const y = (n: number) => top + (height - top - bottom) * (1 - n / max);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "stats-chart", role: "img", "aria-label": `Views and visitors per day from ${days[0]?.day} to ${days.at(-1)?.day}` });
  chart.appendChild(svg("line", { x1: 0, x2: width, y1: y(0), y2: y(0), class: "axis" }));
  chart.appendChild(svg("text", { x: 0, y: 11, class: "label" })).textContent = `${number.format(max)} views`;
  days.forEach((d, i) => {
    const x = i * step + (step - bar) / 2;
    const g = chart.appendChild(svg("g", {}, `${d.day}: ${number.format(d.views)} views, ${number.format(d.visitors)} visitors`));
    g.appendChild(svg("rect", { x, width: bar, y: y(d.views), height: y(0) - y(d.views), class: "views" }));
    g.appendChild(svg("rect", { x, width: bar, y: y(d.visitors), height: y(0) - y(d.visitors), class: "visitors" }));
  });
  for (const [i, anchor] of [[0, "start"], [days.length - 1, "end"]] as const)
    if (days[i]) chart.appendChild(svg("text", { x: anchor === "start" ? 0 : width, y: height - 6, "text-anchor": anchor, class: "label" })).textContent = days[i]!.day;
  return chart;
}

/** A top list as a table, each row with a bar in proportion to its views. */
function topTable(rows: Count[], label: (value: string) => string): HTMLElement {
  if (rows.length === 0) return el("p", "Nothing counted in this range.", "mute");
  const max = Math.max(1, ...rows.map((r) => r.views));
  const table = el("table", undefined, "stats-top");
  const head = table.createTHead().insertRow();
  for (const h of ["", "Views", "Visitors"]) head.appendChild(el("th", h));
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    const th = tr.appendChild(el("th", label(r.value)));
    th.scope = "row";
    const bar = th.appendChild(svg("svg", { class: "stats-bar", viewBox: "0 0 100 4", preserveAspectRatio: "none", "aria-hidden": "true" }));
    bar.appendChild(svg("rect", { width: (100 * r.views) / max, height: 4 }));
    tr.appendChild(el("td", number.format(r.views)));
    tr.appendChild(el("td", number.format(r.visitors)));
  }
  return table;
}

function country(code: string): string {
  if (code === "XX") return "Unknown";
  if (code === "T1") return "Tor network";
  try {
    return `${regions.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}

function show(r: Report): void {
  $<HTMLInputElement>("stats-from").value = r.from;
  $<HTMLInputElement>("stats-to").value = r.to;
  $("stats-summary").textContent =
    `${r.from} to ${r.to}: ${number.format(r.totals.views)} page views by ${number.format(r.totals.visitors)} daily unique visitors.` +
    (r.retention_days ? ` Counts are kept for ${r.retention_days} days.` : "");
  $("stats-chart").replaceChildren(dayChart(r.days));
  const lists: [string, Count[], (v: string) => string][] = [
    ["stats-pages", r.pages, (v) => v],
    ["stats-referrers", r.referrers, (v) => v || "(none: direct, or from this site)"],
    ["stats-countries", r.countries, country],
    ["stats-devices", r.devices, (v) => v],
    ["stats-browsers", r.browsers, (v) => v],
  ];
  for (const [id, rows, label] of lists) $(id).replaceChildren(topTable(rows, label));
  report.hidden = false;
}

async function load(): Promise<void> {
  const token = tokenInput.value.trim();
  if (!token) return;
  const q = new URLSearchParams();
  for (const name of ["from", "to"]) {
    const v = $<HTMLInputElement>(`stats-${name}`).value;
    if (v) q.set(name, v);
  }
  status.textContent = "Loading…";
  const got = await adminJson<Report>(`/api/admin/stats?${q}`, token);
  if (!got.ok) {
    if (got.status === 401) report.hidden = true;
    status.textContent = got.message;
    return;
  }
  status.textContent = "";
  show(got.body);
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  void load();
});
$("stats-forget").addEventListener("click", () => {
  forgetToken();
  tokenInput.value = "";
  report.hidden = true;
  status.textContent = "The token is forgotten in this tab.";
});
const saved = savedToken();
if (saved) {
  tokenInput.value = saved;
  void load();
}
