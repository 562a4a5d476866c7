import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, cspHash, hstsFor, InlineCollector, inlineCode, isPrivatePath, TURNSTILE_ORIGIN } from "./security-headers.ts";

const nodeHash = (text: string) => `sha256-${createHash("sha256").update(text).digest("base64")}`;

describe("the content security policy", () => {
  it("allows scripts and styles from this origin and the given hashes only, and no framing", () => {
    const csp = contentSecurityPolicy({ scripts: ["sha256-a"], styles: ["sha256-b"] });
    expect(csp).toBe(
      "default-src 'self'; script-src 'self' 'sha256-a'; style-src 'self' 'sha256-b'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it("adds a third party's origin for scripts and frames only when asked", () => {
    const csp = contentSecurityPolicy({ scripts: [], styles: [] }, { scripts: [TURNSTILE_ORIGIN], frames: [TURNSTILE_ORIGIN] });
    expect(csp).toContain(`script-src 'self' ${TURNSTILE_ORIGIN};`);
    expect(csp).toContain(`frame-src 'self' ${TURNSTILE_ORIGIN};`);
  });
});

describe("inline code", () => {
  it("hashes text exactly as a browser does (SHA-256, base64)", async () => {
    for (const text of ["", "let a = 1;", "body{color:red}\n", "ünïcödé ✓"]) expect(await cspHash(text)).toBe(nodeHash(text));
  });

  it("finds inline scripts a browser runs and every inline style, not external scripts or JSON data blocks", () => {
    const html = `<style>a{}</style><script>one()</script><script type="module">two()</script><script type=text/javascript>three()</script>` +
      `<script src="/x.js"></script><script type="module" src="/y.js"></script><script type="application/json" id="d">{"a":1}</script><STYLE media="print">b{}</STYLE>`;
    expect(inlineCode(html)).toEqual({ scripts: ["one()", "two()", "three()"], styles: ["a{}", "b{}"] });
  });

  it("hashes the text after line breaks are normalised, as the HTML parser does", () => {
    expect(inlineCode("<script>a()\r\nb()\rc()</script>").scripts).toEqual(["a()\nb()\nc()"]);
  });

  it("collects each distinct text once, hashes sorted", async () => {
    const c = new InlineCollector();
    c.add("<style>x{}</style><script>go()</script>");
    c.add("<style>x{}</style><style>y{}</style>");
    const hashes = await c.hashes();
    expect(hashes.scripts).toEqual([nodeHash("go()")]);
    expect(hashes.styles).toEqual([nodeHash("x{}"), nodeHash("y{}")].sort());
  });
});

describe("HSTS and caching", () => {
  it("HSTS only over https", () => {
    expect(hstsFor(new URL("https://surveys.example/"))).toMatch(/^max-age=31536000; includeSubDomains$/);
    expect(hstsFor(new URL("http://127.0.0.1:8787/"))).toBeUndefined();
  });

  it("the owner's and personal paths are private, the public pages are not", () => {
    for (const p of ["/admin/", "/api/admin/outbox", "/api/invitations/s/t", "/api/optout/t", "/api/papers/x/ticket", "/papers/files/a.pdf"]) expect(isPrivatePath(p), p).toBe(true);
    for (const p of ["/", "/s/poll/", "/papers/guide/", "/api/health", "/api/hits", "/administrator"]) expect(isPrivatePath(p), p).toBe(false);
  });
});
