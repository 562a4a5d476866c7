/**
 * `POST /api/responses/<survey-id>`: stores one response.
 *
 * Takes a plain HTML form (303 to the chosen end screen's page, or a page that moves on to
 * the author's redirect) or JSON (201 with the id, that end screen and the redirect:
 * core/endings.ts).
 * The answers are checked by core/answers.ts against the published definition —
 * the same code the page ran — and stored once per client-generated submission id.
 * A pop-up survey (`intercept:`) posts JSON from its host sites: CORS allows exactly
 * the survey's `intercept.origins`; a JSON post or preflight from any other foreign
 * origin is a 403 (a plain HTML form from anywhere stays welcome, README "HTTP API").
 * A survey offered in several languages (`languages:`) takes the respondent's language
 * (form field `_lang`, JSON `language`; the default when left out): the answers are checked
 * against that language's definition (every language's has the default's questions and
 * values, core/i18n/localize.ts; only the words differ), the messages, the 422, refusal and
 * redirect pages and the thank-you page are in that language, and the language is stored
 * with the response, and so is the end screen chosen (`ending`: the ending's id, or
 * `ending:<position>`), for the exports and the summary.
 *
 * @example
 *   curl -X POST :8787/api/responses/customer-feedback -H 'content-type: application/json' \
 *        -d '{"submission_id":"3b0f…","answers":{"satisfaction":4}}'
 */
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { z } from "zod";
import { keptTime } from "../../core/anonymity.ts";
import { isEmpty, validateAnswers } from "../../core/answers.ts";
import { SubmissionBody, type SubmissionAnswer } from "../../core/api/responses.ts";
import type { PublishedSurvey } from "../../core/compile.ts";
import { chooseEnding, continueLinkHtml, endingName } from "../../core/endings.ts";
import { decodeForm } from "../../core/form.ts";
import { orderProblem } from "../../core/randomize.ts";
import { visibility } from "../../core/logic.ts";
import { plainLabel } from "../../core/piping.ts";
import { format, stringsFor, type Strings } from "../../core/i18n/strings.ts";
import { inLanguage, offeredLanguage, surveyLanguages, surveyPagePath } from "../../core/i18n/versions.ts";
import type { Survey } from "../../core/model.ts";
import { allQuestions, OTHER_SUFFIX } from "../../core/survey.ts";
import { findSurvey, lookupSurvey, type Unavailable } from "../catalog.ts";
import { bodyKind, limitBody, mediaType, readFormFields, readJsonBody, zodMessage } from "../http/body.ts";
import { page } from "../http/page.ts";
import { Problem } from "../http/problems.ts";
import { surveyRefusal } from "../http/surveys.ts";
import { claimInvitation, invitationForToken } from "../invitations/links.ts";
import { insertResponse, storedSubmission, type NewResponse } from "./store.ts";

/** Largest body accepted: generous for long free-text answers, small enough to refuse abuse early. */
export const MAX_BODY_BYTES = 128 * 1024;

/** `order` only from the page script (JSON): a plain form shows the authored order and records none. */
type Submission = { submissionId: string | undefined; answers: Record<string, unknown>; token: string | undefined; order?: Record<string, string[]> | undefined; language: string | undefined };

async function readJson(c: Context): Promise<Submission> {
  const parsed = SubmissionBody.safeParse(await readJsonBody(c));
  if (!parsed.success) throw new Problem(422, `The submission is not in the expected shape: ${zodMessage(parsed.error)}.`);
  return { submissionId: parsed.data.submission_id, answers: parsed.data.answers, token: parsed.data.token, order: parsed.data.order, language: parsed.data.language };
}

/**
 * The language of a refusal made before the answers are read (and with them `_lang`): the
 * survey's language the browser prefers most (Accept-Language), else the survey's default.
 */
async function browserLanguage(c: Context<{ Bindings: Env }>): Promise<string | undefined> {
  const entry = await findSurvey(c.env, c.req.param("survey") ?? "");
  if (!entry || !("survey" in entry)) return undefined;
  const offered = surveyLanguages(entry);
  const wanted = (c.req.header("accept-language") ?? "").split(",").slice(0, 20)
    .map((part) => { const [tag = "", q = "q=1"] = part.trim().split(";"); return { tag: tag.trim().toLowerCase(), q: Number(q.trim().slice(2)) || 0 }; })
    .filter((w) => w.q > 0).sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const found = offered.find((l) => l.toLowerCase() === tag) ?? offered.find((l) => l.toLowerCase() === tag.split("-")[0]);
    if (found) return found;
  }
  return offered[0];
}

/** A body over the limit, refused before it is read: in the survey's (or the browser's) language. */
async function tooLarge(c: Context<{ Bindings: Env }>): Promise<Problem> {
  const lang = await browserLanguage(c);
  return new Problem(413, format(stringsFor(lang).submissionTooLarge, { kb: MAX_BODY_BYTES / 1024 }), { lang });
}

async function readForm(c: Context<{ Bindings: Env }>, published: PublishedSurvey): Promise<Submission> {
  let fields: [string, string][];
  try {
    fields = await readFormFields(c, "this survey");
  } catch (e) {
    if (!(e instanceof Problem) || e.status !== 400) throw e;
    const lang = await browserLanguage(c);
    throw new Problem(400, stringsFor(lang).submissionUnreadable, { lang });
  }
  const { answers, control } = decodeForm(published, fields);
  if (control._submission !== undefined && !z.uuid().safeParse(control._submission).success)
    throw new Problem(422, "The submission id (_submission) must be a UUID.");
  return { submissionId: control._submission, answers, token: control._t, language: control._lang };
}

/** The language a submission names, if it is one of the survey's; the default when it names none; else a 422. */
function chosenLanguage(published: PublishedSurvey, requested: string | undefined): string {
  const languages = surveyLanguages(published);
  if (requested === undefined || languages.includes(requested)) return requested ?? languages[0]!;
  const message = format(stringsFor(languages[0]).unknownLanguage, { language: requested.slice(0, 35), languages: languages.join(", ") });
  throw new Problem(422, message, { lang: languages[0] });
}

/** How the 422 page names each field: the question's label in the respondent's language. */
function labelsOf(survey: Survey, t: Strings): Record<string, string> {
  const labels: Record<string, string> = { _form: t.theForm };
  for (const q of allQuestions(survey)) {
    labels[q.id] = q.label;
    labels[q.id + OTHER_SUFFIX] = `${q.label} (${("other_label" in q && q.other_label) || t.otherShort})`;
  }
  return labels;
}

/** A note for each question answered but hidden by skip logic, whose answer would be discarded (a page without JavaScript shows every question). */
function discardedNotes(published: PublishedSurvey, answers: Record<string, unknown>, t: Strings): string[] {
  const shown = visibility(published, answers).questions;
  return allQuestions(published.survey)
    .filter((q) => !shown.has(q.id) && !isEmpty(answers[q.id]))
    .map((q) => format(t.discarded, { question: plainLabel(q.label) }));
}

/** The language a refused request asked for, read leniently: a refusal comes before the body is otherwise read. */
async function askedLanguage(c: Context): Promise<string | undefined> {
  try {
    if (mediaType(c) === "application/json") {
      const body: unknown = await c.req.json();
      return typeof body === "object" && body !== null && "language" in body && typeof body.language === "string" ? body.language : undefined;
    }
    const form = await c.req.parseBody();
    return typeof form._lang === "string" ? form._lang : undefined;
  } catch {
    return undefined;
  }
}

/** A closed, ended or not yet open survey's refusal, in the respondent's language where the survey has it. */
async function refusal(c: Context<{ Bindings: Env }>, surveyId: string, found: Unavailable): Promise<Problem> {
  const base = surveyRefusal(found);
  const entry = found.state === "unknown" || found.state === "draft" ? null : await findSurvey(c.env, surveyId);
  if (!entry || !("survey" in entry)) return base;
  const s = entry.survey;
  const asked = await askedLanguage(c);
  const lang = offeredLanguage(entry, asked);
  const t = stringsFor(lang);
  const message = found.state === "not-yet-open" ? format(t.opensOn, { date: s.opens ?? "" }) : found.state === "ended" ? format(t.closedOn, { date: s.closes ?? "" }) : t.closedNotice;
  return new Problem(base.status, message, { lang });
}

type Link = { invitationId: string | undefined; release: () => Promise<void> };
const NO_LINK: Link = { invitationId: undefined, release: async () => {} };

/**
 * Marks the personal link's invitation answered before the response is stored, so two
 * different submissions on one link cannot both be kept (a 409 for the second). A
 * resend of the very same submission (same submission id) passes, to be reported as a
 * duplicate. An anonymous survey's response is never linked to its invitation.
 */
async function claimLink(db: D1Database, invitationId: string, o: { surveyId: string; anonymous: boolean; responseId: string; now: Date; lang: string }): Promise<Link> {
  const claim = await claimInvitation(db, invitationId, o);
  if (claim.outcome === "gone") throw new Problem(410, stringsFor(o.lang).linkGone, { lang: o.lang });
  if (claim.outcome === "claimed") return { invitationId: o.anonymous ? undefined : invitationId, release: claim.release };
  const earlier = await storedSubmission(db, o.responseId);
  if (earlier && earlier.survey_id === o.surveyId && (o.anonymous || earlier.invitation_id === invitationId)) return NO_LINK;
  throw new Problem(409, stringsFor(o.lang).linkUsed, { lang: o.lang });
}

/** Stores the response with its link; the link's claim is let go again when nothing new was stored. */
async function storeLinked(db: D1Database, link: Link, r: Omit<NewResponse, "invitationId">): Promise<Awaited<ReturnType<typeof insertResponse>>> {
  let stored: Awaited<ReturnType<typeof insertResponse>>;
  try {
    stored = await insertResponse(db, { ...r, invitationId: link.invitationId });
  } catch (e) {
    await link.release();
    throw e;
  }
  if (stored !== "stored") await link.release();
  return stored;
}

/** The host sites a survey's pop-up may post from (none for a survey without `intercept:`, a draft or an unknown one). */
async function popupOrigins(env: Env, surveyId: string): Promise<readonly string[]> {
  const entry = await findSurvey(env, surveyId);
  return entry && "survey" in entry ? entry.survey.intercept?.origins ?? [] : [];
}

/** CORS for a listed origin: the pop-up's JSON post and its preflight. */
const popupCors = cors({ origin: (origin) => origin, allowMethods: ["POST"], allowHeaders: ["Content-Type", "Accept"], maxAge: 600 });

/**
 * Cross-origin requests: a listed origin gets CORS, an unlisted foreign one may still post
 * a plain form but neither preflight nor JSON. Every answer varies by Origin.
 */
const crossOrigin: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const origin = c.req.header("origin");
  const surveyId = c.req.param("survey") ?? "";
  if (origin && origin !== new URL(c.req.url).origin) {
    if ((await popupOrigins(c.env, surveyId)).includes(origin)) return popupCors(c, next);
    // `null` is what our own survey page sends: under Referrer-Policy no-referrer
    // (worker/http/headers.ts) a browser writes Origin: null on a same-origin POST. It gets no
    // CORS headers and no preflight, so a foreign page that sends `null` still reads nothing.
    if (c.req.method === "OPTIONS" || (mediaType(c) === "application/json" && origin !== "null"))
      throw new Problem(403, `A page on ${origin.slice(0, 100)} may not send answers to this survey: that site is not among the survey's intercept origins.`);
  }
  await next();
  c.header("Vary", "Origin", { append: true });
};

export const responses = new Hono<{ Bindings: Env }>();

responses.use("/:survey", crossOrigin);
responses.post(
  "/:survey",
  limitBody(MAX_BODY_BYTES, tooLarge),
  async (c) => {
    const surveyId = c.req.param("survey");
    const found = await lookupSurvey(c.env, surveyId, new Date());
    if (found.state !== "open") throw await refusal(c, surveyId, found);
    const { published } = found;

    const isJson = bodyKind(c, "the answers") === "json";
    const submission = isJson ? await readJson(c) : await readForm(c, published);
    const language = chosenLanguage(published, submission.language);
    // A bad personal link is refused before anything is stored, whatever the answers.
    const invitationId = submission.token ? await invitationForToken(c.env, surveyId, submission.token, language) : undefined;
    const badOrder = submission.order ? orderProblem(published.survey, submission.order) : undefined;
    if (badOrder) throw new Problem(422, badOrder);
    const local = inLanguage(published, language).survey;
    const t = stringsFor(language);
    // The respondent's language's definition: the same questions and values, the author's words (a pattern's `message`, `none_label`) translated.
    const result = validateAnswers({ ...published, survey: local }, submission.answers, t);
    if (!result.ok)
      throw new Problem(422, t.review, {
        fields: result.errors, fieldLabels: labelsOf(local, t), backTo: surveyPagePath(published, language), backLabel: local.labels?.back, lang: language,
        notes: isJson ? undefined : discardedNotes({ ...published, survey: local }, submission.answers, t),
      });

    const id = submission.submissionId ?? crypto.randomUUID();
    const now = new Date();
    const anonymous = published.survey.anonymous;
    const link = invitationId ? await claimLink(c.env.DB, invitationId, { surveyId, anonymous, responseId: id, now, lang: language }) : NO_LINK;
    const submittedAt = new Date(keptTime(now, anonymous));
    // The end screen is chosen from the answers as stored, and stored with them; a redirect goes out exactly as the author wrote it.
    // A respondent who answered in another language gets that language's end screen (site/pages/s/[id]/[lang]/thanks/).
    const end = chooseEnding(published, { ...result.answers, ...result.computed }, surveyPagePath(published, language));
    const ending = end.ending && end.index !== undefined ? endingName(end.ending, end.index) : undefined;
    const stored = await storeLinked(c.env.DB, link, { id, surveyId, definitionHash: published.hash, answers: { ...result.answers, ...result.computed }, submittedAt, order: submission.order, language: published.survey.languages ? language : undefined, ending });
    if (stored === "used-elsewhere") throw new Problem(409, "This submission id was already used for another survey; generate a new one.");

    if (isJson) {
      const body: SubmissionAnswer = { id, ending: end.path, ...(end.redirect ? { redirect: end.redirect } : {}), ...(stored === "duplicate" ? { duplicate: true } : {}) };
      return c.json(body, stored === "duplicate" ? 200 : 201);
    }
    // A 303 from the form straight to another site breaks the survey page's CSP (`form-action
    // 'self'` covers a form's redirects): a short page moves on instead, with a link as well.
    if (end.redirect) {
      const html = await page(c.env, plainLabel(local.title), continueLinkHtml(end.redirect, t), language);
      return c.html(html, 200, { Refresh: `0; url=${end.redirect}` });
    }
    return c.redirect(end.path, 303);
  },
);
