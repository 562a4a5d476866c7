/**
 * Small charts of a summary as inline SVG strings, for the admin results page and the
 * HTML report: horizontal bars for choice counts, an NPS gauge, responses per day.
 *
 * Pure string building, so the same code runs in the Worker, the CLI and the browser.
 * Every text from a survey or a response is escaped (core/piping.ts `escapeHtml`): a
 * choice called `<script>` is drawn as text. Each chart is `role="img"` with a `<title>`
 * and an `aria-label` that say in words what it shows. Text is drawn in `currentColor`
 * and bars in mid-tone colours (overridable with the CSS variables `--chart-bar`,
 * `--chart-promoters`, `--chart-passives`, `--chart-detractors`), so charts read on light
 * and dark pages alike; they use the system font and scale down to a 375 px wide screen.
 * Meant to be inlined in HTML (no `xmlns`, which would also be the only URL in a report).
 * No `style` attributes: the site's Content-Security-Policy refuses them (core/security-headers.ts),
 * so colours and sizing come from classes and `CHART_CSS`, which a page that shows charts
 * includes once, with plain `fill` colours for a page without it.
 *
 * @example
 *   barChart("What mattered most?", [{ label: "Price", count: 3 }, { label: "Quality", count: 1 }], 4)
 *   // '<svg viewBox="0 0 360 …" role="img" aria-label="What mattered most?: Price 3 (75%), Quality 1 (25%)">…'
 */
import { escapeHtml } from "../piping.ts";
import { addDays, daysBetween, daysFrom, MAX_LISTED_DAYS } from "../stats/days.ts";

export type Bar = { label: string; count: number };
export type NpsGroups = { score: number | null; promoters: number; passives: number; detractors: number };

const WIDTH = 360;
const number = new Intl.NumberFormat("en");
const fmt = (n: number) => number.format(n);
export const percent = (count: number, base: number) => (base > 0 ? Math.round((100 * count) / base) : 0);
/** The bars' colours when the page sets no `--chart-<name>`. */
const COLOURS = { bar: "#3f7dd1", promoters: "#3c9d5d", passives: "#9e9e9e", detractors: "#d9534f" } as const;
type Colour = keyof typeof COLOURS;
const colour = (name: Colour) => `class="chart-${name}" fill="${COLOURS[name]}"`;

/** The charts' stylesheet: sizing, and each colour overridable by its CSS variable. */
export const CHART_CSS = `.chart{max-width:${WIDTH * 2}px;height:auto}` +
  Object.entries(COLOURS).map(([name, fallback]) => `.chart-${name}{fill:var(--chart-${name},${fallback})}`).join("");

/** Shortens a label to `max` characters (whole code points, so an emoji is never cut in half). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** The outer element: scales to its container, text in the page's colour and font. */
function svg(height: number, label: string, body: string): string {
  const name = escapeHtml(label);
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" class="chart" role="img" aria-label="${name}" font-family="system-ui,sans-serif" font-size="12" fill="currentColor"><title>${name}</title>${body}</svg>`;
}

function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ""}>${escapeHtml(content)}</text>`;
}

/** A faint full-width track and the bar on it. */
function barRect(x: number, y: number, width: number, fill: number, fillStyle: string): string {
  return `<rect x="${x}" y="${y}" width="${width}" height="12" rx="2" fill="currentColor" fill-opacity="0.12"/><rect x="${x}" y="${y}" width="${fill.toFixed(1)}" height="12" rx="2" ${fillStyle}/>`;
}

/** One bar per item, its length the share of `base` (the respondents who answered), with count and percentage. */
export function barChart(title: string, bars: readonly Bar[], base: number): string {
  const row = 34;
  const barWidth = WIDTH - 90;
  const body = bars.map((b, i) => {
    const y = i * row;
    const value = `${fmt(b.count)} (${percent(b.count, base)}%)`;
    return `<g>${text(0, y + 12, truncate(b.label, 56))}${barRect(0, y + 17, barWidth, (barWidth * percent(b.count, base)) / 100, colour("bar"))}${text(WIDTH, y + 27, value, 'text-anchor="end"')}</g>`;
  });
  const words = bars.map((b) => `${b.label} ${fmt(b.count)} (${percent(b.count, base)}%)`).join(", ");
  return svg(Math.max(row, bars.length * row), `${title}: ${words}`, body.join(""));
}

/** The score on a −100..100 scale, and the three groups as one stacked bar with a legend. */
export function npsGauge(title: string, nps: NpsGroups): string {
  const total = nps.promoters + nps.passives + nps.detractors;
  const score = nps.score === null ? "no answers yet" : `${nps.score}`;
  const x = (s: number) => 20 + ((s + 100) / 200) * (WIDTH - 40);
  const marker = nps.score === null ? "" : `<path d="M${x(nps.score).toFixed(1)} 46l-6 -10h12z"/>`;
  const groups: [string, number, Colour][] = [
    ["Detractors (0–6)", nps.detractors, "detractors"],
    ["Passives (7–8)", nps.passives, "passives"],
    ["Promoters (9–10)", nps.promoters, "promoters"],
  ];
  let left = 20;
  const stacked = groups.map(([, n, name]) => {
    const w = total > 0 ? (n / total) * (WIDTH - 40) : 0;
    const rect = `<rect x="${left.toFixed(1)}" y="84" width="${w.toFixed(1)}" height="14" ${colour(name)}/>`;
    left += w;
    return rect;
  });
  const legend = groups.map(([label, n, name], i) =>
    `<rect x="20" y="${110 + i * 18}" width="10" height="10" ${colour(name)}/>${text(36, 119 + i * 18, `${label}: ${fmt(n)} (${percent(n, total)}%)`)}`);
  const body = [
    text(WIDTH / 2, 22, `NPS ${score}`, 'text-anchor="middle" font-size="18" font-weight="bold"'),
    `<rect x="20" y="48" width="${WIDTH - 40}" height="8" rx="4" fill="currentColor" fill-opacity="0.15"/>`,
    marker,
    text(20, 72, "−100", 'text-anchor="start" font-size="11"'),
    text(WIDTH / 2, 72, "0", 'text-anchor="middle" font-size="11"'),
    text(WIDTH - 20, 72, "100", 'text-anchor="end" font-size="11"'),
    ...stacked,
    ...legend,
  ];
  const words = groups.map(([label, n]) => `${label} ${fmt(n)}`).join(", ");
  return svg(166, `${title}: NPS ${score}; ${words}`, body.join(""));
}

/**
 * Every UTC day from `first` to `last` (`YYYY-MM-DD`), so days without responses show as
 * gaps; at most `MAX_LISTED_DAYS` of them, counted from `first`.
 */
export function responseDays(first: string, last: string): string[] {
  return daysFrom(first, daysBetween(first, last) < MAX_LISTED_DAYS ? last : addDays(first, MAX_LISTED_DAYS - 1));
}

/** One column per UTC day from the first response to the last, the busiest day on the axis. */
export function overTimeChart(title: string, overTime: Readonly<Record<string, number>>): string {
  const counted = Object.keys(overTime).sort();
  if (counted.length === 0) return svg(30, `${title}: no responses yet`, text(0, 18, "No responses yet."));
  const days = responseDays(counted[0]!, counted.at(-1)!);
  const count = (d: string) => (Object.hasOwn(overTime, d) ? overTime[d]! : 0);
  const total = days.reduce((n, d) => n + count(d), 0);
  const max = Math.max(1, ...days.map(count));
  const [top, bottom, height] = [22, 128, 150];
  const step = WIDTH / days.length;
  const columns = days.map((d, i) => {
    const h = ((bottom - top) * count(d)) / max;
    return `<rect x="${(i * step + step * 0.1).toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${Math.max(0.5, step * 0.8).toFixed(1)}" height="${h.toFixed(1)}" ${colour("bar")}><title>${escapeHtml(d)}: ${fmt(count(d))}</title></rect>`;
  });
  const body = [
    text(0, 12, `busiest day: ${fmt(max)}`, 'font-size="11"'),
    `<line x1="0" x2="${WIDTH}" y1="${bottom}" y2="${bottom}" stroke="currentColor" stroke-opacity="0.4"/>`,
    ...columns,
    text(0, height - 6, days[0]!, 'font-size="11"'),
    days.length > 1 ? text(WIDTH, height - 6, days.at(-1)!, 'text-anchor="end" font-size="11"') : "",
  ];
  return svg(height, `${title}: ${fmt(total)} responses from ${days[0]} to ${days.at(-1)}`, body.join(""));
}
