/**
 * The surveys list of `/admin/` (site/pages/admin/index.astro): reads
 * `GET /api/admin/surveys` with the admin token and draws one row per survey, linking
 * to its results page. Text from the API goes in only through `textContent`.
 */
import type { SurveyList, SurveyListItem } from "../../core/api/results.ts";
import { adminJson, adminStatus, cell, el, wireTokenForm } from "./admin-token.ts";

const box = document.getElementById("surveys")!;
const body = (document.getElementById("survey-table") as HTMLTableElement).tBodies[0]!;
const number = new Intl.NumberFormat("en");

/** "2026-01-01 to 2027-12-31", "from 2026-01-01", "until …" or "–", each date kept on one line. */
function dateRange(td: HTMLElement, opens: string | null, closes: string | null): void {
  const day = (d: string) => el("span", d, "nowrap");
  if (opens && closes) td.append(day(opens), " to ", day(closes));
  else if (opens) td.append("from ", day(opens));
  else td.append(closes ? "until " : "–", ...(closes ? [day(closes)] : []));
}

function row(s: SurveyListItem): HTMLTableRowElement {
  const tr = el("tr");
  tr.dataset.survey = s.id;
  const name = tr.appendChild(el("th"));
  name.scope = "row";
  // A draft has no results page: its questions are not published anywhere until it opens.
  if (s.status === "draft") name.append(s.title);
  else name.appendChild(el("a", s.title)).href = `/admin/surveys/${encodeURIComponent(s.id)}/`;
  name.appendChild(el("div", s.anonymous ? `${s.id} · anonymous` : s.id, "mute"));
  cell(tr, "Status", s.status);
  dateRange(cell(tr, "Dates"), s.opens, s.closes);
  cell(tr, "Responses", number.format(s.responses), "n");
  cell(tr, "Last response", s.last_response_at?.replace("T", " ").slice(0, 16) ?? "–", "nowrap");
  return tr;
}

async function load(token: string): Promise<void> {
  adminStatus("Loading…");
  const got = await adminJson<SurveyList>("/api/admin/surveys", token);
  if (!got.ok) {
    box.hidden = true;
    adminStatus(got.message);
    return;
  }
  body.replaceChildren(...got.body.surveys.map(row));
  document.getElementById("surveys-empty")!.hidden = got.body.surveys.length > 0;
  box.hidden = false;
  adminStatus("");
}

wireTokenForm((token) => void load(token), () => { box.hidden = true; });
