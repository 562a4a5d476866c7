/**
 * What one client cannot do to the visitor counts (issue 14, fault 4): one address
 * counts at most a handful of visitors and a few hundred views a day however many
 * User-Agents it sends, and only pages the build made are counted, so made-up paths
 * neither fill the day's path cap nor push real pages into "(other)".
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_VIEWS_PER_SOURCE, MAX_VISITORS_PER_SOURCE } from "../../../core/stats/dimensions.ts";
import type { Hit, StatsReport } from "../../../core/stats/model.ts";
import { grantViews } from "../../../worker/stats/store.ts";
import { admin, call } from "../helpers.ts";
import { AGENTS, counts, recordingWorker, runDailyCron, totals } from "./helpers.ts";

afterEach(() => vi.useRealTimers());

const chromeVersion = (i: number) => AGENTS.chrome.replace("131.0.0.0", `120.0.${i}.0`);
const rowCount = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

describe("one address", () => {
  it("sending 300 beacons with 300 User-Agents counts at most 5 visitors and 200 views; every beacon is still accepted", async () => {
    const w = recordingWorker();
    for (let i = 0; i < 300; i++) {
      const res = await w.visit({ path: "/s/tiny-poll/", ip: "198.51.100.123", ua: chromeVersion(i) });
      expect(res.status).toBe(202);
    }
    await w.deliver();
    expect(await totals()).toMatchObject([{ views: MAX_VIEWS_PER_SOURCE, visitors: MAX_VISITORS_PER_SOURCE }]);
    expect(await counts("path")).toMatchObject([{ value: "/s/tiny-poll/", views: MAX_VIEWS_PER_SOURCE, visitors: MAX_VISITORS_PER_SOURCE }]);

    // Another address is not held back by it.
    await w.visit({ path: "/s/tiny-poll/", ip: "198.51.100.124" });
    await w.deliver();
    expect(await totals()).toMatchObject([{ views: MAX_VIEWS_PER_SOURCE + 1, visitors: MAX_VISITORS_PER_SOURCE + 1 }]);
  }, 60_000);

  it("an IPv6 network (/64) is one address: new addresses in it with new User-Agents count no more", async () => {
    const w = recordingWorker();
    for (let i = 0; i < 12; i++) await w.visit({ ip: `2001:db8:77:1::${(i + 1).toString(16)}`, ua: chromeVersion(i) });
    await w.visit({ ip: "2001:db8:77:2::1" }); // the next /64
    await w.deliver();
    expect(await totals()).toMatchObject([{ views: 13, visitors: MAX_VISITORS_PER_SOURCE + 1 }]);
  });

  it("a household of a few people behind one address still counts each of them", async () => {
    const w = recordingWorker();
    for (const ua of [AGENTS.firefox, AGENTS.chrome, AGENTS.safariIphone]) {
      await w.visit({ path: "/", ip: "203.0.113.50", ua });
      await w.visit({ path: "/privacy/", ip: "203.0.113.50", ua });
    }
    await w.deliver();
    expect(await totals()).toMatchObject([{ views: 6, visitors: 3 }]);
  });

  it("the view cap is atomic: concurrent consumer runs together grant no more than the cap", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const hit: Hit = { day: today, path: "/", country: "GB", device: "desktop", browser: "Firefox", visitor: "v".repeat(22), source: "s".repeat(22) };
    const batches = Array.from({ length: 4 }, () => Array.from({ length: 90 }, () => hit));
    const granted = await Promise.all(batches.map((b) => grantViews(env.DB, b, today)));
    expect(granted.reduce((n, g) => n + g.length, 0)).toBe(MAX_VIEWS_PER_SOURCE);
  });

  it("its counters go with the day, like the salt: no per-address row outlives it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const w = recordingWorker();
    vi.setSystemTime(new Date("2030-06-14T10:00:00Z"));
    await w.visit({ ip: "203.0.113.9" });
    await w.deliver();
    expect(await env.DB.prepare("SELECT day FROM visitor_sources").all<{ day: string }>().then((r) => r.results)).toEqual([{ day: "2030-06-14" }]);
    vi.setSystemTime(new Date("2030-06-15T03:17:00Z"));
    await runDailyCron(new Date());
    expect(await rowCount("visitor_sources")).toBe(0);
    expect(await rowCount("visitor_seen")).toBe(0);
  });
});

describe("only the site's own pages are counted", () => {
  it("500 made-up paths are accepted and forgotten; real pages are still listed by name", async () => {
    const w = recordingWorker();
    for (let i = 0; i < 500; i++) {
      const res = await w.visit({ path: `/made-up/${i}/`, ip: `198.18.${i >> 8}.${i & 255}` });
      expect(res.status).toBe(204);
      if (i % 100 === 0) await w.visit({ path: "/s/tiny-poll/", ip: `198.19.0.${i / 100}` });
    }
    await w.visit({ path: "/privacy/", ip: "198.19.1.1" });
    expect(w.sent).toHaveLength(6);
    await w.deliver();

    const report = (await (await admin("/api/admin/stats")).json()) as StatsReport;
    expect(report.pages).toEqual([
      { value: "/s/tiny-poll/", views: 5, visitors: 5 },
      { value: "/privacy/", views: 1, visitors: 1 },
    ]);
    expect(await counts("path")).toHaveLength(2);
    expect(report.totals).toEqual({ views: 6, visitors: 6 });
  }, 60_000);

  it("a real page counts under its one name, with or without the trailing slash or index.html, utm parameters kept", async () => {
    const w = recordingWorker();
    for (const path of ["/s/tiny-poll", "/s/tiny-poll/", "/s/tiny-poll/index.html", "/s/tiny-poll/thanks/", "/"]) expect((await w.visit({ path })).status, path).toBe(202);
    expect((await w.visit({ path: "/s/tiny-poll?utm_source=mail" })).status).toBe(202);
    await w.deliver();
    expect((await counts("path")).map((r) => [r.value, r.views])).toEqual([
      ["/", 1],
      ["/s/tiny-poll/", 3],
      ["/s/tiny-poll/?utm_source=mail", 1],
      ["/s/tiny-poll/thanks/", 1],
    ]);
  });

  it("a draft's page, the 404 page and the Worker's page template are not pages to count", async () => {
    const w = recordingWorker();
    for (const path of ["/s/draft-poll/", "/404.html", "/_canvass/page/", "/_canvass/paths.json"]) expect((await w.visit({ path })).status, path).toBe(204);
    expect(w.sent).toEqual([]);
  });

  it("the list of counted pages is for the Worker only: the public gets a 404 for it", async () => {
    expect((await call("/_canvass/paths.json")).status).toBe(404);
  });
});
