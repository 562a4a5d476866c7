/**
 * Visitor statistics: what is counted, what is not, and what bad input can and cannot do.
 * See privacy.test.ts for the promise that nothing identifying is ever stored.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Hit } from "../../../core/stats/model.ts";
import { DAILY_CAPS } from "../../../core/stats/dimensions.ts";
import { utcDay } from "../../../core/stats/days.ts";
import { SALT_PREFIX } from "../../../worker/stats/visitor.ts";
import { AGENTS, counts, recordingWorker, runDailyCron, totals } from "./helpers.ts";

// Faked clocks use days in the future: miniflare's KV judges a key's expiration by the real clock.
afterEach(() => vi.useRealTimers());

describe("a page view", () => {
  it("is counted by day, path, referring domain, country, device and browser", async () => {
    const w = recordingWorker();
    const res = await w.visit({ path: "/s/tiny-poll/?utm_source=news&t=secret", referrer: "https://www.news.example/a?b=c", ua: AGENTS.safariIphone, country: "DE" });
    expect(res.status).toBe(202);
    expect(w.sent).toHaveLength(1);
    expect(Hit.safeParse(w.sent[0]).success).toBe(true);
    await w.deliver();
    const today = utcDay(Date.now());
    const rows = (await counts()).map(({ dimension, value, views, visitors }) => [dimension, value, views, visitors]);
    expect(rows).toEqual([
      ["browser", "Safari", 1, 1],
      ["country", "DE", 1, 1],
      ["device", "mobile", 1, 1],
      ["path", "/s/tiny-poll/?utm_source=news", 1, 1],
      ["referrer", "news.example", 1, 1],
      ["total", "", 1, 1],
    ]);
    expect((await counts())[0]!.day).toBe(today);
  });

  it("from this site itself is counted with no referrer", async () => {
    const w = recordingWorker();
    await w.visit({ referrer: "https://canvass.test/s/tiny-poll/" });
    await w.deliver();
    expect((await counts("referrer")).map((r) => r.value)).toEqual([""]);
  });

  it("without the edge's client address counts as a view but not as a visitor", async () => {
    const w = recordingWorker();
    await w.visit({ headers: { "cf-connecting-ip": "" } });
    await w.deliver();
    expect(await totals()).toMatchObject([{ views: 1, visitors: 0 }]);
  });
});

describe("unique visitors", () => {
  it("the same visitor twice in one day counts once; another browser or address counts again", async () => {
    const w = recordingWorker();
    await w.visit({ path: "/", ip: "203.0.113.1" });
    await w.visit({ path: "/s/tiny-poll/", ip: "203.0.113.1" });
    await w.deliver(); // a later batch, the same day
    await w.visit({ path: "/s/tiny-poll/thanks/", ip: "203.0.113.1" });
    await w.visit({ ip: "203.0.113.1", ua: AGENTS.chrome });
    await w.visit({ ip: "2001:db8::1" });
    await w.deliver();
    expect(await totals()).toMatchObject([{ views: 5, visitors: 3 }]);
  });

  it("after the salt rotates at the end of the day the same visitor counts again, and the old salt and seen-set are gone", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const w = recordingWorker();
    vi.setSystemTime(new Date("2030-06-14T10:00:00Z"));
    await w.visit({ ip: "203.0.113.1" });
    vi.setSystemTime(new Date("2030-06-14T22:00:00Z"));
    await w.visit({ ip: "203.0.113.1" });
    const firstDayHashes = w.sent.map((m) => (m as Hit).visitor);
    await w.deliver();
    const oldSalt = await env.KV.get(`${SALT_PREFIX}2030-06-14`);
    expect(oldSalt).toBeTruthy();

    vi.setSystemTime(new Date("2030-06-15T03:17:00Z"));
    await runDailyCron(new Date());
    expect(await env.KV.get(`${SALT_PREFIX}2030-06-14`)).toBeNull();
    expect(await env.KV.get(`${SALT_PREFIX}2030-06-16`)).toBeTruthy(); // made a day ahead
    expect((await env.DB.prepare("SELECT count(*) AS n FROM visitor_seen WHERE day = '2030-06-14'").first<{ n: number }>())!.n).toBe(0);

    vi.setSystemTime(new Date("2030-06-15T09:00:00Z"));
    await w.visit({ ip: "203.0.113.1" });
    await w.visit({ ip: "203.0.113.1" });
    const secondDayHashes = w.sent.map((m) => (m as Hit).visitor);
    await w.deliver();

    expect(firstDayHashes[0]).toBe(firstDayHashes[1]);
    expect(secondDayHashes[0]).toBe(secondDayHashes[1]);
    expect(secondDayHashes[0]).not.toBe(firstDayHashes[0]);
    expect(await env.KV.get(`${SALT_PREFIX}2030-06-15`)).not.toBe(oldSalt);
    expect(await totals()).toEqual([
      { day: "2030-06-14", views: 2, visitors: 1 },
      { day: "2030-06-15", views: 2, visitors: 1 },
    ]);
  });

  it("a salt expires in KV when its day ends, even without the cron", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-06-13T12:00:00Z"));
    await recordingWorker().visit();
    const key = (await env.KV.list({ prefix: `${SALT_PREFIX}2030-06-13` })).keys[0]!;
    expect(key.expiration).toBe(Date.parse("2030-06-14T00:00:00Z") / 1000);
  });

  it("a view delivered after its day ended counts as a view only (that day's seen-set is already gone)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const w = recordingWorker();
    vi.setSystemTime(new Date("2030-06-14T23:59:59Z"));
    await w.visit();
    vi.setSystemTime(new Date("2030-06-15T00:00:05Z"));
    await w.deliver();
    expect(await totals()).toEqual([{ day: "2030-06-14", views: 1, visitors: 0 }]);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM visitor_seen").first<{ n: number }>())!.n).toBe(0);
  });
});

describe("not counted", () => {
  const refused: [string, Parameters<ReturnType<typeof recordingWorker>["visit"]>[0]][] = [
    ["Googlebot", { ua: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }],
    ["a headless browser", { ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36" }],
    ["curl", { ua: "curl/8.5.0" }],
    ["a Python script", { ua: "python-requests/2.32.3" }],
    ["no User-Agent", { ua: "" }],
    ["Global Privacy Control", { headers: { "sec-gpc": "1" } }],
    ["Do Not Track", { headers: { dnt: "1" } }],
    ["an admin page (by its path)", { path: "/admin/stats/" }],
    ["an admin page (by the Referer header)", { path: "/", headers: { referer: "https://canvass.test/admin/stats/" } }],
    ["a beacon posted from another site", { headers: { origin: "https://elsewhere.example" } }],
  ];
  it.each(refused)("%s", async (_, visit) => {
    const w = recordingWorker();
    const res = await w.visit(visit);
    expect(res.status).toBe(204);
    expect(w.sent).toEqual([]);
    await w.deliver();
    expect(await counts()).toEqual([]);
  });

  it("GPC and DNT set to anything but 1 do not stop counting", async () => {
    const w = recordingWorker();
    expect((await w.visit({ headers: { "sec-gpc": "0", dnt: "0" } })).status).toBe(202);
  });
});

describe("bad input", () => {
  it("garbage is refused with a 4xx, never a 5xx, and stores nothing", async () => {
    const w = recordingWorker();
    const cases: [Parameters<typeof w.visit>[0], number][] = [
      [{ body: "not json" }, 400],
      [{ body: "" }, 400],
      [{ body: "[1,2]" }, 422],
      [{ body: JSON.stringify({ path: 42 }) }, 422],
      [{ body: JSON.stringify({ path: "no-slash" }) }, 422],
      [{ body: JSON.stringify({ path: "//evil.example/" }) }, 422],
      [{ body: JSON.stringify({ path: "/", referrer: { a: 1 } }) }, 422],
      [{ body: JSON.stringify({ path: "/" }), headers: { "content-type": "application/x-www-form-urlencoded" } }, 415],
      [{ body: JSON.stringify({ path: `/${"a".repeat(3000)}` }) }, 413],
      [{ body: "x".repeat(5 * 1024 * 1024) }, 413],
      [{ body: JSON.stringify({ path: `/${"p".repeat(1024 * 1024)}`, referrer: "r".repeat(1024 * 1024) }) }, 413],
    ];
    for (const [visit, status] of cases) {
      const res = await w.visit(visit);
      expect(res.status, JSON.stringify(visit).slice(0, 80)).toBe(status);
    }
    expect(w.sent).toEqual([]);
  });

  it("arbitrary bodies and headers never cause a server error", async () => {
    const w = recordingWorker();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 3000 }), fc.json(), fc.record({ path: fc.string(), referrer: fc.option(fc.string(), { nil: undefined }) }).map((o) => JSON.stringify(o))),
        fc.constantFrom("text/plain", "application/json", "text/plain;charset=UTF-8", "", "multipart/form-data"),
        fc.string({ maxLength: 300 }),
        async (body, type, ua) => {
          const res = await w.visit({ body, ua, headers: { "content-type": type } });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    await w.deliver();
    for (const r of await counts()) expect(r.value.length).toBeLessThanOrEqual(300);
  });

  it("a flood of invented referrers keeps at most the daily cap of referrer rows", async () => {
    // Invented paths are not counted at all (inflation.test.ts); referrers are free text, so their cap holds the line.
    const w = recordingWorker();
    const n = DAILY_CAPS.referrer + 150;
    for (let i = 0; i < n; i++) {
      const res = await w.visit({ path: "/", ip: `198.18.${i >> 8}.${i & 255}`, referrer: `https://spam-${i}.example/${"y".repeat(100)}` });
      expect(res.status).toBe(202);
    }
    await w.deliver();
    const referrers = await counts("referrer");
    expect(referrers.length).toBe(DAILY_CAPS.referrer + 1);
    expect(referrers.find((r) => r.value === "(other)")!.views).toBe(n - DAILY_CAPS.referrer);
    expect(referrers.reduce((s, r) => s + r.views, 0)).toBe(n);
    for (const r of referrers) expect(r.value.length).toBeLessThanOrEqual(253);
    expect(await counts("path")).toMatchObject([{ value: "/", views: n, visitors: n }]);
  }, 60_000);

  it("a message on the queue that is not a valid hit is acknowledged and dropped", async () => {
    const w = recordingWorker();
    w.sent.push({ day: "2030-06-14", path: "/", ip: "203.0.113.1" }, "garbage", null, { day: utcDay(Date.now()), path: "/", country: "GB", device: "desktop", browser: "Firefox" });
    await w.deliver();
    expect(await totals()).toMatchObject([{ views: 1, visitors: 0 }]);
  });
});

describe("retention", () => {
  it("the daily cron purges counts older than the period in the site configuration", async () => {
    const { default: site } = await import("../../../canvass.config.ts");
    const days = site.retention.visitorStatisticsDays!;
    const now = new Date("2030-06-14T03:17:00Z");
    const insert = env.DB.prepare("INSERT INTO visitor_stats (day, dimension, value, views, visitors) VALUES (?1, 'total', '', 1, 1)");
    const dayAgo = (n: number) => utcDay(now.getTime() - n * 86_400_000);
    await env.DB.batch([0, days - 1, days, days + 100].map((n) => insert.bind(dayAgo(n))));
    await runDailyCron(now);
    expect((await totals()).map((t) => t.day)).toEqual([dayAgo(days - 1), dayAgo(0)]);
  });
});
