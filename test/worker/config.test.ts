/**
 * worker/config.ts: every setting read in one place with one rule. These tests pin the
 * rules that used to differ between features (the signing key was checked one way for
 * paper links and another for invitation links) and the promise that a wrong setting
 * fails only what needs it, with a message naming what to set.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { app } from "../../worker/app.ts";
import { config, ConfigError, DEFAULT_MIN_FILL_SECONDS, DEFAULT_RATE_LIMIT_PER_HOUR } from "../../worker/config.ts";
import { BASE } from "./helpers.ts";

const withSettings = (settings: Partial<Record<keyof Env, unknown>>) => ({ ...env, ...settings }) as Env;

describe("CANVASS_SIGNING_KEY", () => {
  for (const [what, key] of [["missing", undefined], ["empty", ""], ["shorter than 16 characters", "fifteen-chars!!"]] as const) {
    it(`${what}: a ConfigError that names the setting and how to set it`, () => {
      const read = () => config(withSettings({ CANVASS_SIGNING_KEY: key })).signingKey;
      expect(read).toThrow(ConfigError);
      expect(read).toThrow(/CANVASS_SIGNING_KEY is not set \(or shorter than 16 characters\).*wrangler secret put CANVASS_SIGNING_KEY/);
    });
  }

  it("16 characters or more is accepted as it is", () => {
    expect(config(withSettings({ CANVASS_SIGNING_KEY: "sixteen-chars-ok" })).signingKey).toBe("sixteen-chars-ok");
  });

  it("the same rule holds for paper links as for invitation links: a short key is a logged 500, nothing signed", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.fetch(new Request(`${BASE}/api/papers/short-surveys-guide/ticket`), withSettings({ CANVASS_SIGNING_KEY: "short" }), createExecutionContext());
    expect(res.status).toBe(500);
    expect(String(logged.mock.calls[0])).toContain("CANVASS_SIGNING_KEY");
    logged.mockRestore();
    expect(await res.text()).not.toContain("ticket");
  });
});

describe("settings are read when used", () => {
  it("a broken mail setting does not stop the routes that need none", async () => {
    const broken = withSettings({ MAIL_FROM: "not an address", MAIL_TRANSPORT: "pigeon", PUBLIC_URL: "nope" });
    expect(() => config(broken).mailFrom).toThrow(/MAIL_FROM must be "Name <address>"/);
    expect(() => config(broken).mailTransport).toThrow(/MAIL_TRANSPORT must be outbox, cloudflare or http/);
    expect(() => config(broken).publicUrl).toThrow(/PUBLIC_URL is not a URL/);
    const res = await app.fetch(new Request(`${BASE}/api/health`), broken, createExecutionContext());
    expect(res.status).toBe(200);
  });

  it("each environment has its own settings, read once", () => {
    const a = withSettings({ PAPER_MIN_FILL_SECONDS: "7" });
    expect(config(a)).toBe(config(a));
    expect(config(a).paperMinFillSeconds).toBe(7);
    expect(config(withSettings({})).paperMinFillSeconds).toBe(DEFAULT_MIN_FILL_SECONDS);
  });

  it("the paper brakes take whole numbers from 0 and fall back to the default otherwise", () => {
    expect(config(withSettings({ PAPER_MIN_FILL_SECONDS: "0" })).paperMinFillSeconds).toBe(0);
    expect(config(withSettings({ PAPER_MIN_FILL_SECONDS: "1.5" })).paperMinFillSeconds).toBe(DEFAULT_MIN_FILL_SECONDS);
    expect(config(withSettings({ PAPER_RATE_LIMIT_PER_HOUR: "-1" })).paperRateLimitPerHour).toBe(DEFAULT_RATE_LIMIT_PER_HOUR);
    expect(config(withSettings({ PAPER_RATE_LIMIT_PER_HOUR: " " })).paperRateLimitPerHour).toBe(DEFAULT_RATE_LIMIT_PER_HOUR);
  });

  it("Turnstile is on with both keys, off with neither, and a ConfigError with one", () => {
    expect(config(withSettings({})).turnstile).toBeUndefined();
    expect(config(withSettings({ TURNSTILE_SITE_KEY: "site", TURNSTILE_SECRET_KEY: "secret" })).turnstile).toEqual({ siteKey: "site", secret: "secret" });
    expect(() => config(withSettings({ TURNSTILE_SITE_KEY: "site" })).turnstile).toThrow(/half configured/);
  });

  it("the HTTP mail transport needs both its URL and its key", () => {
    expect(() => config(withSettings({ MAIL_API_URL: "https://mail.example/send" })).mailApi).toThrow(ConfigError);
    expect(config(withSettings({ MAIL_API_URL: "https://mail.example/send", MAIL_API_KEY: "k" })).mailApi).toEqual({ url: "https://mail.example/send", key: "k" });
  });

  it("MAIL_FROM takes a name with an address, or a bare address", () => {
    expect(config(withSettings({ MAIL_FROM: "Canvass <surveys@example.com>" })).mailFrom).toEqual({ name: "Canvass", address: "surveys@example.com" });
    expect(config(withSettings({ MAIL_FROM: "surveys@example.com" })).mailFrom).toEqual({ name: undefined, address: "surveys@example.com" });
  });
});
