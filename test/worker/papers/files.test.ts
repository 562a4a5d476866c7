/**
 * GET /papers/files/<name>?t=<token>: the file only with a valid token made for its own
 * paper; and no name, however encoded, reaches anything but the papers.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { nowSeconds } from "../../../core/tokens.ts";
import { app } from "../../../worker/app.ts";
import { PAPER_FILES } from "../../../worker/papers/generated.ts";
import { call } from "../helpers.ts";
import { containsBytes, PAPER, requestLink, signed, SLUG } from "./helpers.ts";

const PDF = new Uint8Array(PAPER_FILES[PAPER.file]!);
const FILE = `/papers/files/${PAPER.file}`;
/** The PDF's first kilobyte: no refusal can contain it by chance. */
const PDF_HEAD = PDF.slice(0, 1024);

async function noPaperBytes(res: Response): Promise<void> {
  const body = new Uint8Array(await res.arrayBuffer());
  expect(containsBytes(body, PDF_HEAD)).toBe(false);
  expect(new TextDecoder().decode(body)).not.toContain("%PDF");
}

describe("tokens", () => {
  it("a valid token downloads the file, with headers that keep it out of caches and referrers", async () => {
    const { url } = await requestLink();
    const res = await call(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-length")).toBe(String(PDF.length));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });

  it("no token: 403 pointing to the paper's form, and no bytes", async () => {
    for (const path of [FILE, `${FILE}?t=`, `${FILE}?x=1`]) {
      const res = await call(path, { headers: { accept: "text/html" } });
      expect(res.status, path).toBe(403);
      const html = await res.clone().text();
      expect(html).toContain(`href="/papers/${SLUG}/"`);
      await noPaperBytes(res);
    }
  });

  it("a forged token (made up, tampered with, or signed with another key) is 403 with no bytes", async () => {
    const { url } = await requestLink();
    const real = new URL(url, "https://x").searchParams.get("t")!;
    const [body, mac] = real.split(".") as [string, string];
    const otherKey = await signed({ purpose: "paper", sub: "lead.x", ref: SLUG, exp: nowSeconds() + 3600 }, "some-other-key-0123456789");
    const tampered = `${body}.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}`;
    const swappedBody = `${btoa(JSON.stringify({ purpose: "paper", sub: "x", ref: SLUG })).replace(/=+$/, "")}.${mac}`;
    for (const t of ["abc", "a.b.c", "", tampered, swappedBody, otherKey, "x".repeat(2000)]) {
      const res = await call(`${FILE}?t=${encodeURIComponent(t)}`);
      expect(res.status, t.slice(0, 40)).toBe(403);
      await noPaperBytes(res);
    }
  });

  it("an expired token is 410, and says how to get a new one", async () => {
    const t = await signed({ purpose: "paper", sub: "lead.1", ref: SLUG, exp: nowSeconds() - 1 });
    const res = await call(`${FILE}?t=${t}`, { headers: { accept: "application/json" } });
    expect(res.status).toBe(410);
    expect(((await res.clone().json()) as { error: string }).error).toMatch(/expired.*form again/);
    await noPaperBytes(res);
  });

  it("a token for another paper (A's token on B's file) is 403", async () => {
    const t = await signed({ purpose: "paper", sub: "lead.1", ref: "another-paper", exp: nowSeconds() + 3600 });
    const res = await call(`${FILE}?t=${t}`);
    expect(res.status).toBe(403);
    await noPaperBytes(res);
  });

  it("a token made for another purpose (an opt-out or invitation link) is 403", async () => {
    for (const purpose of ["optout", "invitation"] as const) {
      const t = await signed({ purpose, sub: "x", ref: SLUG, exp: nowSeconds() + 3600 });
      const res = await call(`${FILE}?t=${t}`);
      expect(res.status, purpose).toBe(403);
      await noPaperBytes(res);
    }
  });

  it("a form ticket is not a download token", async () => {
    const res = await call(`/api/papers/${SLUG}/ticket`);
    const { ticket } = (await res.json()) as { ticket: string };
    const file = await call(`${FILE}?t=${ticket}`);
    expect(file.status).toBe(403);
    await noPaperBytes(file);
  });

  it("without a signing key configured nothing is signed or served: a generic 500, logged", async () => {
    const { url } = await requestLink();
    const noKey = { ...env, CANVASS_SIGNING_KEY: undefined };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.fetch(new Request(`https://canvass.test${url}`), noKey, createExecutionContext());
    expect(res.status).toBe(500);
    expect(String(logged.mock.calls[0])).toContain("CANVASS_SIGNING_KEY is not set");
    logged.mockRestore();
    await noPaperBytes(res);
  });
});

describe("path tricks never serve anything outside the papers", () => {
  const tricks = [
    "/papers/files/",
    "/papers/files",
    "/papers/files/other.pdf",
    "/papers/files/SHORT-SURVEYS-GUIDE.PDF",
    "/papers/files/short-surveys-guide.pdf/",
    "/papers/files/short-surveys-guide.pdf.bak",
    "/papers/files/short-surveys-guide",
    "/papers/files/..%2Fshort-surveys-guide.md",
    "/papers/files/%2e%2e%2fpapers%2fshort-surveys-guide.md",
    "/papers/files/files%2Fshort-surveys-guide.pdf",
    "/papers/files/short-surveys-guide%2Epdf",
    "/papers/files/%73hort-surveys-guide.pdf",
    "/papers/files/.%2e/.%2e/wrangler.toml",
    "/papers/files/..%5c..%5cwrangler.toml",
    "/papers/files/a/../short-surveys-guide.md",
    "/papers/files/__proto__",
    "/papers/files/constructor",
    "/papers/files/short-surveys-guide.pdf%00.txt",
    "/papers/files/%252e%252e%252fwrangler.toml",
  ];

  for (const path of tricks) {
    it(`${path} is 404 even with a valid token`, async () => {
      const { url: link } = await requestLink();
      const token = new URL(link, "https://x").searchParams.get("t")!;
      const res = await call(`${path}?t=${token}`);
      expect(res.status).toBe(404);
      await noPaperBytes(res);
    });
  }

  it("dot segments are resolved before routing: /papers/files/../x is /papers/x, not a file", async () => {
    // WHATWG URL parsing (the edge and workerd alike) turns .. and %2e%2e into a step up.
    expect(new URL("https://x/papers/files/../../wrangler.toml").pathname).toBe("/wrangler.toml");
    expect(new URL("https://x/papers/files/%2e%2e/x").pathname).toBe("/papers/x");
    const res = await call("/papers/files/../../wrangler.toml");
    expect(res.status).not.toBe(200);
    await noPaperBytes(res);
  });

  it("other methods on a file are not allowed to do anything", async () => {
    const { url } = await requestLink();
    for (const method of ["POST", "PUT", "DELETE"]) {
      const res = await call(url, { method });
      expect(res.status, method).toBe(404);
      await noPaperBytes(res);
    }
  });
});
