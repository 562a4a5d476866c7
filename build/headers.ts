/**
 * The static site's security headers: after Astro has written the pages, this hashes every
 * inline script and stylesheet they hold and writes `_headers` into the output, the file
 * Workers static assets read for the headers of the files they serve themselves
 * (https://developers.cloudflare.com/workers/static-assets/headers/). The policy and the
 * headers come from core/security-headers.ts, which the Worker's middleware
 * (worker/http/headers.ts) applies to everything it answers; the hashes also go to
 * `/_canvass/csp.json`, so the Worker's own pages (filled from the built template) and the
 * paper pages it serves allow exactly the inline code the build emitted, and nothing else.
 *
 * One rule covers every page, with the hashes of all pages together: the headers file takes
 * at most 100 rules of lines up to 2,000 characters, and a site of thousands of surveys has
 * a handful of distinct inline blocks (the stylesheet per kind of page, the beacon). A policy
 * line over that limit stops the build with a sentence, not with a header Cloudflare drops.
 * (Astro's own `security.csp` puts a `<meta>` policy in each page instead: a meta policy
 * cannot carry `frame-ancestors`, and it does not hash `is:inline` scripts like the beacon.)
 *
 * @example
 *   await writeSecurityHeaders("dist"); // dist/_headers and dist/_canvass/csp.json
 */
import { readFileSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import {
  contentSecurityPolicy, CSP_HASHES_PATH, HSTS, HSTS_HEADER, InlineCollector, LOOPBACK_HOSTS, NO_STORE,
  PRIVATE_PREFIXES, SECURITY_HEADERS, type InlineHashes,
} from "../core/security-headers.ts";

/** Cloudflare's limit on one line of `_headers`, the header's name and indentation included. */
export const MAX_HEADERS_LINE = 2000;

/** Every `.html` file under `dir`, as paths relative to it. */
export async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".html")).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/**
 * The hashes of the inline code of every page in `dir`. Read one file at a time, synchronously:
 * thousands of small pages read faster so than through the thread pool, and nothing else runs
 * while the build finishes.
 */
export async function builtInlineHashes(dir: string): Promise<InlineHashes> {
  const collector = new InlineCollector();
  for (const file of await htmlFiles(dir)) collector.add(readFileSync(join(dir, file), "utf8"));
  return collector.hashes();
}

const block = (pattern: string, lines: string[]) => [pattern, ...lines.map((l) => `  ${l}`)].join("\n");

/** The `_headers` text for pages with these inline hashes. */
export function headersFile(hashes: InlineHashes): string {
  const all = { "Content-Security-Policy": contentSecurityPolicy(hashes), ...SECURITY_HEADERS, [HSTS_HEADER]: HSTS };
  const rules = [
    block("/*", Object.entries(all).map(([name, value]) => `${name}: ${value}`)),
    // Rules match whatever the scheme and port, so the local stack is known by its host.
    ...LOOPBACK_HOSTS.map((host) => block(`https://${host}/*`, [`! ${HSTS_HEADER}`])),
    // The admin pages; the other private paths are the Worker's (wrangler.toml run_worker_first), which sets the same.
    ...PRIVATE_PREFIXES.filter((p) => !p.startsWith("/api/")).map((prefix) => block(`${prefix}*`, [`Cache-Control: ${NO_STORE}`])),
  ];
  return `# Written by the build (build/headers.ts) from core/security-headers.ts: edit those, not this.\n${rules.join("\n\n")}\n`;
}

/** Writes `_headers` and the hashes for the Worker into `dir`; throws a sentence when the policy is too long for the file. */
export async function writeSecurityHeaders(dir: string): Promise<InlineHashes> {
  const hashes = await builtInlineHashes(dir);
  const text = headersFile(hashes);
  const long = text.split("\n").find((line) => line.length > MAX_HEADERS_LINE);
  if (long)
    throw new Error(`the pages hold ${hashes.scripts.length} distinct inline scripts and ${hashes.styles.length} inline stylesheets: their Content-Security-Policy is ${long.length} characters, over the ${MAX_HEADERS_LINE} a line of _headers may have; move inline code into files`);
  await writeFile(join(dir, "_headers"), text);
  const manifest = join(dir, CSP_HASHES_PATH);
  await mkdir(dirname(manifest), { recursive: true });
  await writeFile(manifest, JSON.stringify(hashes));
  return hashes;
}
