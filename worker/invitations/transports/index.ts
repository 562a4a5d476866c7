/** Picks the mail transport named by MAIL_TRANSPORT (see ../config.ts). */
import { ConfigError, transportKind } from "../config.ts";
import { cloudflareTransport } from "./cloudflare.ts";
import { httpTransport } from "./http.ts";
import { outboxTransport } from "./outbox.ts";
import type { MailTransport } from "./transport.ts";

export function transportFor(env: Env): MailTransport {
  switch (transportKind(env)) {
    case "outbox":
      return outboxTransport(env.DB);
    case "cloudflare":
      return cloudflareTransport(env.EMAIL);
    case "http":
      if (!env.MAIL_API_URL || !env.MAIL_API_KEY) throw new ConfigError('MAIL_TRANSPORT is "http" but MAIL_API_URL or the MAIL_API_KEY secret is missing');
      return httpTransport({ url: env.MAIL_API_URL, key: env.MAIL_API_KEY });
  }
}
