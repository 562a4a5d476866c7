/** `GET /api/admin/stats`: the owner reads the counts; nobody else does. */
import { describe, expect, it } from "vitest";
import { addDays, utcDay } from "../../../core/stats/days.ts";
import { admin, call } from "../helpers.ts";
import type { StatsReport as Report } from "../../../core/stats/model.ts";
import { AGENTS, recordingWorker } from "./helpers.ts";


describe("GET /api/admin/stats", () => {
  it("returns the last 30 days by default: every day, totals and the top lists", async () => {
    const w = recordingWorker();
    await w.visit({ path: "/", ip: "203.0.113.1", country: "DE", referrer: "https://news.example/x" });
    await w.visit({ path: "/s/tiny-poll/", ip: "203.0.113.1", country: "DE" });
    await w.visit({ path: "/s/tiny-poll/", ip: "203.0.113.2", ua: AGENTS.safariIphone, country: "FR" });
    await w.deliver();

    const res = await admin("/api/admin/stats");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Report;
    const today = utcDay(Date.now());
    expect(body.to).toBe(today);
    expect(body.from).toBe(addDays(today, -29));
    expect(body.retention_days).toBe(395);
    expect(body.days).toHaveLength(30);
    expect(body.days[0]).toEqual({ day: body.from, views: 0, visitors: 0 });
    expect(body.days.at(-1)).toEqual({ day: today, views: 3, visitors: 2 });
    expect(body.totals).toEqual({ views: 3, visitors: 2 });
    expect(body.pages).toEqual([{ value: "/s/tiny-poll/", views: 2, visitors: 1 }, { value: "/", views: 1, visitors: 1 }]);
    expect(body.referrers).toEqual([{ value: "", views: 2, visitors: 1 }, { value: "news.example", views: 1, visitors: 1 }]);
    expect(body.countries).toEqual([{ value: "DE", views: 2, visitors: 1 }, { value: "FR", views: 1, visitors: 1 }]);
    expect(body.devices).toEqual([{ value: "desktop", views: 2, visitors: 1 }, { value: "mobile", views: 1, visitors: 1 }]);
    expect(body.browsers).toEqual([{ value: "Firefox", views: 2, visitors: 1 }, { value: "Safari", views: 1, visitors: 1 }]);
  });

  it("takes an explicit range", async () => {
    const body = (await (await admin("/api/admin/stats?from=2030-01-30&to=2030-02-02")).json()) as Report;
    expect(body.days.map((d) => d.day)).toEqual(["2030-01-30", "2030-01-31", "2030-02-01", "2030-02-02"]);
    expect(body.pages).toEqual([]);
  });

  it("refuses a range it cannot read with a 400", async () => {
    for (const q of ["from=2030-02-30", "to=yesterday", "from=2030-02-02&to=2030-01-01", "from=2020-01-01&to=2030-01-01"]) {
      const res = await admin(`/api/admin/stats?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
  });

  it("answers a range far in the past or future with a 400 at once, naming the years it reads", async () => {
    // Past year 9999 the day arithmetic stopped advancing and this request never answered;
    // vitest's timeout is the guard here, not a timing assertion.
    for (const q of ["to=9999-12-31", "from=0001-01-01&to=9999-12-30", "from=1999-12-31&to=2000-01-01", "from=2999-12-31&to=3000-01-01"]) {
      const res = await admin(`/api/admin/stats?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: string }).error, q).toMatch(/2000.*2999/);
    }
  });

  it("is 401 without the admin token", async () => {
    for (const res of [await call("/api/admin/stats"), await admin("/api/admin/stats", "wrong")]) {
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("days");
    }
  });
});
