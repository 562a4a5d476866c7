/**
 * Helpers for the visitor-statistics tests. Most tests call the Worker's handlers
 * directly with the `hits` queue replaced by a recorder, then hand the recorded messages
 * to the real consumer: deterministic, and the messages themselves can be inspected. The
 * end-to-end test (privacy.test.ts) goes through the real queue instead.
 */
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../../worker/index.ts";
import { BASE } from "../helpers.ts";

export const AGENTS = {
  firefox: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safariIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  chrome: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};

export type Visit = {
  path?: string;
  referrer?: string;
  ip?: string;
  ua?: string;
  country?: string;
  headers?: Record<string, string>;
  /** Replaces the JSON body built from path and referrer. */
  body?: BodyInit;
};

export function beaconRequest(v: Visit = {}): Request {
  const headers: Record<string, string> = { "content-type": "text/plain;charset=UTF-8", "user-agent": v.ua ?? AGENTS.firefox, "cf-connecting-ip": v.ip ?? "203.0.113.7", ...v.headers };
  const body = v.body ?? JSON.stringify({ path: v.path ?? "/", ...(v.referrer !== undefined ? { referrer: v.referrer } : {}) });
  return new Request(`${BASE}/api/hits`, { method: "POST", headers, body, cf: { country: v.country ?? "GB" } as IncomingRequestCfProperties });
}

/** The Worker with its `hits` queue replaced by a recorder. */
export function recordingWorker() {
  const sent: unknown[] = [];
  const HITS = { send: async (body: unknown) => void sent.push(structuredClone(body)), sendBatch: async () => {} } as unknown as Queue;
  const testEnv = { ...env, HITS } as Env;
  return {
    sent,
    async visit(v: Visit = {}): Promise<Response> {
      const ctx = createExecutionContext();
      const res = await worker.fetch(beaconRequest(v), testEnv, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    },
    /** Hands everything recorded so far to the real consumer, in batches as the queue would (100 at most). */
    async deliver(): Promise<void> {
      const messages = sent.splice(0);
      for (let i = 0; i < messages.length; i += 100) {
        const batch = createMessageBatch("canvass-hits", messages.slice(i, i + 100).map((body, j) => ({ id: `m${i + j}`, timestamp: Date.now(), attempts: 1, body })));
        const ctx = createExecutionContext();
        await worker.queue(batch, env, ctx);
        const result = await getQueueResult(batch, ctx);
        if (!result.ackAll) throw new Error(`batch not acknowledged: ${JSON.stringify(result)}`);
      }
    },
  };
}

export async function runDailyCron(at: Date): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "17 3 * * *" }), env);
}

export type CountRow = { day: string; dimension: string; value: string; views: number; visitors: number };

export async function counts(dimension?: string): Promise<CountRow[]> {
  const stmt = dimension
    ? env.DB.prepare("SELECT * FROM visitor_stats WHERE dimension = ?1 ORDER BY day, value").bind(dimension)
    : env.DB.prepare("SELECT * FROM visitor_stats ORDER BY day, dimension, value");
  return (await stmt.all<CountRow>()).results;
}

export async function totals(): Promise<{ day: string; views: number; visitors: number }[]> {
  return (await counts("total")).map(({ day, views, visitors }) => ({ day, views, visitors }));
}
