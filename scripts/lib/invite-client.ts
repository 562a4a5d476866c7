/**
 * The client side of `canvass invite` (and of the invite benchmark): reads a CSV
 * contact list with the same core/contacts.ts reader the Worker uses, so duplicates
 * are found across the whole file, then uploads it in chunks of at most
 * CHUNK_ROWS contacts (and CHUNK_BYTES of JSON) — well within what one Worker request
 * may take — and adds up the reports. Rejected rows are reported with their row number
 * in the file, and so are the rows of a refused request (a 422 whose `errors` are by row,
 * such as a language the survey is not offered in: `UploadError.rows`).
 *
 * @example
 *   const summary = await uploadList({ ...(await apiTarget()), survey: "feedback", csv, source: "client", client: "Acme", onProgress: console.log });
 */
import type { ContactListBody, UploadReport } from "../../core/api/invitations.ts";
import type { ProblemBody } from "../../core/api/problem.ts";
import { readContactCsv, type ContactSource, type ListedContact, type Rejected } from "../../core/contacts.ts";
import { ApiError, type ApiTarget } from "./api-client.ts";

// Where the API is and the token: shared with every command that talks to the Worker.
export { apiTarget, type ApiTarget } from "./api-client.ts";

export const CHUNK_ROWS = 2_000;
const CHUNK_BYTES = 1_500_000;

export type Progress = { sent: number; total: number; accepted: number; rejected: number; suppressed: number; alreadyInvited: number };

export type UploadSummary = Progress & { rejectedRows: Rejected[]; queued: number; pending: number; requests: number };

/** A chunk the server refused (or could not be sent): the server's sentence and status, and what it said of each row (numbered in the file). */
export class UploadError extends ApiError {
  override name = "UploadError";
  readonly rows: { row: number; message: string }[];
  constructor(message: string, status: number, rows: { row: number; message: string }[] = []) {
    super(message, status);
    this.rows = rows;
  }
}

/** A refusal's messages by row (`errors` keyed by row number, from 1 within the request). */
function rowMessages(errors: Record<string, string> | undefined): { row: number; message: string }[] {
  return Object.entries(errors ?? {}).flatMap(([key, message]) => (/^\d{1,7}$/.test(key) ? [{ row: Number(key), message }] : []));
}

function chunks(contacts: ListedContact[]): ListedContact[][] {
  const out: ListedContact[][] = [];
  let current: ListedContact[] = [];
  let bytes = 0;
  for (const c of contacts) {
    const size = JSON.stringify(c.contact).length + 1;
    if (current.length === CHUNK_ROWS || (bytes + size > CHUNK_BYTES && current.length)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(c);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

function record(c: ListedContact): Record<string, string> {
  const { fields, ...standard } = c.contact;
  return { ...fields, ...Object.fromEntries(Object.entries(standard).filter(([, v]) => v !== undefined)) } as Record<string, string>;
}

async function post(target: ApiTarget, path: string, body: ContactListBody): Promise<UploadReport> {
  for (let attempt = 1; ; attempt++) {
    let res: Response | undefined;
    try {
      res = await fetch(`${target.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${target.token}`, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      });
    } catch (e) {
      if (attempt >= 3) throw new UploadError(`cannot reach ${target.url}: ${(e as Error).message}`, 0);
    }
    if (res && (res.ok || res.status < 500 || attempt >= 3)) {
      const json = (await res.json().catch(() => ({}))) as UploadReport & Partial<ProblemBody>;
      if (!res.ok) throw new UploadError(json.error ?? `the server answered ${res.status}`, res.status, rowMessages(json.errors));
      return json;
    }
    await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
  }
}

export type UploadOptions = ApiTarget & {
  survey: string;
  csv: string;
  source: ContactSource;
  client: string;
  wave?: string | undefined;
  /** Requests in flight at once. */
  concurrency?: number;
  onProgress?: (p: Progress) => void;
};

/** Parses the list, uploads it chunk by chunk, and adds up what the server reported. */
export async function uploadList(o: UploadOptions): Promise<UploadSummary> {
  const list = readContactCsv(o.csv);
  const parts = chunks(list.contacts);
  const total = list.contacts.length + list.rejected.length;
  const s: UploadSummary = { sent: list.rejected.length, total, accepted: 0, rejected: list.rejected.length, suppressed: 0, alreadyInvited: 0, rejectedRows: [...list.rejected], queued: 0, pending: 0, requests: 0 };
  const path = `/api/admin/surveys/${encodeURIComponent(o.survey)}/invitations`;
  let next = 0;
  const worker = async () => {
    while (next < parts.length) {
      const part = parts[next++]!;
      const r = await post(o, path, { source: o.source, client: o.client, ...(o.wave ? { wave: o.wave } : {}), contacts: part.map(record) }).catch((e: unknown) => {
        // The server numbers a refused request's rows within the chunk from 1, like rejected rows.
        if (e instanceof UploadError && e.rows.length) throw new UploadError(e.message, e.status, e.rows.map((x) => ({ ...x, row: part[x.row - 1]?.row ?? x.row })));
        throw e;
      });
      s.requests++;
      s.sent += part.length;
      s.accepted += r.accepted;
      s.suppressed += r.suppressed;
      s.alreadyInvited += r.already_invited;
      s.queued += r.queued;
      s.pending += r.pending;
      s.rejected += r.rejected.length;
      // The server numbers rows within the chunk from 1; map them back to the file's rows.
      s.rejectedRows.push(...r.rejected.map((x) => ({ ...x, row: part[x.row - 1]?.row ?? x.row })));
      o.onProgress?.({ ...s });
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 2, Math.max(parts.length, 1)) }, worker));
  s.rejectedRows.sort((a, b) => a.row - b.row);
  return s;
}
