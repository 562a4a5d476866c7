/**
 * The load generator the throughput benches share: a fixed number of requests sent
 * `concurrency` at a time over keep-alive loopback connections (node:http with one agent,
 * much lighter on the client than fetch, so the client's own cost does not flatten the
 * ratio between two routes), every body read, and statuses tallied. A bench compares two routes measured with it in the same run, in
 * alternating rounds, so that drift in the machine's load hits both alike.
 *
 * @example
 *   const client = loopbackClient(url, 16);
 *   const round = await hammer(1000, 16, () => client.get("/api/health"));
 *   console.log(round.requests / round.seconds, round.statuses); // 812 { "200": 1000 }
 */

import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSite } from "../../build/site.ts";
import { applyMigrations, ensureDevVars, freePort, ROOT, startWorker, type RunningWorker } from "../lib/stack.ts";

export type Round = { requests: number; seconds: number; statuses: Record<number, number> };

/** What a request resolved to: its status and body (the body fully read). */
export type Reply = { status: number; body: string };
export type Request = (i: number) => Promise<Reply>;

/**
 * A keep-alive client for one loopback origin with `sockets` connections at most.
 * Every request has a deadline; a reply is resolved only once its body is read.
 */
export function loopbackClient(origin: string, sockets: number, timeoutMs = 10_000) {
  const url = new URL(origin);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<Reply>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on("error", reject);
      req.end(body);
    });
  return {
    get: (path: string, headers?: Record<string, string>) => send("GET", path, headers),
    post: (path: string, headers: Record<string, string>, body: string) => send("POST", path, headers, body),
    close: () => agent.destroy(),
  };
}

/** Sends `n` requests, `concurrency` at a time; every response body is read. A request that throws counts as status 0. */
export async function hammer(n: number, concurrency: number, request: Request): Promise<Round> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        let status = 0;
        try {
          status = (await request(i)).status;
        } catch {
          // A refused or timed-out request: counted, never retried, so losses show.
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return { requests: n, seconds: (performance.now() - started) / 1000, statuses };
}

export function merge(a: Round, b: Round): Round {
  const statuses = { ...a.statuses };
  for (const [k, v] of Object.entries(b.statuses)) statuses[Number(k)] = (statuses[Number(k)] ?? 0) + v;
  return { requests: a.requests + b.requests, seconds: a.seconds + b.seconds, statuses };
}

type Load = { requests: number; concurrency: number; warmUp: number };

/**
 * Each route warmed up, then two alternating rounds of each (half the requests per round),
 * so that a change in the machine's load meets every route alike; returns each route's
 * total in the order given. A route sees request numbers 0… once warm (-1, -2, … before).
 */
export async function compareAll(o: Load, routes: Request[]): Promise<Round[]> {
  for (const route of routes) await hammer(o.warmUp, o.concurrency, (i) => route(-1 - i));
  const half = o.requests / 2;
  const totals: Round[] = [];
  for (const round of [0, 1])
    for (const [k, route] of routes.entries()) {
      const r = await hammer(half, o.concurrency, (i) => route(round * half + i));
      totals[k] = round === 0 ? r : merge(totals[k]!, r);
    }
  return totals;
}

/** Two alternating rounds of each route after a warm-up; returns both totals. */
export async function compare(o: Load, floor: Request, measured: Request): Promise<{ floor: Round; measured: Round }> {
  const [a, b] = await compareAll(o, [floor, measured]);
  return { floor: a!, measured: b! };
}

/** Requests per second of a round. */
export const rate = (r: Round) => r.requests / r.seconds;

/** How many answered with a 5xx, or not at all (status 0). */
export const failures = (r: Round) => Object.entries(r.statuses).reduce((n, [s, count]) => (Number(s) >= 500 || Number(s) === 0 ? n + count : n), 0);

/**
 * Runs `bench` against the real local stack as `npm start` runs it (`wrangler dev` with local
 * D1, KV and Queues), on a fresh database in a temporary folder, built first if there is no
 * site yet; the Worker is stopped and the folder removed afterwards, whatever happens.
 * `config`: another Worker's wrangler.toml on the same stack (the ceiling, scripts/bench/ceiling/).
 */
export async function withBenchStack<T>(name: string, bench: (stack: { worker: RunningWorker; token: string }) => Promise<T>, config?: string): Promise<T> {
  if (!existsSync(join(ROOT, "dist/index.html")) && (await buildSite({ quiet: true })) !== 0) throw new Error("the site does not build");
  const persistTo = await mkdtemp(join(tmpdir(), `canvass-bench-${name}-`));
  const { token } = await ensureDevVars();
  await applyMigrations(persistTo, true, config);
  const worker = await startWorker({ port: await freePort(), persistTo, quiet: true, config });
  try {
    return await bench({ worker, token });
  } finally {
    await worker.stop();
    await rm(persistTo, { recursive: true, force: true });
  }
}
