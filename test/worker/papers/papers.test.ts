/**
 * POST /api/papers/<slug>/requests: contact details in, one lead row, a signed link out.
 * The link is then followed through the Worker, as a browser would.
 */
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../core/hash.ts";
import { PAPER_FILES } from "../../../worker/papers/generated.ts";
import { call } from "../helpers.ts";
import { ada, leads, PAPER, REQUESTS, requestForm, requestJson, requestLink, SLUG, ticket } from "./helpers.ts";

const PDF = new Uint8Array(PAPER_FILES[PAPER.file]!);

describe("a valid request for a paper", () => {
  it("stores one lead with the details, the consent given and the paper, and answers a link that downloads the file", async () => {
    const { res, url, expiresAt } = await requestLink({ ...ada, marketing_consent: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(url).toMatch(new RegExp(`^/papers/files/${PAPER.file}\\?t=[\\w-]+\\.[\\w-]+$`));
    // The link lasts 24 hours.
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(24 * 3600_000);

    const [lead, ...more] = await leads();
    expect(more).toHaveLength(0);
    expect(lead).toMatchObject({
      paper: SLUG, email: "Ada@Example.com", email_normalised: "ada@example.com", name: "Ada Lovelace",
      company: "Analytical Engines", job_title: "Programmer", marketing_consent: 1, requests: 1,
      consent_text_hash: await sha256Hex(PAPER.consentText),
    });
    expect(Date.now() - Date.parse(lead!.consent_at)).toBeLessThan(60_000);

    const file = await call(url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="${PAPER.file}"`);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
  });

  it("records an unticked consent box as no consent", async () => {
    await requestLink(ada);
    expect((await leads())[0]!.marketing_consent).toBe(0);
  });

  it("without JavaScript (a form post) answers a page with the download link", async () => {
    const res = await requestForm([["name", "Grace Hopper"], ["email", "grace@example.com"], ["company", "Navy"], ["job_title", "Rear Admiral"], ["website", ""]]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    const href = /href="(\/papers\/files\/[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    expect(href).toBeDefined();
    expect(html).toContain("24 hours");
    expect(html).toContain('href="/privacy/"');
    expect(new Uint8Array(await (await call(href!)).arrayBuffer())).toEqual(PDF);
    expect(await leads()).toMatchObject([{ email: "grace@example.com", marketing_consent: 0 }]);
  });

  it("a ticked box in a form post is consent", async () => {
    await requestForm([["name", "Grace"], ["email", "grace@example.com"], ["company", "Navy"], ["job_title", "Admiral"], ["marketing_consent", "yes"]]);
    expect((await leads())[0]!.marketing_consent).toBe(1);
  });
});

describe("the same person asking twice", () => {
  it("gets a fresh link each time, both valid, and stays one lead row with the latest details", async () => {
    const first = await requestLink({ ...ada, marketing_consent: true });
    const second = await requestLink({ ...ada, email: " ada@EXAMPLE.com ", company: "Babbage & Co", marketing_consent: false });
    expect(first.url).not.toBe(second.url);
    for (const url of [first.url, second.url]) expect((await call(url)).status).toBe(200);
    const rows = await leads();
    expect(rows).toHaveLength(1);
    // The latest answer wins: unticking the box the second time withdraws consent.
    expect(rows[0]).toMatchObject({ company: "Babbage & Co", marketing_consent: 0, requests: 2 });
  });

  it("is answered exactly like a newcomer, so nobody can learn whether an address is on file", async () => {
    const first = await requestLink(ada);
    const again = await requestLink(ada);
    expect(again.res.status).toBe(first.res.status);
    expect(Object.keys(await again.res.json())).toEqual(Object.keys(await first.res.json()));
  });
});

describe("invalid or missing fields get a message per field, and nothing is stored", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["no name", { ...ada, name: "" }, "name", /Enter your name/],
    ["a name of spaces", { ...ada, name: "   " }, "name", /Enter your name/],
    ["no email", { ...ada, email: undefined }, "email", /Enter your email address/],
    ["an email that is not one", { ...ada, email: "ada-at-example" }, "email", /like name@example.com/],
    ["no company", { ...ada, company: "" }, "company", /Enter your company/],
    ["no job title", { ...ada, job_title: undefined }, "job_title", /Enter your job title/],
    ["a name that is too long", { ...ada, name: "x".repeat(201) }, "name", /under 200 characters/],
    ["a name that is not text", { ...ada, name: 42 }, "name", /Enter your name/],
    ["consent that is not true or false", { ...ada, marketing_consent: "yes" }, "marketing_consent", /true or false/],
    ["a field the form does not ask for", { ...ada, phone: "0123" }, "_form", /does not ask for "phone"/],
  ];
  for (const [name, body, field, message] of cases) {
    it(`as JSON: ${name}`, async () => {
      const res = await requestJson({ ...body, _ticket: await ticket() });
      expect(res.status).toBe(422);
      const json = (await res.json()) as { error: string; errors: Record<string, string> };
      expect(json.error).toBeTruthy();
      expect(json.errors[field]).toMatch(message);
      expect(await leads()).toHaveLength(0);
    });
  }

  it("without JavaScript: a 422 page that names each field and links back to the form", async () => {
    const res = await requestForm([["name", ""], ["email", "nope"], ["company", "Navy"], ["job_title", ""]]);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("<strong>Your name</strong>: Enter your name.");
    expect(html).toContain("<strong>Email address</strong>: Enter an email address like name@example.com.");
    expect(html).toContain("<strong>Job title</strong>: Enter your job title.");
    expect(html).not.toContain("<strong>Company</strong>");
    expect(html).toContain(`<a href="/papers/${SLUG}/">Go back to the form</a>`);
    expect(await leads()).toHaveLength(0);
  });

  it("every error at once, so one round trip shows them all", async () => {
    const res = await requestJson({ _ticket: await ticket() });
    expect(Object.keys(((await res.json()) as { errors: object }).errors).sort()).toEqual(["company", "email", "job_title", "name"]);
  });
});

describe("requests refused before any field is read", () => {
  it("an unknown paper is 404", async () => {
    const res = await requestJson(ada, { path: "/api/papers/no-such-paper/requests" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain("no-such-paper");
  });

  it("a slug with path tricks is 404", async () => {
    for (const slug of ["..%2Fshort-surveys-guide", "SHORT-SURVEYS-GUIDE", "%2e%2e", "__proto__", "constructor"]) {
      const res = await requestJson(ada, { path: `/api/papers/${slug}/requests` });
      expect(res.status, slug).toBe(404);
    }
  });

  it("any content type but a form or JSON is 415", async () => {
    const res = await call(REQUESTS, { method: "POST", headers: { "content-type": "text/plain" }, body: "email=a@b.c" });
    expect(res.status).toBe(415);
  });

  it("a body that is not JSON is 400, and JSON that is not an object is 422", async () => {
    const broken = await call(REQUESTS, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(broken.status).toBe(400);
    const list = await call(REQUESTS, { method: "POST", headers: { "content-type": "application/json" }, body: "[1]" });
    expect(list.status).toBe(422);
  });

  it("a body over 16 KB is 413", async () => {
    const res = await requestJson({ ...ada, name: "x".repeat(17 * 1024) });
    expect(res.status).toBe(413);
    expect(await leads()).toHaveLength(0);
  });

  it("a form field sent twice is 422", async () => {
    const res = await requestForm([["name", "A"], ["email", "a@example.com"], ["email", "b@example.com"], ["company", "C"], ["job_title", "J"]]);
    expect(res.status).toBe(422);
    expect(await leads()).toHaveLength(0);
  });
});
