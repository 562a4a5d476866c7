/**
 * Builds the email of one delivery: the survey's template (or the default) rendered
 * for the contact, a personal link, an opt-out link, and the RFC 8058 headers
 * (`List-Unsubscribe: <https://…/api/optout/<token>>` and `List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click`) that let mail clients offer one-click opt-out.
 */
import { buildMessage } from "../../core/email/mime.ts";
import { DEFAULT_INVITATION, reminderTemplate, renderInvitation } from "../../core/email/render.ts";
import type { Survey } from "../../core/model.ts";
import { config } from "../config.ts";
import { optoutLink, personalLink } from "./links.ts";
import { pipingFieldsOf, type DeliveryContext } from "./store.ts";
import type { OutgoingMail } from "./transports/transport.ts";

/** The provider idempotency key (and Message-ID left part) of a delivery. */
export const deliveryKey = (invitationId: string, round: number) => (round === 0 ? invitationId : `${invitationId}.r${round}`);

export async function composeMail(env: Env, ctx: DeliveryContext, survey: Survey, round: number, now: Date): Promise<OutgoingMail> {
  const key = deliveryKey(ctx.id, round);
  const link = await personalLink(env, ctx.survey_id, ctx.id, now);
  const optout = await optoutLink(env, ctx.email, ctx.survey_id, now);
  const invitation = survey.invitation ?? DEFAULT_INVITATION;
  const template = round === 0 ? invitation : reminderTemplate(invitation, survey.reminders);
  const email = renderInvitation({ template, surveyTitle: survey.title, fields: pipingFieldsOf(ctx), link, optoutLink: optout, client: ctx.client, source: ctx.source });
  const from = config(env).mailFrom;
  const to = { name: ctx.name ?? undefined, address: ctx.email };
  const headers: [string, string][] = [
    ["List-Unsubscribe", `<${optout}>`],
    ["List-Unsubscribe-Post", "List-Unsubscribe=One-Click"],
    ["X-Canvass-Delivery", key],
  ];
  const domain = from.address.slice(from.address.indexOf("@") + 1);
  const raw = buildMessage({ from, to, subject: email.subject, text: email.text, html: email.html, messageId: `${key}@${domain}`, date: now, headers });
  return { idempotencyKey: key, from, to, subject: email.subject, text: email.text, html: email.html, headers, raw };
}
