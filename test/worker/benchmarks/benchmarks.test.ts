/**
 * GET /api/admin/benchmarks/<metric>: the caller's own score beside its industry's median
 * and quartiles, published only from 5 clients and 100 responses, and never re-published
 * so that two overlapping answers would give away one client's score by subtraction.
 *
 * The example config has two clients, so these tests mount the same routes with a stand-in
 * directory (worker/benchmarks/directory.ts): seven retail clients and one in software,
 * each with one survey whose question `q` carries `benchmark: nps`. Their answers go
 * straight into D1. The clock is the routes' own seam: a week's aggregate counts the
 * answers before that week began (core/results/benchmarks.ts).
 */
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { beforeEach, describe, expect, it } from "vitest";
import type { BenchmarkReport } from "../../../core/api/benchmarks.ts";
import { NOT_ENOUGH_DATA } from "../../../core/results/benchmarks.ts";
import { benchmarksAdminWith } from "../../../worker/benchmarks/admin.ts";
import type { BenchmarkDirectory } from "../../../worker/benchmarks/directory.ts";
import { adminAuth, type AdminEnv } from "../../../worker/http/auth.ts";
import { Problem, renderProblem } from "../../../worker/http/problems.ts";
import { TEST_ADMIN_TOKEN } from "../constants.ts";
import { admin, BASE } from "../helpers.ts";
import { clientToken } from "../people/helpers.ts";

const RETAIL = ["r1", "r2", "r3", "r4", "r5", "r6", "r7"];
const directory: BenchmarkDirectory = {
  clients: [...RETAIL.map((id) => ({ id, industry: "retail" })), { id: "s1", industry: "software" }],
  async questions(_env, metric, clients) {
    if (metric !== "nps") return [];
    return [...RETAIL, "s1"].filter((c) => clients.has(c)).map((client) => ({ survey: `bench-${client}`, client, question: "q" }));
  },
};

let now = new Date();
const app = new Hono<AdminEnv>();
app.use("/api/admin/*", adminAuth);
app.route("/api/admin/benchmarks", benchmarksAdminWith(directory, () => now));
app.onError((err, c) => (err instanceof Problem ? renderProblem(c, err) : c.json({ error: String(err) }, 500)));

async function get(path: string, token = TEST_ADMIN_TOKEN): Promise<{ status: number; body: BenchmarkReport & { error?: string }; text: string }> {
  const res = await app.fetch(new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } }), env);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as BenchmarkReport & { error?: string }, text };
}

/** `n` NPS answers for a client's survey: `promoters` tens, the rest zeros (score = 100 × (2 × promoters − n) / n). */
async function answers(client: string, n: number, promoters: number, at: string): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => ({ id: `${client}-${at}-${i}`, v: i < promoters ? 10 : 0 }));
  await env.DB.prepare(
    `INSERT INTO responses (id, survey_id, definition_hash, answers, submitted_at)
     SELECT json_extract(value, '$.id'), ?2, 'h', json_object('q', json_extract(value, '$.v'), 'email', 'person@example.com'), ?3 FROM json_each(?1)`,
  ).bind(JSON.stringify(rows), `bench-${client}`, at).run();
}

// Client rN scores 10 × N (20 answers, 10 + N of them promoters).
const scoreOf = (client: string) => 10 + Number(client.slice(1));
const LAST_WEEK = "2026-12-01T10:00:00.000Z";
const WEEK_1 = new Date("2026-12-09T12:00:00Z"); // the week of Monday 2026-12-07
const WEEK_2 = new Date("2026-12-16T12:00:00Z");
const WEEK_3 = new Date("2026-12-23T12:00:00Z");

beforeEach(() => {
  now = WEEK_1;
});

describe("the minimum behind an industry aggregate", () => {
  it("below 5 clients there is no aggregate, only the reason, and the caller's own score", async () => {
    for (const c of ["r1", "r2", "r3", "r4"]) await answers(c, 30, scoreOf(c) + 5, LAST_WEEK);
    const { status, body } = await get("/api/admin/benchmarks/nps?client=r1");
    expect(status).toBe(200);
    expect(body).toEqual({ metric: "nps", client: "r1", industry: "retail", own: { score: 6.7, responses: 30 }, aggregate: null, reason: NOT_ENOUGH_DATA });
  });

  it("5 clients with 99 responses between them: still none", async () => {
    for (const c of ["r1", "r2", "r3", "r4"]) await answers(c, 20, scoreOf(c), LAST_WEEK);
    await answers("r5", 19, 15, LAST_WEEK);
    expect((await get("/api/admin/benchmarks/nps?client=r1")).body.aggregate).toBeNull();
  });

  it("published at the threshold (5 clients, 100 responses): median and quartiles, and no personal data or other client", async () => {
    for (const c of ["r1", "r2", "r3", "r4", "r5"]) await answers(c, 20, scoreOf(c), LAST_WEEK);
    await answers("s1", 40, 40, LAST_WEEK); // another industry: not counted
    const { body, text } = await get("/api/admin/benchmarks/nps?client=r2");
    expect(body).toEqual({
      metric: "nps", client: "r2", industry: "retail", own: { score: 20, responses: 20 },
      aggregate: { week: "2026-12-07", clients: 5, responses: 100, median: 30, q1: 20, q3: 40 },
    });
    for (const other of ["r1", "r3", "r4", "r5", "s1", "bench-", "person@example.com", "r1-"]) expect(text).not.toContain(other);
  });

  it("answers of the current week wait for the next week's aggregate, so every request of a week gets the same figures", async () => {
    for (const c of ["r1", "r2", "r3", "r4"]) await answers(c, 25, scoreOf(c), LAST_WEEK);
    await answers("r5", 25, 15, WEEK_1.toISOString());
    expect((await get("/api/admin/benchmarks/nps?client=r1")).body.aggregate).toBeNull();
    now = WEEK_2;
    expect((await get("/api/admin/benchmarks/nps?client=r1")).body.aggregate).toMatchObject({ week: "2026-12-14", clients: 5, responses: 125 });
  });
});

describe("the differencing guard", () => {
  it("two overlapping queries: after one client leaves, the re-served aggregate is the earlier one, so subtracting reveals nothing", async () => {
    for (const c of ["r1", "r2", "r3", "r4", "r5", "r6"]) await answers(c, 20, scoreOf(c), LAST_WEEK);
    const before = (await get("/api/admin/benchmarks/nps?client=r1")).body.aggregate;
    expect(before).toEqual({ week: "2026-12-07", clients: 6, responses: 120, median: 35, q1: 22.5, q3: 47.5 });

    // r6 leaves: its answers are gone (erased, or past its retention).
    await env.DB.prepare("DELETE FROM responses WHERE survey_id = 'bench-r6'").run();
    now = WEEK_2;
    const after = (await get("/api/admin/benchmarks/nps?client=r1")).body.aggregate;
    expect(after).toEqual(before);
    const held = await env.DB.prepare("SELECT published, clients, median FROM benchmark_snapshots WHERE week = '2026-12-14'").first();
    expect(held).toEqual({ published: 0, clients: null, median: null });

    // A week later r7 joins: the set now differs by two clients from the published one, and a new aggregate is published.
    await answers("r7", 20, 19, LAST_WEEK);
    now = WEEK_3;
    expect((await get("/api/admin/benchmarks/nps?client=r1")).body.aggregate).toEqual({ week: "2026-12-21", clients: 6, responses: 120, median: 35, q1: 22.5, q3: 47.5 });
  });

  it("a client joining an industry of five is held back too, until the set changes again", async () => {
    for (const c of ["r1", "r2", "r3", "r4", "r5"]) await answers(c, 20, scoreOf(c), LAST_WEEK);
    const first = (await get("/api/admin/benchmarks/nps?client=r3")).body.aggregate;
    await answers("r6", 20, 16, LAST_WEEK);
    now = WEEK_2;
    expect((await get("/api/admin/benchmarks/nps?client=r3")).body.aggregate).toEqual(first);
  });
});

describe("who may compare what", () => {
  it("the owner must name the client; an unknown client or metric is a 404 with a sentence", async () => {
    expect(await get("/api/admin/benchmarks/nps")).toMatchObject({ status: 422, body: { error: "Name the client to compare with ?client=<id>: the owner's token sees every client." } });
    expect(await get("/api/admin/benchmarks/nps?client=nobody")).toMatchObject({ status: 404, body: { error: 'There is no client "nobody".' } });
    expect((await get("/api/admin/benchmarks/NPS!?client=r1")).status).toBe(404);
  });

  it("a metric no survey carries has no own score and no aggregate", async () => {
    expect((await get("/api/admin/benchmarks/effort?client=r1")).body).toMatchObject({ own: { score: null, responses: 0 }, aggregate: null });
  });
});

describe("through the Worker's own routes (the example config: two clients)", () => {
  it("a client's token compares its own client; another client's id is answered like an unknown one", async () => {
    const token = await clientToken("northwind");
    const own = await admin("/api/admin/benchmarks/nps", token);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ client: "northwind", industry: "retail", aggregate: null, reason: NOT_ENOUGH_DATA });
    const other = await admin("/api/admin/benchmarks/nps?client=canvass-example", token);
    const unknown = await admin("/api/admin/benchmarks/nps?client=nobody", token);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: 'There is no client "canvass-example".' });
    expect([unknown.status, [...unknown.headers.keys()].sort()]).toEqual([404, [...other.headers.keys()].sort()]);
  });

  it("needs a token", async () => {
    expect((await app.fetch(new Request(`${BASE}/api/admin/benchmarks/nps`), env)).status).toBe(401);
  });
});
