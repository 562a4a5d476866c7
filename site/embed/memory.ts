/**
 * The pop-up's memory on the host site, shared by the loader and the pop-up: the
 * first-party cookie `INTERCEPT_COOKIE` (core/intercept.ts), or localStorage where the
 * browser refuses the cookie, and the visit's show count and sample in sessionStorage.
 * All of it stays in the visitor's browser: nothing here is ever sent to Canvass.
 * Storage may be blocked altogether (privacy settings, sandboxed frames): then every
 * call quietly does nothing, and the pop-up behaves as for a first visit.
 */
import { INTERCEPT_COOKIE, memoryValue, readMemory, type Memory, type Remembered } from "../../core/intercept.ts";

const NAME = INTERCEPT_COOKIE.name;

/** Today in UTC, `YYYY-MM-DD`: the only time the memory keeps. */
export const today = () => new Date().toISOString().slice(0, 10);

function attempt<T>(work: () => T, otherwise: T): T {
  try {
    return work();
  } catch {
    return otherwise;
  }
}

/** What this browser remembers: the cookie, else the localStorage copy. */
export function readRemembered(): Memory {
  const fromCookie = attempt(() => readMemory(document.cookie), {});
  if (Object.keys(fromCookie).length) return fromCookie;
  return attempt(() => readMemory(`${NAME}=${localStorage.getItem(NAME) ?? ""}`), {});
}

/** Remembers `state` for survey `id` today, in the cookie when the browser keeps it, else in localStorage. */
export function remember(id: string, state: Remembered["state"]): void {
  const memory = readRemembered();
  delete memory[id]; // re-added last: the newest entries are the ones kept
  memory[id] = { state, day: today() };
  const value = memoryValue(memory);
  const secure = location.protocol === "https:" ? "; Secure" : "";
  attempt(() => (document.cookie = `${NAME}=${value}; Max-Age=${INTERCEPT_COOKIE.lifetimeDays * 86_400}; Path=/; SameSite=Lax${secure}`), "");
  if (readRemembered()[id]?.state !== state) attempt(() => localStorage.setItem(NAME, value), undefined);
}

/** This visit (browser tab): how often survey `id` showed, and whether the visit was sampled in. */
export type VisitState = { shown: number; sampled?: boolean | undefined };

function visits(): Record<string, VisitState> {
  const parsed: unknown = attempt(() => JSON.parse(sessionStorage.getItem(NAME) ?? "{}"), {});
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, VisitState>) : {};
}

export function visitState(id: string): VisitState {
  const v = visits()[id];
  return { shown: typeof v?.shown === "number" ? v.shown : 0, sampled: typeof v?.sampled === "boolean" ? v.sampled : undefined };
}

export function saveVisitState(id: string, state: VisitState): void {
  attempt(() => sessionStorage.setItem(NAME, JSON.stringify({ ...visits(), [id]: state })), undefined);
}
