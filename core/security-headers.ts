/**
 * The security headers of every response, defined once: the build writes them into the
 * static assets' `_headers` file (build/headers.ts) and the Worker sets the same ones on
 * everything it answers (worker/http/headers.ts).
 *
 * The Content-Security-Policy allows scripts and styles only from this origin, plus the
 * inline ones the build emitted, each by its SHA-256 hash (no `'unsafe-inline'`): an
 * injected `<script>` or `style="…"` never runs, so a script smuggled into a page cannot
 * read the admin token in sessionStorage (site/scripts/admin-token.ts). No page may be
 * framed (`frame-ancestors 'none'`; the pop-up of `/embed.js` uses Shadow DOM, not
 * frames). Referrer-Policy is `no-referrer` everywhere: personal links, opt-out links and
 * paper downloads carry tokens in their URLs, and the site never needs a Referer, so one
 * policy for all pages leaves no page to forget. HSTS only over https (see `hstsFor`).
 *
 * Pure: no Node built-ins (Web Crypto for the hashes), so the build and the Worker share it.
 *
 * @example
 *   const csp = contentSecurityPolicy({ scripts: [await cspHash("go()")], styles: [] });
 *   // "default-src 'self'; script-src 'self' 'sha256-…'; style-src 'self'; …"
 */

/** The inline code a set of pages carries, as CSP hash sources (`sha256-<base64>`), by kind. */
export type InlineHashes = { readonly scripts: readonly string[]; readonly styles: readonly string[] };

/** Origins beyond this one that a page needs (Cloudflare Turnstile on the paper pages, when it is on). */
export type ThirdParties = { readonly scripts?: readonly string[]; readonly frames?: readonly string[] };

/** Where Cloudflare Turnstile's widget comes from (site/scripts/paper.ts loads it only when switched on). */
export const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

const quoted = (hash: string) => `'${hash}'`;

/** The policy for pages whose inline scripts and styles have these hashes. */
export function contentSecurityPolicy(hashes: InlineHashes, extra: ThirdParties = {}): string {
  const directives: string[][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", ...hashes.scripts.map(quoted), ...(extra.scripts ?? [])],
    ["style-src", "'self'", ...hashes.styles.map(quoted)],
    // The pages' icon is `data:,` (site/layouts/Base.astro), which spares a request for /favicon.ico.
    ["img-src", "'self'", "data:"],
    ...(extra.frames?.length ? [["frame-src", "'self'", ...extra.frames]] : []),
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/**
 * Powerful features no page of ours uses, denied to every page and frame. (The old
 * `interest-cohort` is left out: Chromium no longer knows it and warns about it on every page;
 * `browsing-topics` is its successor.)
 */
export const PERMISSIONS_POLICY = [
  "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
  "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi",
  "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
].map((feature) => `${feature}=()`).join(", ");

/** The headers every response carries besides the CSP, static pages and Worker answers alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Permissions-Policy": PERMISSIONS_POLICY,
  // For browsers that predate `frame-ancestors`.
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

export const HSTS_HEADER = "Strict-Transport-Security";
export const HSTS = "max-age=31536000; includeSubDomains";

/**
 * HSTS for a request: only over https, so the local stack on http://127.0.0.1 never sends it
 * (a browser ignores it over http anyway, but a developer's tools should not see it there).
 */
export function hstsFor(url: URL): string | undefined {
  return url.protocol === "https:" ? HSTS : undefined;
}

/** Hosts that serve the local stack: the static pages there get no HSTS (build/headers.ts). */
export const LOOPBACK_HOSTS = ["127.0.0.1", "localhost"] as const;

/** What no cache may keep: the owner's pages and data, and everything personal. */
export const NO_STORE = "no-store";

/**
 * Where every response is the owner's or one person's: the admin pages and API, personal
 * links, opt-out, and the paper requests, tickets and files. Never cached anywhere.
 */
export const PRIVATE_PREFIXES = ["/admin/", "/api/admin/", "/api/invitations/", "/api/optout/", "/api/papers/", "/papers/files/"] as const;

export function isPrivatePath(path: string): boolean {
  return PRIVATE_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/** The CSP hash source of one inline script's or style's text, exactly as the page holds it. */
export async function cspHash(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  let binary = "";
  for (const b of digest) binary += String.fromCharCode(b);
  return `sha256-${btoa(binary)}`;
}

/** Script types a browser runs; any other (`application/json` data blocks) is not subject to the CSP. */
const EXECUTABLE_SCRIPT = /^(|module|(text|application)\/(java|ecma)script)$/i;

const INLINE = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi;
const TYPE = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const SRC = /\bsrc\s*=/i;

/**
 * The inline scripts a browser would run and the inline stylesheets in `html`, by their text.
 * Reads HTML as our build writes it (no `<script>` inside comments or attribute values).
 */
export function inlineCode(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  // A browser hashes the text after its parser turned every CR LF and CR into LF.
  for (const [, tag, attrs, body] of html.replace(/\r\n?/g, "\n").matchAll(INLINE)) {
    if (tag!.toLowerCase() === "style") styles.push(body!);
    else if (!SRC.test(attrs!)) {
      const m = TYPE.exec(attrs!);
      if (EXECUTABLE_SCRIPT.test((m?.[1] ?? m?.[2] ?? m?.[3] ?? "").trim())) scripts.push(body!);
    }
  }
  return { scripts, styles };
}

/** Collects the inline code of many pages, each distinct text once, and hashes it at the end. */
export class InlineCollector {
  readonly #scripts = new Set<string>();
  readonly #styles = new Set<string>();

  add(html: string): void {
    const code = inlineCode(html);
    for (const s of code.scripts) this.#scripts.add(s);
    for (const s of code.styles) this.#styles.add(s);
  }

  /** The hashes, sorted so that the same pages always give the same header. */
  async hashes(): Promise<InlineHashes> {
    const hash = async (texts: Set<string>) => (await Promise.all([...texts].map(cspHash))).sort();
    return { scripts: await hash(this.#scripts), styles: await hash(this.#styles) };
  }
}

/** Where the build publishes the hashes of its pages' inline code, for the Worker's own pages. */
export const CSP_HASHES_PATH = "/_canvass/csp.json";
