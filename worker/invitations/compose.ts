/**
 * Builds the email of one delivery: the survey's template (or the default) rendered
 * for the contact, a personal link, an opt-out link, and the RFC 8058 headers
 * (`List-Unsubscribe: <https://…/api/optout/<token>>` and `List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click`) that let mail clients offer one-click opt-out.
 *
 * An invitation in another of the survey's languages (the contact list's `language`) is
 * written from that language's translation of the survey (its `invitation:` and `reminders:`
 * texts, the title), with the default text and the footer's words in that language
 * (core/email/render.ts), a `Content-Language` header, and a personal link to that
 * language's page (`/s/<id>/<language>/?t=…`).
 */
import { buildMessage } from "../../core/email/mime.ts";
import { defaultInvitation, reminderTemplate, renderInvitation } from "../../core/email/render.ts";
import type { PublishedSurvey } from "../../core/compile.ts";
import { inLanguage, surveyLanguages } from "../../core/i18n/versions.ts";
import { config } from "../config.ts";
import { optoutLink, personalLink } from "./links.ts";
import { pipingFieldsOf, type DeliveryContext } from "./store.ts";
import type { OutgoingMail } from "./transports/transport.ts";

/** The provider idempotency key (and Message-ID left part) of a delivery. */
export const deliveryKey = (invitationId: string, round: number) => (round === 0 ? invitationId : `${invitationId}.r${round}`);

/** The language a delivery is written in: the invitation's when the survey still offers it, else the survey's default. */
export function deliveryLanguage(published: PublishedSurvey, ctx: Pick<DeliveryContext, "language">): string {
  const languages = surveyLanguages(published);
  return ctx.language && languages.includes(ctx.language) ? ctx.language : languages[0]!;
}

export async function composeMail(env: Env, ctx: DeliveryContext, published: PublishedSurvey, round: number, now: Date): Promise<OutgoingMail> {
  const key = deliveryKey(ctx.id, round);
  const language = deliveryLanguage(published, ctx);
  const survey = inLanguage(published, language).survey;
  const link = await personalLink(env, ctx.survey_id, ctx.id, now, language === surveyLanguages(published)[0] ? undefined : language);
  const optout = await optoutLink(env, ctx.email, ctx.survey_id, now);
  const invitation = survey.invitation ?? defaultInvitation(language);
  const template = round === 0 ? invitation : reminderTemplate(invitation, survey.reminders, language);
  const email = renderInvitation({ template, surveyTitle: survey.title, fields: pipingFieldsOf(ctx), link, optoutLink: optout, client: ctx.client, source: ctx.source, language });
  const from = config(env).mailFrom;
  const to = { name: ctx.name ?? undefined, address: ctx.email };
  const headers: [string, string][] = [
    ["List-Unsubscribe", `<${optout}>`],
    ["List-Unsubscribe-Post", "List-Unsubscribe=One-Click"],
    ["X-Canvass-Delivery", key],
    ["Content-Language", language],
  ];
  const domain = from.address.slice(from.address.indexOf("@") + 1);
  const raw = buildMessage({ from, to, subject: email.subject, text: email.text, html: email.html, messageId: `${key}@${domain}`, date: now, headers });
  return { idempotencyKey: key, from, to, subject: email.subject, text: email.text, html: email.html, headers, raw };
}
