/** Small helpers that keep the Worker tests about behaviour, not plumbing. */
import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { app } from "../../worker/app.ts";
import { TEST_ADMIN_TOKEN } from "./constants.ts";

export const BASE = "https://canvass.test";

/** Sends a request to the Worker under test, as the edge would. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, { method: "POST", headers: { "content-type": "application/json", accept: "application/json", ...headers }, body: JSON.stringify(body) });
}

/** Posts like a browser with JavaScript off: urlencoded fields, Accept: text/html, no redirect following. */
export function postForm(path: string, fields: [string, string][]): Promise<Response> {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html,application/xhtml+xml" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

export function admin(path: string, token = TEST_ADMIN_TOKEN): Promise<Response> {
  return call(path, { headers: { authorization: `Bearer ${token}` } });
}

export type ResponseRow = { id: string; survey_id: string; definition_hash: string; answers: string; submitted_at: string };

export async function rows(surveyId?: string): Promise<ResponseRow[]> {
  const stmt = surveyId ? env.DB.prepare("SELECT * FROM responses WHERE survey_id = ?1").bind(surveyId) : env.DB.prepare("SELECT * FROM responses");
  return (await stmt.all<ResponseRow>()).results;
}

/**
 * The fixture site's real assets with one hand-made page at `path`, since the fixture site
 * builds no survey pages; `answer` makes that page's response (a 304 for a conditional request, say).
 */
export function assetsWithPage(path: string, answer: (req: Request) => Response): Fetcher {
  return {
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const req = new Request(input, init);
      return new URL(req.url).pathname === path ? answer(req) : env.ASSETS.fetch(req);
    },
    connect: env.ASSETS.connect.bind(env.ASSETS),
  } as Fetcher;
}

/** A browser's request for a page, to the Worker with `assets` as its site. */
export async function openPage(path: string, assets: Fetcher, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch(new Request(`${BASE}${path}`, { headers: { accept: "text/html", ...headers } }), { ...env, ASSETS: assets } as Env, createExecutionContext());
}
