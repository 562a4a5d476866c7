/**
 * Renders an invitation (or a reminder) from the survey file's template: subject,
 * plain text and HTML, with the contact's fields piped in through core/piping.ts.
 *
 * The template is the author's and is trusted; every value piped into it is not: it
 * is flattened to one line, and escaped for HTML in the HTML version. Three names are
 * filled by Canvass, never by a contact list: `{{link}}` (the personal survey link),
 * `{{optout_link}}` and `{{survey_title}}`. If a template forgets `{{link}}`, the link is
 * added after it; the opt-out footer is always added, whatever the template says,
 * because the promise that every invitation carries an opt-out link is ours to keep.
 *
 * @example
 *   renderInvitation({ template: DEFAULT_INVITATION, surveyTitle: "Feedback", fields: { name: "Al" },
 *     link: "https://x.test/s/feedback/?t=…", optoutLink: "https://x.test/api/optout/…", client: "Acme", source: "client" })
 */
import { escapeHtml, fillTemplate, parseTemplate, singleLine } from "../piping.ts";

export type EmailTemplate = { subject: string; text: string; html?: string | undefined };
export type RenderedEmail = { subject: string; text: string; html: string };

export const DEFAULT_INVITATION: EmailTemplate = {
  subject: "{{survey_title}}: could you spare two minutes?",
  text: [
    "Hello {{name|there}},",
    "",
    "{{company|We}} would value your answers to a short survey, {{survey_title}}. It takes about two minutes.",
    "",
    "{{link}}",
    "",
    "Thank you!",
  ].join("\n"),
};

/** What a reminder says when the survey file gives no reminder text of its own. */
export const REMINDER_PREFIX = { subject: "Reminder: ", text: "A short reminder, in case our first message got buried.\n\n" };

export type RenderInput = {
  template: EmailTemplate;
  surveyTitle: string;
  /** The contact's piping fields (name, company, location, custom). */
  fields: Readonly<Record<string, string>>;
  link: string;
  optoutLink: string;
  /** Who supplied the address, for the footer's "why you got this". */
  client: string;
  source: "client" | "panel";
};

const identity = (v: string) => v;
const SUBJECT_MAX = 200;

function values(input: RenderInput): Record<string, string> {
  // Canvass's own names come last, so no contact field can replace a link.
  return { ...input.fields, survey_title: input.surveyTitle, link: input.link, optout_link: input.optoutLink };
}

const mentionsLink = (text: string) => parseTemplate(text).some((p) => typeof p !== "string" && p.field === "link");

function why(input: RenderInput): string {
  const client = singleLine(input.client).trim();
  return input.source === "panel"
    ? `You are receiving this because you joined a survey panel run for ${client}.`
    : `You are receiving this because you are in touch with ${client}, who asked us to invite you.`;
}

function renderText(input: RenderInput): string {
  const body = fillTemplate(input.template.text, values(input), identity).trimEnd();
  const link = mentionsLink(input.template.text) ? "" : `\n\n${input.link}`;
  return `${body}${link}\n\n-- \n${why(input)}\nTo stop all survey invitations to this address: ${input.optoutLink}\n`;
}

/** Plain text turned into HTML: paragraphs at blank lines, line breaks kept, links clickable. */
function textToHtml(text: string, v: Record<string, string>): string {
  const anchor = (url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  const html = parseTemplate(text)
    .map((part) => {
      if (typeof part === "string") return escapeHtml(part);
      if (part.field === "link" || part.field === "optout_link") return anchor(v[part.field]!);
      const value = Object.hasOwn(v, part.field) ? v[part.field]! : "";
      return escapeHtml(singleLine(value.trim() !== "" ? value : part.fallback));
    })
    .join("");
  return html
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, "<br>\n")}</p>`)
    .join("\n");
}

function renderHtml(input: RenderInput): string {
  const v = values(input);
  const source = input.template.html ?? input.template.text;
  let body = input.template.html ? fillTemplate(source, v, escapeHtml) : textToHtml(source, v);
  if (!mentionsLink(source)) body += `\n<p><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`;
  const footer =
    `<hr>\n<p style="font-size:smaller">${escapeHtml(why(input))} ` +
    `<a href="${escapeHtml(input.optoutLink)}">Stop all survey invitations to this address</a>.</p>`;
  const doc = /<\/body>/i.test(body) ? body.replace(/<\/body>/i, `${footer}\n</body>`) : `${body}\n${footer}`;
  return /<html[\s>]/i.test(doc) ? doc : `<!doctype html>\n<html><head><meta charset="utf-8"></head><body>\n${doc}\n</body></html>\n`;
}

export function renderSubject(input: RenderInput): string {
  const subject = singleLine(fillTemplate(input.template.subject, values(input), identity)).replace(/\s+/g, " ").trim();
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject || input.surveyTitle;
}

export function renderInvitation(input: RenderInput): RenderedEmail {
  return { subject: renderSubject(input), text: renderText(input), html: renderHtml(input) };
}

/** The template a reminder uses: the survey's own reminder text, else the invitation's with a reminder line first. */
export function reminderTemplate(invitation: EmailTemplate, own: Partial<EmailTemplate> | undefined): EmailTemplate {
  return {
    subject: own?.subject ?? `${REMINDER_PREFIX.subject}${invitation.subject}`,
    text: own?.text ?? `${REMINDER_PREFIX.text}${invitation.text}`,
    html: own?.html ?? (own?.text || !invitation.html ? undefined : withReminderLine(invitation.html)),
  };
}

function withReminderLine(html: string): string {
  const line = `<p>${escapeHtml(REMINDER_PREFIX.text.trim())}</p>\n`;
  return /<body[^>]*>/i.test(html) ? html.replace(/<body[^>]*>/i, (m) => `${m}\n${line}`) : `${line}${html}`;
}
