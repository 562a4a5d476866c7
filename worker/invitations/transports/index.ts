/** Picks the mail transport named by MAIL_TRANSPORT (worker/config.ts). */
import { config } from "../../config.ts";
import { cloudflareTransport } from "./cloudflare.ts";
import { httpTransport } from "./http.ts";
import { outboxTransport } from "./outbox.ts";
import type { MailTransport } from "./transport.ts";

export function transportFor(env: Env): MailTransport {
  const settings = config(env);
  switch (settings.mailTransport) {
    case "outbox":
      return outboxTransport(env.DB);
    case "cloudflare":
      return cloudflareTransport(settings.emailBinding);
    case "http":
      return httpTransport(settings.mailApi);
  }
}
