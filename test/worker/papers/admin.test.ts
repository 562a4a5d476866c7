/** Leads are visible to the owner, as JSON or CSV, and to nobody else. */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { LEAD_COLUMNS } from "../../../worker/papers/store.ts";
import { admin, call } from "../helpers.ts";
import { ada, requestLink, SLUG } from "./helpers.ts";

type Lead = Record<(typeof LEAD_COLUMNS)[number], unknown>;

describe("GET /api/admin/leads", () => {
  it("as JSON (the default): every lead with its details, consent and paper", async () => {
    await requestLink({ ...ada, marketing_consent: true });
    await requestLink({ name: "Grace", email: "grace@example.com", company: "Navy", job_title: "Admiral" });
    for (const path of ["/api/admin/leads", "/api/admin/leads?format=json"]) {
      const res = await admin(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const { leads } = (await res.json()) as { leads: Lead[] };
      expect(leads).toHaveLength(2);
      expect(Object.keys(leads[0]!)).toEqual([...LEAD_COLUMNS]);
      expect(leads[0]).toMatchObject({ paper: SLUG, email: "Ada@Example.com", name: "Ada Lovelace", marketing_consent: true, requests: 1 });
      expect(leads[1]).toMatchObject({ email: "grace@example.com", marketing_consent: false });
    }
  });

  it("as CSV: a header row and one row per lead, for a spreadsheet", async () => {
    await requestLink({ ...ada, marketing_consent: true });
    const res = await admin("/api/admin/leads?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="leads.csv"');
    const rows = Papa.parse<string[]>(await res.text()).data;
    expect(rows[0]).toEqual([...LEAD_COLUMNS]);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(LEAD_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(row).toMatchObject({ paper: SLUG, email: "Ada@Example.com", company: "Analytical Engines", marketing_consent: "true", requests: "1" });
  });

  it("a value typed as a spreadsheet formula is shown as text in the CSV, never run", async () => {
    await requestLink({ ...ada, name: '=HYPERLINK("http://evil.example","click")', company: "+cmd|' /C calc'!A0", job_title: "@SUM(1+1)" });
    await requestLink({ ...ada, email: "dash@example.com", name: "-2+3", company: "\tTabbed", job_title: "Fine" });
    const rows = Papa.parse<string[]>(await (await admin("/api/admin/leads?format=csv")).text()).data;
    const col = (name: string) => LEAD_COLUMNS.indexOf(name as (typeof LEAD_COLUMNS)[number]);
    expect(rows[1]![col("name")]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[1]![col("company")]).toBe("'+cmd|' /C calc'!A0");
    expect(rows[1]![col("job_title")]).toBe("'@SUM(1+1)");
    expect(rows[2]![col("name")]).toBe("'-2+3");
    // The JSON export is data, not a spreadsheet: it is given as typed.
    const { leads } = (await (await admin("/api/admin/leads")).json()) as { leads: Lead[] };
    expect(leads[0]!.name).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it("can be narrowed to one paper; an unknown format is 400", async () => {
    await requestLink(ada);
    expect(((await (await admin(`/api/admin/leads?paper=${SLUG}`)).json()) as { leads: unknown[] }).leads).toHaveLength(1);
    expect(((await (await admin("/api/admin/leads?paper=another-paper")).json()) as { leads: unknown[] }).leads).toHaveLength(0);
    expect((await admin("/api/admin/leads?paper=..%2Fx")).status).toBe(404);
    expect((await admin("/api/admin/leads?format=xml")).status).toBe(400);
  });

  it("is 401 without the admin token, and reveals nothing", async () => {
    await requestLink(ada);
    const attempts = [
      await call("/api/admin/leads"),
      await call("/api/admin/leads?format=csv"),
      await admin("/api/admin/leads", "wrong"),
      await call("/api/admin/leads", { headers: { authorization: "Basic dGVzdDp0ZXN0" } }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).not.toContain("example.com");
      expect(text).not.toContain("Ada");
    }
  });

  it("no other route reads leads: the public API never shows them", async () => {
    await requestLink(ada);
    for (const path of [`/api/papers/${SLUG}`, `/api/papers/${SLUG}/requests`, `/api/papers/${SLUG}/leads`, "/api/leads", `/api/papers/${SLUG}/ticket`]) {
      const res = await call(path, { headers: { accept: "application/json" } });
      expect(await res.text(), path).not.toContain("example.com");
    }
  });
});
