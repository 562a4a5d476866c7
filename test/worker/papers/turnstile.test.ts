/**
 * Cloudflare Turnstile, switched on by configuration (TURNSTILE_SITE_KEY and
 * TURNSTILE_SECRET_KEY), tested with Cloudflare's published test keys
 * (https://developers.cloudflare.com/turnstile/troubleshooting/testing/).
 *
 * The tests have no network, so Cloudflare's siteverify endpoint is stood in for at the
 * fetch boundary by a fake that answers for each test secret as Cloudflare documents.
 * The app is called with its configuration overridden per test (the same app the
 * Worker exports, with `env` passed in), which is how the switch is flipped.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { app } from "../../../worker/app.ts";
import { SITEVERIFY_URL } from "../../../worker/papers/turnstile.ts";
import { BASE, call } from "../helpers.ts";
import { ada, leads, randomIp, REQUESTS, SLUG, ticket } from "./helpers.ts";

/** Cloudflare's test keys: a site key whose widget always passes, and three secret keys. */
const SITE_KEY = "1x00000000000000000000AA";
const SECRET = {
  pass: "1x0000000000000000000000000000000AA",
  fail: "2x0000000000000000000000000000000AA",
  spent: "3x0000000000000000000000000000000AA",
};
/** What a widget with a test site key puts in the form. */
const DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";

/** Cloudflare's documented answers for the test secrets. */
function siteverifyAnswer(secret: string | null): object {
  if (secret === SECRET.pass) return { success: true, "error-codes": [], challenge_ts: new Date().toISOString(), hostname: "example.com" };
  if (secret === SECRET.fail) return { success: false, "error-codes": ["invalid-input-response"] };
  if (secret === SECRET.spent) return { success: false, "error-codes": ["timeout-or-duplicate"] };
  return { success: false, "error-codes": ["invalid-input-secret"] };
}

let fetchSpy: MockInstance<typeof fetch>;
let sent: URLSearchParams[];

beforeEach(() => {
  sent = [];
  fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input, init);
    if (req.url !== SITEVERIFY_URL || req.method !== "POST") throw new Error(`unexpected request to ${req.method} ${req.url}`);
    const form = new URLSearchParams([...(await req.formData())].map(([k, v]) => [k, String(v)]));
    sent.push(form);
    return Response.json(siteverifyAnswer(form.get("secret")));
  });
});
afterEach(() => fetchSpy.mockRestore());

function withTurnstile(secret: string | undefined, siteKey: string | undefined = SITE_KEY): Env {
  return { ...env, TURNSTILE_SITE_KEY: siteKey, TURNSTILE_SECRET_KEY: secret };
}

async function send(config: Env, body: Record<string, unknown>, ip = randomIp()): Promise<Response> {
  const req = new Request(`${BASE}${REQUESTS}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify({ _ticket: await ticket(), ...body }),
  });
  return app.fetch(req, config, createExecutionContext());
}

describe("Turnstile switched on", () => {
  it("the page learns the site key from the ticket endpoint (and only then loads Turnstile)", async () => {
    const res = await app.fetch(new Request(`${BASE}/api/papers/${SLUG}/ticket`), withTurnstile(SECRET.pass), createExecutionContext());
    expect(((await res.json()) as { turnstile_site_key: string }).turnstile_site_key).toBe(SITE_KEY);
  });

  it("with the always-passes secret, the dummy token is accepted and Cloudflare was asked once, with secret, token and address", async () => {
    const res = await send(withTurnstile(SECRET.pass), { ...ada, "cf-turnstile-response": DUMMY_TOKEN }, "198.51.100.7");
    expect(res.status).toBe(200);
    expect(await leads()).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0]!)).toEqual({ secret: SECRET.pass, response: DUMMY_TOKEN, remoteip: "198.51.100.7" });
  });

  it("with the always-fails secret, the request is refused with 403 and nothing stored", async () => {
    const res = await send(withTurnstile(SECRET.fail), { ...ada, "cf-turnstile-response": DUMMY_TOKEN });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/spam check/);
    expect(await leads()).toHaveLength(0);
  });

  it("with the token-already-spent secret, the request is refused with 403 and nothing stored", async () => {
    const res = await send(withTurnstile(SECRET.spent), { ...ada, "cf-turnstile-response": DUMMY_TOKEN });
    expect(res.status).toBe(403);
    expect(await leads()).toHaveLength(0);
  });

  it("without a Turnstile token (JavaScript off, or a bot) it is refused without asking Cloudflare", async () => {
    const res = await send(withTurnstile(SECRET.pass), ada);
    expect(res.status).toBe(403);
    expect(sent).toHaveLength(0);
    expect(await leads()).toHaveLength(0);
  });

  it("invalid fields are reported before the token is checked, so fixing them does not need a new one", async () => {
    const res = await send(withTurnstile(SECRET.pass), { ...ada, email: "nope", "cf-turnstile-response": DUMMY_TOKEN });
    expect(res.status).toBe(422);
    expect(sent).toHaveLength(0);
  });

  it("a form post carries the token in the widget's own field", async () => {
    const req = new Request(`${BASE}${REQUESTS}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html", "cf-connecting-ip": randomIp() },
      body: new URLSearchParams({ ...ada, _ticket: await ticket(), "cf-turnstile-response": DUMMY_TOKEN }).toString(),
    });
    const res = await app.fetch(req, withTurnstile(SECRET.pass), createExecutionContext());
    expect(res.status).toBe(200);
    expect(sent[0]!.get("response")).toBe(DUMMY_TOKEN);
  });

  it("when Cloudflare cannot be reached: a generic 500, logged, nothing stored", async () => {
    fetchSpy.mockImplementation(async () => { throw new TypeError("network down"); });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await send(withTurnstile(SECRET.pass), { ...ada, "cf-turnstile-response": DUMMY_TOKEN });
    expect(res.status).toBe(500);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(await leads()).toHaveLength(0);
  });

  it("half configured (one key without the other) fails loudly rather than running unprotected", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await send(withTurnstile(SECRET.pass, ""), { ...ada, "cf-turnstile-response": DUMMY_TOKEN });
    expect(res.status).toBe(500);
    expect(String(logged.mock.calls[0])).toContain("half configured");
    logged.mockRestore();
  });
});

describe("Turnstile off (the default)", () => {
  it("no request leaves the Worker while a lead is captured, and the page is given no site key", async () => {
    const ticketRes = await call(`/api/papers/${SLUG}/ticket`);
    expect(((await ticketRes.json()) as { turnstile_site_key: unknown }).turnstile_site_key).toBeNull();
    const res = await send(env, ada);
    expect(res.status).toBe(200);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
