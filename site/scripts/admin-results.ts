/**
 * The results page of a survey (site/pages/admin/results.astro, served by the Worker at
 * `/admin/surveys/<id>/` with the survey's JSON stamped in, core/results/page.ts): first it
 * builds a section per question and computed value from that JSON (the page as built holds
 * `null` and stays as it is); then, given the admin token, reads
 * `GET /api/admin/surveys/<id>/summary` and draws each question's counts with the same
 * charts and words as `canvass report` (core/results/charts.ts and present.ts), lists the
 * free-text answers page by page (`…/answers/<key>`), offers the CSV and NDJSON exports,
 * and hands the invitations and responses to admin-responses.ts.
 *
 * The charts are SVG strings whose every survey or answer text is escaped by charts.ts;
 * every label and everything from the API goes in through `textContent`.
 */
import type { TextAnswerPage } from "../../core/api/results.ts";
import type { Question } from "../../core/model.ts";
import { RESULTS_DATA_ID, type ResultsPageSurvey } from "../../core/results/page.ts";
import { barChart, npsGauge, overTimeChart } from "../../core/results/charts.ts";
import { plainLabel } from "../../core/piping.ts";
import { OTHER_SUFFIX, TEXT_TYPES } from "../../core/survey.ts";
import { countBars, decimal, endingsLine, figuresLine, headline, matrixRows, reachLine } from "../../core/results/present.ts";
import type { QuestionSummary, SurveySummary } from "../../core/results/types.ts";
import { loadInvitations, loadResponses } from "./admin-responses.ts";
import { adminFetch, adminJson, adminStatus, el, wireTokenForm } from "./admin-token.ts";

/** The survey the Worker stamped into the page; null on the page as built (no survey asked for). */
const survey = JSON.parse(document.getElementById(RESULTS_DATA_ID)!.textContent!) as ResultsPageSurvey | null;
const api = `/api/admin/surveys/${encodeURIComponent(survey?.id ?? "")}`;
const results = document.getElementById("results")!;

/** A list of free-text answers (`key`: the question's id, or with OTHER_SUFFIX its "Other" texts) and its "Show more" button. */
function textList(key: string, more: string): HTMLElement[] {
  const list = el("ol", undefined, "texts");
  list.dataset.texts = key;
  const button = el("button", "Show more answers", "small quiet");
  Object.assign(button, { type: "button", hidden: true });
  button.dataset.more = key;
  button.setAttribute("aria-label", more);
  return [list, button];
}

/** A section with the parts drawQuestion and drawSummary fill: reach, chart (questions only), figures. */
function section(id: string, heading: string, chart: boolean): HTMLElement {
  const s = el("section");
  s.id = `q-${id}`;
  s.append(el("h3", heading));
  s.appendChild(el("p", undefined, "mute")).dataset.reach = "";
  if (chart) s.appendChild(el("div")).dataset.chart = "";
  s.appendChild(el("p", undefined, "figures")).dataset.figures = "";
  return s;
}

/** The sections of the survey's questions and computed values, after the "Questions" heading. */
function buildSections(s: ResultsPageSurvey): void {
  const nodes: HTMLElement[] = s.questions.map((q, i) => {
    const part = section(q.id, `${i + 1}. ${plainLabel(q.label)}`, true);
    part.dataset.question = q.id;
    if (TEXT_TYPES.has(q.type)) part.append(...textList(q.id, `Show more answers to question ${i + 1}`));
    if ("other" in q && q.other) part.append(el("h4", "“Other” answers"), ...textList(q.id + OTHER_SUFFIX, `Show more “Other” answers to question ${i + 1}`));
    return part;
  });
  if (s.computed.length > 0) nodes.push(el("h2", "Computed values"));
  for (const c of s.computed) {
    const part = section(c.id, c.label, false);
    part.dataset.computed = c.id;
    nodes.push(part);
  }
  document.getElementById("questions-heading")!.after(...nodes);
}

/** A matrix as a table (rows against columns, counts in the cells), scrolling inside its box. */
function matrixTable(q: Question, s: QuestionSummary): HTMLElement {
  const rows = matrixRows(q, s);
  const box = el("div", undefined, "scroll");
  const table = box.appendChild(el("table", undefined, "admin-table"));
  const head = table.createTHead().insertRow();
  head.appendChild(el("td"));
  for (const b of rows[0]?.bars ?? []) Object.assign(head.appendChild(el("th", b.label, "n")), { scope: "col" });
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    Object.assign(tr.appendChild(el("th", r.row)), { scope: "row" });
    for (const b of r.bars) tr.appendChild(el("td", decimal(b.count), "n"));
  }
  return box;
}

function drawQuestion(q: Question, s: QuestionSummary, responses: number): void {
  const section = document.getElementById(`q-${q.id}`);
  if (!section) return;
  const label = plainLabel(q.label);
  section.querySelector("[data-reach]")!.textContent = reachLine(s, responses);
  section.querySelector("[data-figures]")!.textContent = figuresLine(s) ?? "";
  const chart = section.querySelector("[data-chart]")!;
  if (s.type === "matrix") chart.replaceChildren(matrixTable(q, s));
  else if (s.type === "nps") chart.innerHTML = npsGauge(label, s);
  else {
    const counted = countBars(q, s);
    chart.innerHTML = counted ? barChart(label, counted.bars, counted.base) : "";
  }
}

function drawSummary(survey: ResultsPageSurvey, summary: SurveySummary): void {
  document.getElementById("headline")!.textContent = headline(summary);
  // Which end screen each response was shown, for a survey with `endings:`.
  const endings = document.getElementById("endings")!;
  endings.textContent = endingsLine(summary) ?? "";
  endings.hidden = !summary.endings;
  document.getElementById("over-time")!.innerHTML = overTimeChart("Responses per day", summary.over_time);
  for (const q of survey.questions) {
    const s = summary.questions[q.id];
    if (s) drawQuestion(q, s, summary.responses);
  }
  // Computed values have figures and no chart; their sections are marked data-computed.
  for (const section of document.querySelectorAll<HTMLElement>("[data-computed]")) {
    const s = summary.questions[section.dataset.computed!];
    if (!s) continue;
    section.querySelector("[data-reach]")!.textContent = reachLine(s, summary.responses);
    section.querySelector("[data-figures]")!.textContent = figuresLine(s) ?? "";
  }
}

/** Appends one page of a question's texts; "Show more" fetches the next with the cursor. */
async function loadTexts(key: string, cursor: string | null = null): Promise<void> {
  const list = results.querySelector(`[data-texts="${key}"]`)!;
  const more = results.querySelector<HTMLButtonElement>(`[data-more="${key}"]`)!;
  const got = await adminJson<TextAnswerPage>(`${api}/answers/${encodeURIComponent(key)}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`);
  if (!got.ok) return adminStatus(got.message);
  if (!cursor) list.replaceChildren();
  for (const a of got.body.answers) {
    const li = list.appendChild(el("li", a.text));
    li.prepend(el("time", a.submitted_at.replace("T", " ").slice(0, 16)));
  }
  if (!cursor && got.body.answers.length === 0) list.appendChild(el("li", "No answers yet.", "mute none"));
  more.hidden = got.body.next === null;
  more.onclick = () => void loadTexts(key, got.body.next);
}

/** The export needs the bearer token, so it is fetched and saved through a Blob URL. */
async function download(survey: ResultsPageSurvey, format: string): Promise<void> {
  adminStatus(`Preparing the ${format.toUpperCase()} export…`);
  const got = await adminFetch(`${api}/responses?format=${format}`);
  if (!got.ok) return adminStatus(got.message);
  const url = URL.createObjectURL(await got.response.blob());
  const a = el("a");
  a.href = url;
  a.download = `${survey.id}.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  adminStatus("");
}

/** Draws the summary; false (with the reason said) when there is none to draw. */
async function loadSummary(survey: ResultsPageSurvey, token?: string): Promise<boolean> {
  const got = await adminJson<SurveySummary>(`${api}/summary`, token);
  if (!got.ok) {
    results.hidden = true;
    adminStatus(got.message);
    return false;
  }
  drawSummary(survey, got.body);
  results.hidden = false;
  return true;
}

/** Everything, once the token is known; a deleted response redraws the counts and the texts. */
async function load(survey: ResultsPageSurvey, token: string): Promise<void> {
  adminStatus("Loading…");
  if (!(await loadSummary(survey, token))) return;
  adminStatus("");
  const texts = () => [...results.querySelectorAll<HTMLElement>("[data-texts]")].map((e) => loadTexts(e.dataset.texts!));
  const redraw = () => void Promise.all([loadSummary(survey), ...texts()]);
  await Promise.all([...texts(), loadInvitations(api, survey), loadResponses(api, survey, redraw)]);
}

function start(survey: ResultsPageSurvey): void {
  buildSections(survey);
  for (const button of results.querySelectorAll<HTMLButtonElement>("[data-export]")) button.addEventListener("click", () => void download(survey, button.dataset.export!));
  wireTokenForm((token) => void load(survey, token), () => { results.hidden = true; });
}

if (survey) start(survey);
