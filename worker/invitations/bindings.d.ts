// Optional bindings and variables of the invitation feature that wrangler.toml does not
// declare (so `wrangler types` cannot see them). Set them where a deployment needs them:
//   EMAIL         [[send_email]] name = "EMAIL"   (MAIL_TRANSPORT = "cloudflare")
//   MAIL_API_URL  a var, the provider's send endpoint (MAIL_TRANSPORT = "http")
// If one of them is ever added to wrangler.toml, regenerate the types and delete it here.
interface CanvassInvitationBindings {
  /** Cloudflare Email Service binding. */
  EMAIL?: SendEmail;
  /** HTTP mail provider endpoint, e.g. https://api.resend.com/emails. */
  MAIL_API_URL?: string;
}
interface Env extends CanvassInvitationBindings {}
declare namespace Cloudflare {
  interface Env extends CanvassInvitationBindings {}
}
