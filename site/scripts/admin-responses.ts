/**
 * The invitations and responses parts of a survey's results page (admin-results.ts):
 * the invitation funnel (counts only, for every survey), the who-answered list of a survey
 * that is not anonymous (`…/invitations/contacts`, each answered contact linked to the
 * response its personal link brought in), and the responses, a page at a time
 * (`…/responses?format=json&cursor=`), each viewable with the questions' labels and
 * deletable after a confirm (`DELETE …/responses/<id>`). Text from the API goes in only
 * through `textContent`.
 */
import type { StoredResponse } from "../../core/api/responses.ts";
import type { InvitationFunnel, InvitedContact, InvitedContactPage, ResponsePage } from "../../core/api/results.ts";
import type { Question } from "../../core/model.ts";
import type { ResultsPageSurvey } from "../../core/results/page.ts";
import { plainLabel } from "../../core/piping.ts";
import { OTHER_SUFFIX } from "../../core/survey.ts";
import { adminFetch, adminJson, adminStatus, cell, el } from "./admin-token.ts";

const number = new Intl.NumberFormat("en");
const when = (iso: string) => iso.replace("T", " ").slice(0, 16);
const $ = (id: string) => document.getElementById(id);

const FUNNEL: [keyof InvitationFunnel, string][] = [["invited", "Invited"], ["sent", "Sent"], ["answered", "Answered"], ["opted_out", "Opted out"], ["failed", "Failed"]];

function drawFunnel(funnel: InvitationFunnel): void {
  $("funnel")!.replaceChildren(...FUNNEL.map(([key, label]) => {
    const box = el("div");
    box.append(el("dt", label), el("dd", number.format(funnel[key])));
    return box;
  }));
}

/** One answer in words: choice labels for values, a line per matrix row, Yes for a consent. */
function answerText(q: Question | undefined, value: unknown): string {
  const label = (v: unknown) => {
    const choices = q && "choices" in q ? q.choices ?? [] : q?.type === "matrix" ? q.columns : [];
    return plainLabel(choices.find((c) => c.value === v)?.label ?? String(v));
  };
  if (Array.isArray(value)) return value.map(label).join(", ");
  if (value && typeof value === "object") {
    const rows = q?.type === "matrix" ? q.rows : [];
    return Object.entries(value).map(([row, col]) => `${plainLabel(rows.find((r) => r.value === row)?.label ?? row)}: ${label(col)}`).join("\n");
  }
  if (value === true) return "Yes";
  if (q?.type === "yesno") return value === "yes" ? "Yes" : value === "no" ? "No" : String(value);
  return label(value);
}

/** A response's answers in the order of the questions, each "Other" text after its question, then keys the definition no longer has. */
function answersList(survey: ResultsPageSurvey, r: StoredResponse): HTMLElement {
  const dl = el("dl");
  const byId = new Map(survey.questions.map((q) => [q.id, q]));
  const keys = survey.questions.flatMap((q) => [q.id, q.id + OTHER_SUFFIX]).filter((k) => Object.hasOwn(r.answers, k));
  const rest = Object.keys(r.answers).filter((k) => !keys.includes(k));
  for (const key of [...keys, ...rest]) {
    const q = byId.get(key);
    const other = key.endsWith(OTHER_SUFFIX) ? byId.get(key.slice(0, -OTHER_SUFFIX.length)) : undefined;
    dl.append(el("dt", q ? plainLabel(q.label) : other ? `${plainLabel(other.label)} (Other)` : key), el("dd", answerText(q, r.answers[key])));
  }
  if (dl.childElementCount === 0) dl.append(el("dt", "No answers"), el("dd", "Every question was skipped."));
  return dl;
}

type Listed = { row: HTMLTableRowElement; response: StoredResponse };
type ResponsesState = { api: string; survey: ResultsPageSurvey; rows: Map<string, Listed>; next: string | null; onChange: () => void };
let state: ResponsesState | undefined;

function toggleView(r: StoredResponse, row: HTMLTableRowElement, open?: boolean): void {
  const shown = row.nextElementSibling?.classList.contains("view") ? (row.nextElementSibling as HTMLTableRowElement) : undefined;
  const button = row.querySelector<HTMLButtonElement>("[data-view]")!;
  if (shown && open !== true) {
    shown.remove();
    button.setAttribute("aria-expanded", "false");
    return;
  }
  if (shown) return;
  const view = el("tr", undefined, "view");
  const cell = view.appendChild(el("td"));
  cell.colSpan = 3;
  const box = cell.appendChild(el("div", undefined, "answers"));
  box.tabIndex = -1;
  box.append(el("h3", `Response ${r.id}`), answersList(state!.survey, r));
  row.after(view);
  button.setAttribute("aria-expanded", "true");
  box.focus();
}

async function remove(r: StoredResponse, row: HTMLTableRowElement): Promise<void> {
  if (!confirm(`Delete the response of ${when(r.submitted_at)} (${r.id})? This cannot be undone.`)) return;
  const got = await adminFetch(`${state!.api}/responses/${encodeURIComponent(r.id)}`, { method: "DELETE" });
  if (!got.ok) return adminStatus(got.message);
  if (row.nextElementSibling?.classList.contains("view")) row.nextElementSibling.remove();
  row.remove();
  state!.rows.delete(r.id);
  adminStatus(`Response ${r.id} deleted.`);
  state!.onChange();
}

function responseRow(r: StoredResponse): HTMLTableRowElement {
  const tr = el("tr");
  tr.id = `response-${r.id}`;
  tr.dataset.response = r.id;
  cell(tr, "Submitted", when(r.submitted_at), "nowrap");
  cell(tr, "Response", r.id, "rid");
  const actions = tr.appendChild(el("td")).appendChild(el("div", undefined, "row-actions"));
  const view = actions.appendChild(el("button", "View", "small"));
  view.type = "button";
  view.dataset.view = "";
  view.setAttribute("aria-expanded", "false");
  view.onclick = () => toggleView(r, tr);
  const del = actions.appendChild(el("button", "Delete", "small danger"));
  del.type = "button";
  del.setAttribute("aria-label", `Delete response ${r.id}`);
  del.onclick = () => void remove(r, tr);
  return tr;
}

function listResponse(r: StoredResponse): Listed {
  const listed = { row: $("responses")!.querySelector("tbody")!.appendChild(responseRow(r)), response: r };
  state!.rows.set(r.id, listed);
  return listed;
}

/** The next page of responses (a response opened from the who-answered list is already there, and kept once). */
async function moreResponses(): Promise<void> {
  const s = state!;
  const cursor = s.next ? `&cursor=${encodeURIComponent(s.next)}` : "";
  const got = await adminJson<ResponsePage>(`${s.api}/responses?format=json${cursor}`);
  if (!got.ok) return adminStatus(got.message);
  for (const r of got.body.responses) if (!s.rows.has(r.id)) listResponse(r);
  s.next = got.body.next;
  $("responses-more")!.hidden = s.next === null;
  $("responses-empty")!.hidden = s.rows.size > 0;
}

/** The first page of responses; `onChange` runs after a deletion (the page redraws its counts). */
export async function loadResponses(api: string, survey: ResultsPageSurvey, onChange: () => void): Promise<void> {
  state = { api, survey, rows: new Map(), next: null, onChange };
  $("responses")!.querySelector("tbody")!.replaceChildren();
  $("responses-more")!.onclick = () => void moreResponses();
  await moreResponses();
}

/** Opens a response's answers; one not listed yet is read on its own (`GET …/responses/<id>`) and added to the list. */
async function showResponse(id: string): Promise<void> {
  let listed = state!.rows.get(id);
  if (!listed) {
    const got = await adminJson<StoredResponse>(`${state!.api}/responses/${encodeURIComponent(id)}`);
    if (!got.ok) return adminStatus(got.message);
    listed = listResponse(got.body);
    $("responses-empty")!.hidden = true;
  }
  toggleView(listed.response, listed.row, true);
}

function contactRow(c: InvitedContact): HTMLTableRowElement {
  const tr = el("tr");
  const who = tr.appendChild(el("th", c.name ?? c.email));
  who.scope = "row";
  if (c.name) who.appendChild(el("div", c.email, "mute"));
  const where = cell(tr, "State", c.state.replace("_", " "));
  where.appendChild(el("div", `wave ${c.wave}`, "mute"));
  cell(tr, "Reminders", number.format(c.reminders_sent), "n");
  const answered = cell(tr, "Answered", c.answered_at ? when(c.answered_at) : "–", "nowrap");
  if (c.response_id) {
    const id = c.response_id;
    const link = answered.appendChild(el("div")).appendChild(el("a", "View response"));
    link.href = `#response-${id}`;
    link.onclick = (e) => {
      e.preventDefault();
      void showResponse(id);
    };
  }
  return tr;
}

async function moreContacts(api: string, cursor: string | null): Promise<void> {
  const got = await adminJson<InvitedContactPage>(`${api}/invitations/contacts${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`);
  if (!got.ok) return adminStatus(got.message);
  const body = $("contacts")!.querySelector("tbody")!;
  if (!cursor) body.replaceChildren();
  body.append(...got.body.contacts.map(contactRow));
  $("contacts-empty")!.hidden = body.childElementCount > 0;
  const more = $("contacts-more")!;
  more.hidden = got.body.next === null;
  more.onclick = () => void moreContacts(api, got.body.next);
}

/** The funnel, and for a survey that is not anonymous the who-answered list. */
export async function loadInvitations(api: string, survey: ResultsPageSurvey): Promise<void> {
  const got = await adminJson<{ funnel: InvitationFunnel }>(`${api}/invitations`);
  if (got.ok) drawFunnel(got.body.funnel);
  if (!survey.anonymous) await moreContacts(api, null);
}
