import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CSP_HASHES_PATH, cspHash } from "../core/security-headers.ts";
import { MAX_HEADERS_LINE, writeSecurityHeaders } from "./headers.ts";

let dir: string | undefined;
afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

async function site(pages: Record<string, string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), "canvass-headers-"));
  for (const [path, html] of Object.entries(pages)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), html);
  }
  return dir;
}

describe("the built headers", () => {
  it("writes _headers with the hashes of every page's inline code, and the same hashes for the Worker", async () => {
    const out = await site({ "index.html": "<style>a{}</style><script>hi()</script>", "s/x/index.html": "<style>b{}</style>", "admin/index.html": "<p>x" });
    await writeSecurityHeaders(out);
    const text = await readFile(join(out, "_headers"), "utf8");
    expect(text).toContain(`'${await cspHash("hi()")}'`);
    expect(text).toContain(`'${await cspHash("b{}")}'`);
    expect(text).toMatch(/\n\/admin\/\*\n {2}Cache-Control: no-store\n/);
    expect(text).toMatch(/\nhttps:\/\/127\.0\.0\.1\/\*\n {2}! Strict-Transport-Security\n/);
    const manifest = JSON.parse(await readFile(join(out, CSP_HASHES_PATH), "utf8"));
    expect(manifest.scripts).toEqual([await cspHash("hi()")]);
    expect(manifest.styles).toHaveLength(2);
  });

  it("stops with a sentence when the policy would be too long for one line of _headers", async () => {
    const pages = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}/index.html`, `<style>.c${i}{}</style>`]));
    const out = await site(pages);
    await expect(writeSecurityHeaders(out)).rejects.toThrow(new RegExp(`40 inline stylesheets.*over the ${MAX_HEADERS_LINE}.*move inline code into files`));
  });
});
