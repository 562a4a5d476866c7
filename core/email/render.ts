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
 * An email is in the contact's language (`language`, one of the survey's): the caller
 * passes that language's template (the survey's translation); the default text, the
 * reminder line and the footer's fixed words come from the strings table (core/i18n/).
 *
 * @example
 *   renderInvitation({ template: DEFAULT_INVITATION, surveyTitle: "Feedback", fields: { name: "Al" },
 *     link: "https://x.test/s/feedback/?t=…", optoutLink: "https://x.test/api/optout/…", client: "Acme", source: "client" })
 */
import { format, stringsFor, type Strings } from "../i18n/strings.ts";
import { escapeHtml, fillTemplate, parseTemplate, singleLine } from "../piping.ts";

export type EmailTemplate = { subject: string; text: string; html?: string | undefined };
export type RenderedEmail = { subject: string; text: string; html: string };

/** The invitation a survey without its own `invitation:` sends, in a language (English when Canvass has no table for it). */
export function defaultInvitation(language?: string): EmailTemplate {
  const t = stringsFor(language);
  return { subject: t.emailSubject, text: t.emailText };
}

export const DEFAULT_INVITATION: EmailTemplate = defaultInvitation("en");

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
  /** The language the email is in, for the footer's words (core/i18n/); English when left out. */
  language?: string | undefined;
};

const identity = (v: string) => v;
const SUBJECT_MAX = 200;

function values(input: RenderInput): Record<string, string> {
  // Canvass's own names come last, so no contact field can replace a link.
  return { ...input.fields, survey_title: input.surveyTitle, link: input.link, optout_link: input.optoutLink };
}

const mentionsLink = (text: string) => parseTemplate(text).some((p) => typeof p !== "string" && p.field === "link");

const wordsOf = (input: RenderInput): Strings => stringsFor(input.language);

function why(input: RenderInput): string {
  const client = singleLine(input.client).trim();
  const t = wordsOf(input);
  return format(input.source === "panel" ? t.emailWhyPanel : t.emailWhyClient, { client });
}

function renderText(input: RenderInput): string {
  const body = fillTemplate(input.template.text, values(input), identity).trimEnd();
  const link = mentionsLink(input.template.text) ? "" : `\n\n${input.link}`;
  return `${body}${link}\n\n-- \n${why(input)}\n${format(wordsOf(input).emailStopText, { link: input.optoutLink })}\n`;
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
    `<a href="${escapeHtml(input.optoutLink)}">${escapeHtml(wordsOf(input).emailStopLink)}</a>.</p>`;
  const doc = /<\/body>/i.test(body) ? body.replace(/<\/body>/i, `${footer}\n</body>`) : `${body}\n${footer}`;
  const lang = input.language ? ` lang="${escapeHtml(input.language)}"` : "";
  return /<html[\s>]/i.test(doc) ? doc : `<!doctype html>\n<html${lang}><head><meta charset="utf-8"></head><body>\n${doc}\n</body></html>\n`;
}

export function renderSubject(input: RenderInput): string {
  const subject = singleLine(fillTemplate(input.template.subject, values(input), identity)).replace(/\s+/g, " ").trim();
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject || input.surveyTitle;
}

export function renderInvitation(input: RenderInput): RenderedEmail {
  return { subject: renderSubject(input), text: renderText(input), html: renderHtml(input) };
}

/**
 * The template a reminder uses: the survey's own reminder text, else the invitation's with a
 * reminder line first, in `language` (the strings table's words; English when left out).
 */
export function reminderTemplate(invitation: EmailTemplate, own: Partial<EmailTemplate> | undefined, language?: string): EmailTemplate {
  const t = stringsFor(language);
  return {
    subject: own?.subject ?? format(t.emailReminderSubject, { subject: invitation.subject }),
    text: own?.text ?? `${t.emailReminderLine}\n\n${invitation.text}`,
    html: own?.html ?? (own?.text || !invitation.html ? undefined : withReminderLine(invitation.html, t)),
  };
}

function withReminderLine(html: string, t: Strings): string {
  const line = `<p>${escapeHtml(t.emailReminderLine)}</p>\n`;
  return /<body[^>]*>/i.test(html) ? html.replace(/<body[^>]*>/i, (m) => `${m}\n${line}`) : `${line}${html}`;
}
