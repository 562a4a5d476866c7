/**
 * Keyset paging for the admin lists that can grow without bound (responses, text
 * answers, invited contacts). A page ends at a row's sort key, (time, id); the cursor
 * handed out is that key as base64url JSON, opaque to clients, and the next page starts
 * strictly after it. Unlike an offset, a cursor neither skips nor repeats a row when
 * rows are added or deleted between two requests, and each page costs one index seek.
 *
 * @example
 *   const { after, limit } = pageQuery(c.req.query("cursor"), c.req.query("limit"));
 *   const { items, next } = toPage(await somePage(db, { after, limit: limit + 1 }), limit, (r) => ({ at: r.submitted_at, id: r.id }));
 *   return c.json({ responses: items, next });
 */
import { Problem } from "./problems.ts";

/** Where a page ends: the sort time and id of its last row. */
export type PageKey = { at: string; id: string };

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

function toBase64Url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
}

export function encodeCursor(key: PageKey): string {
  return toBase64Url(JSON.stringify([key.at, key.id]));
}

const BAD_CURSOR = "The cursor is not one this API handed out; start again without it.";

/** The key a cursor stands for; a 400 for anything this API did not hand out. */
export function decodeCursor(cursor: string): PageKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw new Problem(400, BAD_CURSOR);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((v) => typeof v === "string")) throw new Problem(400, BAD_CURSOR);
  return { at: parsed[0] as string, id: parsed[1] as string };
}

/** `?limit=`: default 100, at most 1000; a 400 for anything but a positive whole number. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_LIMIT;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new Problem(400, `limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  return Math.min(Number(raw), MAX_LIMIT);
}

/** `?cursor=` and `?limit=` of a list request. */
export function pageQuery(cursor: string | undefined, limit: string | undefined): { after: PageKey | null; limit: number } {
  return { after: cursor ? decodeCursor(cursor) : null, limit: parseLimit(limit) };
}

/**
 * A page out of `rows`, read with `limit + 1` so the last page is known without another
 * request: the first `limit` rows, and the cursor after them when there is more, else null.
 */
export function toPage<T>(rows: readonly T[], limit: number, keyOf: (row: T) => PageKey): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
