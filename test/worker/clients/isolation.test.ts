/**
 * Client isolation on every admin route (issue 10): a client's token sees only its own
 * client's surveys, responses, contacts, mail, leads and visitor counts; another client's
 * object answers exactly as an unknown one (the same status, body and headers), never
 * 403, and nothing of the other client appears in a body or a header. The owner's token
 * sees both. The cases are keyed by the route map (worker/app.ts, as routes.test.ts reads
 * it): a new admin route without a case here fails the first test.
 *
 * Clients (canvass.config.ts): A = canvass-example (the default: all-types and the paper
 * short-surveys-guide), B = northwind (northwind-poll, test/fixtures/surveys/).
 */
import { env } from "cloudflare:workers";
import { inspectRoutes } from "hono/dev";
import { beforeEach, describe, expect, it } from "vitest";
import { app } from "../../../worker/app.ts";
import { deliveryKey } from "../../../worker/invitations/compose.ts";
import { TEST_ADMIN_TOKEN } from "../constants.ts";
import { seedInvitation } from "../invitations/helpers.ts";
import { seedResponses } from "../responses/helpers.ts";
import { createToken, withToken } from "./helpers.ts";

const A_SURVEY = "all-types";
const B_SURVEY = "northwind-poll";
const UNKNOWN_SURVEY = "no-such-poll";
const A_PAPER = "short-surveys-guide";
const A_RESPONSE = "aaaaaaaa-0000-4000-8000-000000000001";
const B_RESPONSE = "bbbbbbbb-0000-4000-8000-000000000002";
const UNKNOWN_RESPONSE = "cccccccc-0000-4000-8000-000000000003";
const A_EMAIL = "ann.a@canvass-example.test";
const B_EMAIL = "nora.secret@northwind.test";
const A_LEAD = "lena.lead@canvass-example.test";
const B_NOTE = "NW-SECRET-NOTE";
const B_NAME = "Nora Northwind";
const DAY = "2026-11-20";

let aToken = "";
let bToken = "";
let bInvitation = "";

/** Everything of client B that A's token must never see. */
const bSecrets = () => [B_SURVEY, B_RESPONSE, B_EMAIL, B_NOTE, B_NAME, bInvitation, "/s/northwind-poll"];
/** Everything of client A that B's token must never see. */
const aSecrets = [A_SURVEY, A_RESPONSE, A_EMAIL, A_LEAD, "/s/all-types", `/papers/${A_PAPER}`];

async function seedOutbox(invitation: string, to: string, text: string) {
  await env.DB.prepare(
    "INSERT INTO outbox (id, idempotency_key, recipient, subject, headers, text, html, raw, created_at) VALUES (?1, ?2, ?3, 'Two minutes?', '{}', ?4, '', '', ?5)",
  ).bind(crypto.randomUUID(), deliveryKey(invitation, 0), to, text, new Date().toISOString()).run();
}

async function seedStats() {
  const rows: [string, string, number, number][] = [
    ["total", "", 8, 5],
    ["path", "/s/all-types/", 5, 3],
    ["path", "/papers/short-surveys-guide/", 1, 1],
    ["path", "/s/northwind-poll/?utm_source=mail", 2, 1],
    ["path", "/s/northwind-poll-2/", 7, 7], // a path that only starts like B's: not B's
    ["referrer", "secret-referrer.example", 8, 5],
  ];
  await env.DB.batch(rows.map(([dimension, value, views, visitors]) =>
    env.DB.prepare("INSERT INTO visitor_stats (day, dimension, value, views, visitors) VALUES (?1, ?2, ?3, ?4, ?5)").bind(DAY, dimension, value, views, visitors)));
}

async function seedLead() {
  const now = new Date().toISOString();
  await env.DB.prepare(
    "INSERT INTO leads (id, paper, email, email_normalised, name, marketing_consent, consent_text_hash, consent_at, created_at, last_requested_at) VALUES (?1, ?2, ?3, ?3, 'Lena', 0, ?4, ?5, ?5, ?5)",
  ).bind(crypto.randomUUID(), A_PAPER, A_LEAD, "0".repeat(64), now).run();
}

beforeEach(async () => {
  aToken = (await createToken("canvass-example")).token;
  bToken = (await createToken("northwind")).token;
  await seedResponses(A_SURVEY, [{ id: A_RESPONSE, submitted_at: "2026-11-20T10:00:00.000Z", answers: { nickname: "Ann" } }]);
  await seedResponses(B_SURVEY, [{ id: B_RESPONSE, submitted_at: "2026-11-20T11:00:00.000Z", answers: { happy: "no", note: B_NOTE } }]);
  const a = await seedInvitation({ survey: A_SURVEY, email: A_EMAIL, client: "Canvass Example Ltd", status: "sent" });
  const b = await seedInvitation({ survey: B_SURVEY, email: B_EMAIL, name: B_NAME, client: "Northwind Traders", status: "sent" });
  bInvitation = b.invitation;
  await seedOutbox(a.invitation, A_EMAIL, "Hello Ann");
  await seedOutbox(b.invitation, B_EMAIL, `Hello ${B_NAME}`);
  await seedStats();
  await seedLead();
});

type Seen = { status: number; body: string; headers: [string, string][] };

async function seen(res: Response): Promise<Seen> {
  return { status: res.status, body: await res.text(), headers: [...res.headers.entries()] };
}

/** The response with the names that differ between two requests replaced, to compare the rest exactly. */
function masked(s: Seen, names: string[]): Seen {
  const mask = (t: string) => names.reduce((out, n) => out.split(n).join("<name>"), t);
  return { status: s.status, body: mask(s.body), headers: s.headers.map(([k, v]) => [k, mask(v)]) };
}

function expectNothingOf(s: Seen, secrets: string[]) {
  const text = `${s.body}\n${s.headers.map(([k, v]) => `${k}: ${v}`).join("\n")}`;
  for (const secret of secrets) expect(text, `leaks ${secret}`).not.toContain(secret);
}

const json = { "content-type": "application/json" };
const uploadBody = (client: string) => JSON.stringify({ source: "client", client, contacts: [{ email: "new.person@example.test" }] });

/**
 * One case per admin route. A survey route is asked with a survey (and the response it
 * names); `own` is what A's token may do on A's survey.
 */
type SurveyCase = {
  kind: "survey";
  request(token: string, survey: string, response: string): Promise<Response>;
};
type ListCase = {
  kind: "list";
  request(token: string): Promise<Response>;
  /** A string only the owner's (and B's own) answer holds. */
  ownerSees: string;
};
type Case = SurveyCase | ListCase;

const cases: Record<string, Case> = {
  "GET /api/admin/surveys": { kind: "list", request: (t) => withToken(t, "/api/admin/surveys"), ownerSees: B_SURVEY },
  "GET /api/admin/surveys/:survey/responses": { kind: "survey", request: (t, s) => withToken(t, `/api/admin/surveys/${s}/responses`) },
  "GET /api/admin/surveys/:survey/responses/:response": { kind: "survey", request: (t, s, r) => withToken(t, `/api/admin/surveys/${s}/responses/${r}`) },
  "DELETE /api/admin/surveys/:survey/responses/:response": {
    kind: "survey",
    request: (t, s, r) => withToken(t, `/api/admin/surveys/${s}/responses/${r}`, { method: "DELETE" }),
  },
  "GET /api/admin/surveys/:survey/summary": { kind: "survey", request: (t, s) => withToken(t, `/api/admin/surveys/${s}/summary`) },
  "GET /api/admin/surveys/:survey/answers/:key": { kind: "survey", request: (t, s) => withToken(t, `/api/admin/surveys/${s}/answers/${s === A_SURVEY ? "nickname" : "note"}`) },
  "POST /api/admin/surveys/:survey/invitations": {
    kind: "survey",
    request: (t, s) => withToken(t, `/api/admin/surveys/${s}/invitations`, { method: "POST", headers: json, body: uploadBody(s === A_SURVEY ? "Canvass Example Ltd" : "Northwind Traders") }),
  },
  "GET /api/admin/surveys/:survey/invitations": { kind: "survey", request: (t, s) => withToken(t, `/api/admin/surveys/${s}/invitations`) },
  "GET /api/admin/surveys/:survey/invitations/contacts": { kind: "survey", request: (t, s) => withToken(t, `/api/admin/surveys/${s}/invitations/contacts`) },
  "GET /api/admin/outbox": { kind: "list", request: (t) => withToken(t, "/api/admin/outbox"), ownerSees: B_EMAIL },
  "POST /api/admin/contacts/erase": {
    kind: "list",
    request: (t) => withToken(t, "/api/admin/contacts/erase", { method: "POST", headers: json, body: JSON.stringify({ email: B_EMAIL }) }),
    ownerSees: '"erased_contacts":1',
  },
  "GET /api/admin/leads": { kind: "list", request: (t) => withToken(t, "/api/admin/leads"), ownerSees: A_LEAD },
  "GET /api/admin/stats": { kind: "list", request: (t) => withToken(t, `/api/admin/stats?from=${DAY}&to=${DAY}`), ownerSees: "/s/northwind-poll" },
  "POST /api/admin/people/erase": {
    kind: "list",
    request: (t) => withToken(t, "/api/admin/people/erase", { method: "POST", headers: json, body: JSON.stringify({ email: B_EMAIL }) }),
    ownerSees: '"contacts":1',
  },
  "GET /api/admin/benchmarks/:metric": {
    kind: "list",
    // A client's token compares its own client; the owner's names one.
    request: (t) => withToken(t, t === TEST_ADMIN_TOKEN ? "/api/admin/benchmarks/nps?client=northwind" : "/api/admin/benchmarks/nps"),
    ownerSees: '"client":"northwind"',
  },
};

const adminRoutes = [...new Set(inspectRoutes(app).filter((r) => !r.isMiddleware && r.path.startsWith("/api/admin/")).map((r) => `${r.method} ${r.path}`))];
const surveyCases = Object.entries(cases).filter((e): e is [string, SurveyCase] => e[1].kind === "survey");
const listCases = Object.entries(cases).filter((e): e is [string, ListCase] => e[1].kind === "list");

describe("every admin route is tried with another client's token", () => {
  it("has a case for each admin route in the route map, and none for a route that is gone", () => {
    expect(Object.keys(cases).sort()).toEqual([...adminRoutes].sort());
  });
});

describe.each(surveyCases)("%s", (_route, c) => {
  it("another client's survey is the 404 of an unknown survey: the same status, body and headers, nothing of it leaked", async () => {
    const foreign = await seen(await c.request(aToken, B_SURVEY, B_RESPONSE));
    const unknown = await seen(await c.request(aToken, UNKNOWN_SURVEY, UNKNOWN_RESPONSE));
    expect(foreign.status).toBe(404);
    expect(masked(foreign, [B_SURVEY, B_RESPONSE])).toEqual(masked(unknown, [UNKNOWN_SURVEY, UNKNOWN_RESPONSE]));
    // The ids the caller sent may come back in the sentence; nothing else of B may.
    expectNothingOf(masked(foreign, [B_SURVEY, B_RESPONSE]), bSecrets());
  });

  it("leaves another client's data as it was", async () => {
    await c.request(aToken, B_SURVEY, B_RESPONSE);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM responses WHERE survey_id = ?1").bind(B_SURVEY).first<{ n: number }>())!.n).toBe(1);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM contacts").first<{ n: number }>())!.n).toBe(2);
  });

  it("a client's token reads its own survey, and the owner's token both clients'", async () => {
    // Each call on fresh responses: the DELETE case removes the one it names.
    const fresh = async (token: string, survey: string, response: string) => {
      await env.DB.exec("DELETE FROM responses");
      await seedResponses(A_SURVEY, [{ id: A_RESPONSE, submitted_at: "2026-11-20T10:00:00.000Z", answers: { nickname: "Ann" } }]);
      await seedResponses(B_SURVEY, [{ id: B_RESPONSE, submitted_at: "2026-11-20T11:00:00.000Z", answers: { happy: "no", note: B_NOTE } }]);
      const res = await c.request(token, survey, response);
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return seen(res);
    };
    expectNothingOf(await fresh(aToken, A_SURVEY, A_RESPONSE), bSecrets());
    await fresh(bToken, B_SURVEY, B_RESPONSE);
    await fresh(TEST_ADMIN_TOKEN, A_SURVEY, A_RESPONSE);
    await fresh(TEST_ADMIN_TOKEN, B_SURVEY, B_RESPONSE);
  });
});

describe("another client's response in one's own survey", () => {
  it.each(["GET", "DELETE"])("%s is the 404 of an unknown response, and the response stays", async (method) => {
    const foreign = await seen(await withToken(aToken, `/api/admin/surveys/${A_SURVEY}/responses/${B_RESPONSE}`, { method }));
    const unknown = await seen(await withToken(aToken, `/api/admin/surveys/${A_SURVEY}/responses/${UNKNOWN_RESPONSE}`, { method }));
    expect(foreign.status).toBe(404);
    expect(masked(foreign, [B_RESPONSE])).toEqual(masked(unknown, [UNKNOWN_RESPONSE]));
    expect(await env.DB.prepare("SELECT id FROM responses WHERE id = ?1").bind(B_RESPONSE).first()).not.toBeNull();
  });
});

describe.each(listCases)("%s", (_route, c) => {
  it("shows a client's token nothing of another client, in the body or the headers", async () => {
    const res = await seen(await c.request(aToken));
    expect(res.status, res.body).toBe(200);
    expectNothingOf(res, bSecrets());
  });

  it("shows the owner's token every client", async () => {
    const res = await seen(await c.request(TEST_ADMIN_TOKEN));
    expect(res.status, res.body).toBe(200);
    expect(res.body).toContain(c.ownerSees);
  });
});

describe("what a client's token sees in the lists", () => {
  it("the survey list holds exactly its own client's surveys", async () => {
    const ids = async (t: string) => ((await (await withToken(t, "/api/admin/surveys")).json()) as { surveys: { id: string }[] }).surveys.map((s) => s.id);
    expect(await ids(bToken)).toEqual([B_SURVEY]);
    const a = await ids(aToken);
    expect(a).toContain(A_SURVEY);
    expect(a).not.toContain(B_SURVEY);
    expect(await ids(TEST_ADMIN_TOKEN)).toEqual(expect.arrayContaining([A_SURVEY, B_SURVEY]));
  });

  it("the outbox holds only the mail of its own surveys' invitations", async () => {
    const to = async (t: string) => ((await (await withToken(t, "/api/admin/outbox")).json()) as { messages: { to: string }[] }).messages.map((m) => m.to);
    expect(await to(bToken)).toEqual([B_EMAIL]);
    expect(await to(aToken)).toEqual([A_EMAIL]);
    expect((await to(TEST_ADMIN_TOKEN)).sort()).toEqual([A_EMAIL, B_EMAIL].sort());
  });

  it("leads only of its own client's papers; another client's paper answers as a paper nobody asked for", async () => {
    const bAll = await seen(await withToken(bToken, "/api/admin/leads"));
    expect(JSON.parse(bAll.body)).toEqual({ leads: [] });
    const foreign = await seen(await withToken(bToken, `/api/admin/leads?paper=${A_PAPER}&format=csv`));
    const unknown = await seen(await withToken(bToken, "/api/admin/leads?paper=no-such-paper&format=csv"));
    expect(masked(foreign, [A_PAPER])).toEqual(masked(unknown, ["no-such-paper"]));
    expectNothingOf(foreign, aSecrets);
    const own = (await (await withToken(aToken, `/api/admin/leads?paper=${A_PAPER}`)).json()) as { leads: { email: string }[] };
    expect(own.leads.map((l) => l.email)).toEqual([A_LEAD]);
  });

  it("visitor counts only for its own surveys' and papers' paths, totals summed from them, no site-wide lists", async () => {
    const b = (await (await withToken(bToken, `/api/admin/stats?from=${DAY}&to=${DAY}`)).json()) as Record<string, unknown> & { totals: { views: number }; pages: { value: string }[] };
    expect(b.pages.map((p) => p.value)).toEqual(["/s/northwind-poll/?utm_source=mail"]);
    expect(b.totals).toEqual({ views: 2, visitors: 1 });
    expect([b.referrers, b.countries, b.devices, b.browsers]).toEqual([[], [], [], []]);
    expectNothingOf(await seen(await withToken(bToken, `/api/admin/stats?from=${DAY}&to=${DAY}`)), [...aSecrets, "secret-referrer"]);
    const a = (await (await withToken(aToken, `/api/admin/stats?from=${DAY}&to=${DAY}`)).json()) as { totals: { views: number }; pages: { value: string }[] };
    expect(a.pages.map((p) => p.value).sort()).toEqual(["/papers/short-surveys-guide/", "/s/all-types/"]);
    expect(a.totals.views).toBe(6);
    const owner = (await (await withToken(TEST_ADMIN_TOKEN, `/api/admin/stats?from=${DAY}&to=${DAY}`)).json()) as { totals: { views: number } };
    expect(owner.totals.views).toBe(8);
  });
});

describe("writes with a client's token stay inside its client", () => {
  it("a contact upload for another client's survey is refused as an unknown survey and stores nothing", async () => {
    const res = await withToken(aToken, `/api/admin/surveys/${B_SURVEY}/invitations`, { method: "POST", headers: json, body: uploadBody("Canvass Example Ltd") });
    expect(res.status).toBe(404);
    expect(await env.DB.prepare("SELECT email FROM contacts WHERE email = 'new.person@example.test'").first()).toBeNull();
  });

  it("a list for its own survey must be its own client's: another client's name is a 422 that says which to use", async () => {
    const res = await withToken(aToken, `/api/admin/surveys/${A_SURVEY}/invitations`, { method: "POST", headers: json, body: uploadBody("Northwind Traders") });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toContain('"Canvass Example Ltd"');
    expect(await env.DB.prepare("SELECT email FROM contacts WHERE email = 'new.person@example.test'").first()).toBeNull();
  });

  it("erasing an address with a client's token removes only that client's contact with it", async () => {
    await seedInvitation({ survey: A_SURVEY, email: B_EMAIL, client: "Canvass Example Ltd" });
    const res = await withToken(aToken, "/api/admin/contacts/erase", { method: "POST", headers: json, body: JSON.stringify({ email: B_EMAIL }) });
    // The older route is the people feature's erasure (worker/people/erase.ts): it keeps the address suppressed.
    expect(await res.json()).toEqual({ erased_contacts: 1, opted_out: true });
    const left = await env.DB.prepare("SELECT client FROM contacts WHERE email = ?1").bind(B_EMAIL).all<{ client: string }>();
    expect(left.results).toEqual([{ client: "Northwind Traders" }]);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE recipient = ?1").bind(B_EMAIL).first<{ n: number }>())!.n).toBe(1);
  });
});
