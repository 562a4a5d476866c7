// Secrets are not in wrangler.toml, and `npm run cf-typegen` reads no .dev.vars, so they are declared here; they are set
// with `wrangler secret put` in production and in `.dev.vars` locally (written by `npm start`).
interface CanvassSecrets {
  /** The owner's admin token: full access to /api/admin/*. */
  CANVASS_ADMIN_TOKEN?: string;
  CANVASS_SIGNING_KEY?: string; // signs download, invitation and opt-out links (core/tokens.ts); 16+ characters
  /** Bearer key of the HTTP mail provider (MAIL_TRANSPORT = "http"). */
  MAIL_API_KEY?: string;
}
interface Env extends CanvassSecrets {}
declare namespace Cloudflare {
  interface Env extends CanvassSecrets {}
}
