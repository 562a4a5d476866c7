/**
 * The promise of the privacy page: visitor statistics identify nobody. Views from many
 * distinct IP addresses and User-Agents go through the whole pipeline — the fetch handler,
 * the real `hits` queue, its consumer, the daily cron — and then every column of every D1
 * row, every KV key, value and metadata, every queue message and every console line is
 * searched for those addresses (whole, and their network prefixes) and agents (whole, and
 * the unique token in each). None may appear.
 */
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AGENTS, beaconRequest, recordingWorker, runDailyCron, totals } from "./helpers.ts";

const hex = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, "0")).join("");

type Visitor = { ip: string; ua: string; needles: string[] };

function visitors(n: number): Visitor[] {
  const bases = Object.values(AGENTS);
  return Array.from({ length: n }, (_, i) => {
    const token = `zq${hex(6)}`;
    const ua = `${bases[i % bases.length]} ${token}`;
    // TEST-NET-2 and the IPv6 documentation range: no other data in a test database looks like them.
    const ip = i % 3 === 2 ? `2001:db8:${(i + 0x100).toString(16)}::${(i * 7).toString(16)}` : `198.51.${100 + (i % 3)}.${10 + i}`;
    const prefix = ip.includes(":") ? ip.split("::")[0]! : ip.split(".").slice(0, 3).join(".");
    return { ip, ua, needles: [ip, prefix, ua, token] };
  });
}

async function everythingStored(): Promise<string[]> {
  const out: string[] = [];
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  for (const { name } of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
    for (const row of results) for (const [column, value] of Object.entries(row)) out.push(`D1 ${name}.${column}: ${String(value)}`);
  }
  let cursor: string | undefined;
  do {
    const page = await env.KV.list(cursor ? { cursor } : {});
    for (const key of page.keys) {
      const { value, metadata } = await env.KV.getWithMetadata(key.name, "text");
      out.push(`KV key: ${key.name}`, `KV ${key.name} value: ${value}`, `KV ${key.name} metadata: ${JSON.stringify(metadata ?? null)}`);
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out;
}

function findLeaks(haystack: string[], people: Visitor[]): string[] {
  const leaks: string[] = [];
  for (const text of haystack) for (const p of people) for (const needle of p.needles) if (text.includes(needle)) leaks.push(`${needle} in ${text.slice(0, 200)}`);
  return leaks;
}

afterEach(() => vi.restoreAllMocks());

describe("visitor statistics identify nobody", () => {
  it("no IP address or User-Agent reaches D1, KV, the queue or the logs", async () => {
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")));

    const people = visitors(60);
    const paths = ["/", "/s/tiny-poll/", "/s/all-types/?utm_source=newsletter&t=personal-token", "/privacy/"];
    let sent = 0;
    // The real pipeline: the Worker's own fetch handler and its real queue.
    for (const [i, p] of people.entries()) {
      for (const path of paths.slice(0, 1 + (i % paths.length))) {
        const res = await exports.default.fetch(beaconRequest({ ip: p.ip, ua: p.ua, path, referrer: i % 2 ? "https://www.search.example/?q=canvass" : "" }));
        expect(res.status).toBe(202);
        sent++;
      }
    }
    // The consumer runs when the queue's batch timeout (5 s) or size (100) is reached.
    for (let waited = 0; (await totals())[0]?.views !== sent; waited += 250) {
      if (waited > 30_000) throw new Error(`only ${(await totals())[0]?.views ?? 0} of ${sent} views were counted`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await totals()).toMatchObject([{ views: sent, visitors: people.length }]);
    await runDailyCron(new Date());

    // The same views once more, with the queue recorded, to read exactly what travels on it.
    const w = recordingWorker();
    for (const p of people) await w.visit({ ip: p.ip, ua: p.ua, path: paths[2] });
    const onQueue = w.sent.map((m) => `queue: ${JSON.stringify(m)}`);
    expect(onQueue).toHaveLength(people.length);

    const stored = await everythingStored();
    expect(stored.some((s) => s.startsWith("D1 visitor_stats."))).toBe(true); // the scan does see the counts
    expect(findLeaks([...stored, ...onQueue, ...logged.map((l) => `log: ${l}`)], people)).toEqual([]);
    // Neither the personal token in a query string nor a referrer's path or query is kept.
    expect(stored.filter((s) => /personal-token|q=canvass/.test(s))).toEqual([]);
  }, 60_000);
});
