// Settings of the white-paper feature (worker/papers.ts, worker/paper-guards.ts). None is
// in wrangler.toml: each is optional, set with `wrangler secret put` (or `--var`, or
// .dev.vars locally) only to change the default. Values arrive as strings.
interface CanvassSecrets {
  /** Turnstile is on when both keys are set (https://developers.cloudflare.com/turnstile/). */
  TURNSTILE_SITE_KEY?: string;
  TURNSTILE_SECRET_KEY?: string;
  /** Seconds a form must have been open before it is sent (default 3; 0 turns the check off). */
  PAPER_MIN_FILL_SECONDS?: string;
  /** Paper requests per source and hour (default 10). */
  PAPER_RATE_LIMIT_PER_HOUR?: string;
}

// Gated files are bundled as binary Data modules (wrangler.toml [[rules]]; core/papers.ts PAPER_FILE_TYPES).
declare module "*.pdf" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.epub" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.zip" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.docx" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.xlsx" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.pptx" { const bytes: ArrayBuffer; export default bytes; }
