// The one hand-written declaration of the Worker's environment: what `npm run cf-typegen`
// (worker-configuration.d.ts) cannot see. Secrets are not in wrangler.toml and the type
// generator reads no .dev.vars; the optional settings and the EMAIL binding are set only by
// deployments that need them. worker/config.ts reads each of them, with its rule, in one place.
interface CanvassSettings {
  /** The owner's admin token: full access to /api/admin/* (secret). */
  CANVASS_ADMIN_TOKEN?: string;
  /** Signs download, invitation and opt-out links and paper form tickets (core/tokens.ts); 16+ characters (secret). */
  CANVASS_SIGNING_KEY?: string;
  /** Bearer key of the HTTP mail provider (MAIL_TRANSPORT = "http"; secret). */
  MAIL_API_KEY?: string;
  /** The HTTP mail provider's send endpoint, e.g. https://api.resend.com/emails (MAIL_TRANSPORT = "http"). */
  MAIL_API_URL?: string;
  /** Cloudflare Email Service binding: `[[send_email]] name = "EMAIL"` (MAIL_TRANSPORT = "cloudflare"). */
  EMAIL?: SendEmail;
  /** Turnstile is on when both keys are set (https://developers.cloudflare.com/turnstile/). */
  TURNSTILE_SITE_KEY?: string;
  TURNSTILE_SECRET_KEY?: string;
  /** Seconds a paper form must have been open before it is sent (default 3; 0 turns the check off). */
  PAPER_MIN_FILL_SECONDS?: string;
  /** Paper requests per source and hour (default 10). */
  PAPER_RATE_LIMIT_PER_HOUR?: string;
}
interface Env extends CanvassSettings {}
declare namespace Cloudflare {
  interface Env extends CanvassSettings {}
}

// Gated paper files are bundled as binary Data modules (wrangler.toml [[rules]]; core/papers.ts PAPER_FILE_TYPES).
declare module "*.pdf" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.epub" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.zip" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.docx" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.xlsx" { const bytes: ArrayBuffer; export default bytes; }
declare module "*.pptx" { const bytes: ArrayBuffer; export default bytes; }
