/**
 * Spam protection without third parties: the honeypot, the minimum fill time (signed
 * form tickets) and the per-source rate limit (D1 counts keyed by an HMAC, never the address).
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { nowSeconds } from "../../../core/tokens.ts";
import { DEFAULT_MIN_FILL_SECONDS, DEFAULT_RATE_LIMIT_PER_HOUR } from "../../../worker/config.ts";
import { issueFormTicket, redeemFormTicket, requestSource } from "../../../worker/papers/guards.ts";
import worker from "../../../worker/index.ts";
import { call } from "../helpers.ts";
import { ada, leads, randomIp, requestForm, requestJson, requestLink, signed, SLUG, ticket } from "./helpers.ts";

describe("the honeypot", () => {
  it("filled in: answered exactly like success, with a link that never works, and nothing stored", async () => {
    const real = await requestLink(ada);
    await env.DB.exec("DELETE FROM leads");
    const res = await requestJson({ ...ada, website: "http://spam.example", _ticket: await ticket() });
    expect(res.status).toBe(real.res.status);
    const body = (await res.json()) as { download_url: string; expires_at: string };
    expect(Object.keys(body)).toEqual(Object.keys((await real.res.json()) as object));
    expect(body.download_url).toMatch(/^\/papers\/files\/short-surveys-guide\.pdf\?t=[\w-]+\.[\w-]+$/);
    expect(await leads()).toHaveLength(0);
    const file = await call(body.download_url);
    expect(file.status).toBe(403);
    expect(await file.text()).not.toContain("%PDF");
  });

  it("filled in a form post (no JavaScript): a success page, nothing stored, whatever else was sent", async () => {
    const res = await requestForm([["name", ""], ["email", "not-an-email"], ["website", "x"]]);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Your download is ready");
    expect(await leads()).toHaveLength(0);
  });

  it("left empty (or only spaces) is no obstacle", async () => {
    const res = await requestJson({ ...ada, website: "  ", _ticket: await ticket() });
    expect(res.status).toBe(200);
    expect(await leads()).toHaveLength(1);
  });
});

describe("the minimum fill time", () => {
  it(`a form sent less than ${DEFAULT_MIN_FILL_SECONDS} seconds after its page loaded is refused with 429, and nothing stored`, async () => {
    const res = await requestJson({ ...ada, _ticket: await ticket(0) });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: string }).error).toMatch(/wait a few seconds/);
    expect(await leads()).toHaveLength(0);
  });

  it("a form sent after the minimum time is accepted", async () => {
    expect((await requestJson({ ...ada, _ticket: await ticket(DEFAULT_MIN_FILL_SECONDS) })).status).toBe(200);
  });

  it("the page fetches its ticket from the Worker, which signs the time it was issued", async () => {
    const res = await call(`/api/papers/${SLUG}/ticket`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { ticket: string; min_fill_seconds: number; turnstile_site_key: string | null };
    expect(body).toMatchObject({ min_fill_seconds: DEFAULT_MIN_FILL_SECONDS, turnstile_site_key: null });
    // Used at once, it is too fast.
    expect((await requestJson({ ...ada, _ticket: body.ticket })).status).toBe(429);
  });

  it("a forged ticket, another paper's ticket, or one signed as a download token is refused with 422", async () => {
    const forged = [
      "not-a-ticket",
      await signed({ purpose: "paper", sub: `form:${nowSeconds() - 60}`, ref: SLUG, exp: nowSeconds() + 3600 }), // signed with the download key, not the ticket key
      await ticket(60, "another-paper"),
    ];
    for (const t of forged) {
      const res = await requestJson({ ...ada, _ticket: t });
      expect(res.status, t).toBe(422);
      expect(((await res.json()) as { errors: Record<string, string> }).errors._form).toMatch(/Reload the page/);
    }
    expect(await leads()).toHaveLength(0);
  });

  it("an expired ticket (the page was left open for a day) asks for a reload", async () => {
    const res = await requestJson({ ...ada, _ticket: await ticket(24 * 3600) });
    expect(res.status).toBe(422);
  });

  it("without a ticket (posted without loading the page) the request is refused with 422 and stores nothing", async () => {
    const form = await requestForm([["name", "Grace"], ["email", "grace@example.com"], ["company", "Navy"], ["job_title", "Admiral"], ["_ticket", ""]]);
    expect(form.status).toBe(422);
    expect(await form.text()).toContain("reload the page");
    const json = await requestJson({ ...ada, _ticket: undefined });
    expect(json.status).toBe(422);
    expect(await leads()).toHaveLength(0);
  });

  it("with JavaScript off the ticket stamped into the page as it was served times the form", async () => {
    const page = await call(`/papers/${SLUG}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const stamped = /name="_ticket" value="([^"]+)"/.exec(await page.text())?.[1];
    expect(stamped).toBeTruthy();
    const fields: [string, string][] = [["name", "Grace"], ["email", "grace@example.com"], ["company", "Navy"], ["job_title", "Admiral"], ["_ticket", stamped!]];
    expect((await requestForm(fields)).status).toBe(429);
    expect(await leads()).toHaveLength(0);
  });
});

describe("a form ticket is single-use", () => {
  it("works once; a second request with it is refused like an invalid ticket and stores nothing", async () => {
    const t = await ticket();
    expect((await requestJson({ ...ada, _ticket: t })).status).toBe(200);
    const again = await requestJson({ ...ada, email: "second@example.com", _ticket: t });
    expect(again.status).toBe(422);
    expect(((await again.json()) as { errors: Record<string, string> }).errors._form).toMatch(/Reload the page/);
    expect((await leads()).map((l) => l.email)).toEqual([ada.email]);
  });

  it("used twice at the same instant, it stores one lead", async () => {
    const t = await ticket();
    const answers = await Promise.all(["one@example.com", "two@example.com"].map((email) => requestJson({ ...ada, email, _ticket: t })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(await leads()).toHaveLength(1);
  });

  it("is not spent by a form sent too soon, so the same form can be sent again after the wait", async () => {
    const t = await issueFormTicket(env, SLUG, nowSeconds());
    expect((await requestJson({ ...ada, _ticket: t })).status).toBe(429);
    const later = nowSeconds() + DEFAULT_MIN_FILL_SECONDS;
    expect(await redeemFormTicket(env, SLUG, t, later)).toBe("ok");
    expect(await redeemFormTicket(env, SLUG, t, later)).toBe("used");
  });

  it(`the ticket endpoint allows ${DEFAULT_RATE_LIMIT_PER_HOUR} tickets an hour per address, then answers 429, apart from the form's own count`, async () => {
    const ip = randomIp();
    const get = () => call(`/api/papers/${SLUG}/ticket`, { headers: { "cf-connecting-ip": ip } });
    for (let i = 0; i < DEFAULT_RATE_LIMIT_PER_HOUR; i++) expect((await get()).status, `ticket ${i + 1}`).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await requestJson({ ...ada, _ticket: await ticket() }, { ip })).status).toBe(200);
  });

  it("the daily cron deletes used tickets once they have expired", async () => {
    const now = nowSeconds();
    await env.DB.prepare("INSERT INTO paper_tickets_used (nonce, expires_at) VALUES ('old', ?1), ('live', ?2)").bind(now - 1, now + 3600).run();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "17 3 * * *" }), env);
    const { results } = await env.DB.prepare("SELECT nonce FROM paper_tickets_used").all<{ nonce: string }>();
    expect(results.map((r) => r.nonce)).toEqual(["live"]);
  });
});

describe("the rate limit per source", () => {
  it(`allows ${DEFAULT_RATE_LIMIT_PER_HOUR} requests an hour from one address, then answers 429 with Retry-After and stores nothing`, async () => {
    const ip = randomIp();
    for (let i = 0; i < DEFAULT_RATE_LIMIT_PER_HOUR; i++) {
      const res = await requestJson({ ...ada, email: `person${i}@example.com`, _ticket: await ticket() }, { ip });
      expect(res.status, `request ${i + 1}`).toBe(200);
    }
    const refused = await requestJson({ ...ada, email: "one-more@example.com", _ticket: await ticket() }, { ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(3600);
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many requests/);
    expect(await leads()).toHaveLength(DEFAULT_RATE_LIMIT_PER_HOUR);
    // Another address is not affected.
    expect((await requestJson({ ...ada, email: "other@example.com", _ticket: await ticket() })).status).toBe(200);
  });

  it(`holds under concurrency: 40 simultaneous requests from one address store exactly ${DEFAULT_RATE_LIMIT_PER_HOUR} leads, the other 30 get 429`, async () => {
    const ip = randomIp();
    const tickets = await Promise.all(Array.from({ length: 40 }, () => ticket()));
    const answers = await Promise.all(tickets.map((t, i) => requestJson({ ...ada, email: `burst${i}@example.com`, _ticket: t }, { ip })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(DEFAULT_RATE_LIMIT_PER_HOUR);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - DEFAULT_RATE_LIMIT_PER_HOUR);
    expect(await leads()).toHaveLength(DEFAULT_RATE_LIMIT_PER_HOUR);
  });

  it("invalid requests count too, so the form cannot be used to probe without limit", async () => {
    const ip = randomIp();
    for (let i = 0; i < DEFAULT_RATE_LIMIT_PER_HOUR; i++) await requestJson({ email: "bad" }, { ip });
    expect((await requestJson({ ...ada, _ticket: await ticket() }, { ip })).status).toBe(429);
  });

  it("an IPv6 host is counted by its /64, which is what one household or server gets", async () => {
    expect(requestSource("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(requestSource("2001:0db8:0001:0002:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(requestSource("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(requestSource("203.0.113.9")).toBe("203.0.113.9");
    expect(requestSource(undefined)).toBe("unknown");
  });

  it("never writes the address: D1 holds only opaque keys and counts", async () => {
    const ip = "203.0.113.77";
    await requestJson({ ...ada, _ticket: await ticket() }, { ip });
    const { results: counts } = await env.DB.prepare("SELECT key, hour, n FROM paper_rate").all<{ key: string; hour: number; n: number }>();
    expect(counts.length).toBeGreaterThan(0);
    for (const { key, hour, n } of counts) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(Number.isInteger(hour) && Number.isInteger(n)).toBe(true);
    }
    const dump = JSON.stringify([await env.DB.prepare("SELECT * FROM leads").all(), counts]);
    expect(dump).not.toContain(ip);
  });
});
