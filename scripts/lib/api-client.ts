/**
 * What every `canvass` command that talks to the Worker shares: where the API is and
 * which token to send (CANVASS_URL, else the local stack on $PORT or 8787; CANVASS_TOKEN or
 * the admin token in .dev.vars),
 * and one way to turn a refusal into the sentence the Worker wrote (core/api/problem.ts),
 * so the CLI prints "There is no survey "x"." rather than a status code.
 *
 * @example
 *   const target = await apiTarget();
 *   const res = await apiGet(target, "/api/admin/surveys"); // throws ApiError with the server's sentence on a 4xx/5xx
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ProblemBody } from "../../core/api/problem.ts";
import { ROOT } from "./stack.ts";

export type ApiTarget = { url: string; token: string };

/** The API's base URL: CANVASS_URL, else the local stack on PORT (where `npm start` serves when it is set), else on 8787. */
export function stackUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.CANVASS_URL || `http://127.0.0.1:${env.PORT || "8787"}`;
  return url.replace(/\/+$/, "");
}

/** The API's base URL (stackUrl) and CANVASS_TOKEN (default CANVASS_ADMIN_TOKEN from .dev.vars). */
export async function apiTarget(env: NodeJS.ProcessEnv = process.env): Promise<ApiTarget> {
  const url = stackUrl(env);
  let token = env.CANVASS_TOKEN ?? "";
  const devVars = join(ROOT, ".dev.vars");
  if (!token && existsSync(devVars)) token = /^CANVASS_ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(await readFile(devVars, "utf8"))?.[1] ?? "";
  if (!token) throw new ApiError("no admin token: set CANVASS_TOKEN (or run `npm start` once, which writes .dev.vars)", 0);
  return { url, token };
}

/** A request the API refused (or could not be made): `message` is a sentence for a person, `status` 0 when no answer came. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** The sentence of a refusal: the ProblemBody's `error` when the server sent one, else its status. */
export async function refusal(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as Partial<ProblemBody>;
  return new ApiError(typeof body.error === "string" ? body.error : `the server answered ${res.status}`, res.status);
}

/** GET `path` with the token; resolves with the response when it is 2xx, throws ApiError otherwise. */
export async function apiGet(target: ApiTarget, path: string, accept = "application/json"): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, { headers: { authorization: `Bearer ${target.token}`, accept } });
  } catch (e) {
    throw new ApiError(`cannot reach ${target.url} (is \`npm start\` running? Set CANVASS_URL, or PORT as for npm start): ${(e as Error).message}`, 0);
  }
  if (!res.ok) throw await refusal(res);
  return res;
}
