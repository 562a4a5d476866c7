/**
 * Gated white papers: contact details in, a signed download link out.
 *
 * - `GET /api/papers/<slug>/ticket` — a single-use form ticket the page script sends back
 *   (minimum fill time, see guards.ts), and Turnstile's site key when it is on; rate
 *   limited per source like the requests, in a bucket of its own.
 * - `POST /api/papers/<slug>/requests` — a plain HTML form (200 page with the link;
 *   errors as a 422 page listing each field) or JSON (200 `{download_url, expires_at}`;
 *   errors 422 `{error, errors: {field: message}}`). One lead row per paper and person.
 * - `GET /papers/files/<name>?t=<token>` — the file, only with a valid token for its
 *   own paper: forged 403, another paper's 403, expired 410, any other name 404.
 *
 * Every success looks the same whether the person is new or asked before (and so does
 * the honeypot's decoy): the answer never tells anyone whether an address is on file.
 *
 * @example
 *   curl -X POST :8787/api/papers/short-surveys-guide/requests -H 'content-type: application/json' \
 *        -d '{"name":"Ada","email":"ada@example.com","company":"Analytical","job_title":"CTO","marketing_consent":false}'
 */
import { Hono, type Context } from "hono";
import type { PaperLink, PaperTicket } from "../../core/api/papers.ts";
import { PaperFileName, contentTypeOf, type PublishedPaper } from "../../core/papers.ts";
import { FORM_CONTROLS, LEAD_FIELD_LABELS, validateLeadRequest } from "../../core/leads.ts";
import { isTokenProblem, nowSeconds, signToken, verifyToken } from "../../core/tokens.ts";
import { config } from "../config.ts";
import { bodyKind, limitBody, readFormFields, readJsonBody } from "../http/body.ts";
import { escapeHtml, page } from "../http/page.ts";
import { Problem, wantsJson } from "../http/problems.ts";
import { type RateBucket, decoyToken, honeypotFilled, issueFormTicket, redeemFormTicket, requestSource, takeRequest } from "./guards.ts";
import { findPaper, findPaperFile } from "./library.ts";
import { saveLead } from "./store.ts";
import { verifyTurnstile } from "./turnstile.ts";

/** How long a download link works. */
const LINK_TTL_SECONDS = 24 * 3600;
/** Four short fields and a Turnstile token fit many times over. */
const MAX_BODY_BYTES = 16 * 1024;
const FILES_PREFIX = "/papers/files/";

const landingPage = (slug: string) => `/papers/${slug}/`;
const FIELD_LABELS: Record<string, string> = { ...LEAD_FIELD_LABELS, _form: "The form" };
/** Links carry a token: keep them out of shared caches and out of Referer headers. */
const PRIVATE_HEADERS = { "cache-control": "private, no-store", "referrer-policy": "no-referrer" };

/** A request as read from either body: the lead's fields apart from the form's controls (core/papers.ts FORM_CONTROLS). */
type PaperRequest = { fields: Record<string, unknown>; honeypot?: string; ticket?: string; turnstile?: string };

/** The paper with this slug, or a 404. */
function paperOr404(slug: string): PublishedPaper {
  const paper = findPaper(slug);
  if (!paper) throw new Problem(404, `There is no paper called "${slug.slice(0, 80)}".`);
  return paper;
}

const asText = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? undefined : JSON.stringify(v));

async function readPaperRequest(c: Context): Promise<PaperRequest> {
  if (bodyKind(c, "your details") === "json") {
    const body = await readJsonBody(c);
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new Problem(422, 'Send your details as a JSON object, like {"email": "ada@example.com"}.');
    const { [FORM_CONTROLS.honeypot]: honeypot, [FORM_CONTROLS.ticket]: ticket, [FORM_CONTROLS.turnstile]: turnstile, ...fields } = body as Record<string, unknown>;
    return { fields, honeypot: asText(honeypot), ticket: asText(ticket), turnstile: asText(turnstile) };
  }
  const out: PaperRequest = { fields: {} };
  const seen = new Set<string>();
  for (const [name, value] of await readFormFields(c, "this form")) {
    if (seen.has(name)) throw new Problem(422, `The field "${name.slice(0, 40)}" is sent twice; send it once.`, { fields: { _form: `"${name.slice(0, 40)}" is sent twice.` }, fieldLabels: FIELD_LABELS });
    seen.add(name);
    if (name === FORM_CONTROLS.honeypot) out.honeypot = value;
    else if (name === FORM_CONTROLS.ticket) out.ticket = value;
    else if (name === FORM_CONTROLS.turnstile) out.turnstile = value;
    // A checkbox is sent when ticked and left out when not.
    else out.fields[name] = name === FORM_CONTROLS.consent ? value.trim() !== "" : value;
  }
  return out;
}

/** The signed link for one request: a fresh nonce each time, so asking again always gives a new link. */
async function downloadLink(env: Env, paper: PublishedPaper, leadId: string): Promise<{ url: string; exp: number }> {
  const exp = nowSeconds() + LINK_TTL_SECONDS;
  const nonce = crypto.randomUUID().slice(0, 8);
  const token = await signToken({ purpose: "paper", sub: `${leadId}.${nonce}`, ref: paper.slug, exp }, config(env).signingKey);
  return { url: `${FILES_PREFIX}${paper.file}?t=${token}`, exp };
}

async function linkResponse(c: Context<{ Bindings: Env }>, paper: PublishedPaper, link: { url: string; exp: number }): Promise<Response> {
  const expiresAt = new Date(link.exp * 1000).toISOString();
  for (const [k, v] of Object.entries(PRIVATE_HEADERS)) c.header(k, v);
  if (wantsJson(c)) return c.json({ download_url: link.url, expires_at: expiresAt } satisfies PaperLink, 200);
  const when = `${expiresAt.slice(0, 10)} ${expiresAt.slice(11, 16)} UTC`;
  return c.html(
    await page(
      c.env,
      "Your download is ready",
      `<p><a href="${escapeHtml(link.url)}" download>Download “${escapeHtml(paper.title)}”</a></p>` +
        `<p>The link works for ${LINK_TTL_SECONDS / 3600} hours, until <time datetime="${expiresAt}">${when}</time>. ` +
        `For a new one later, <a href="${landingPage(paper.slug)}">send the form again</a>: you will not be added twice.</p>`,
    ),
    200,
  );
}

export const papers = new Hono<{ Bindings: Env }>();

/** Refuses with 429 once `source` has used up this hour's allowance in `bucket` (guards.ts). */
async function limitRate(c: Context<{ Bindings: Env }>, bucket: RateBucket, back?: ConstructorParameters<typeof Problem>[2]): Promise<void> {
  const allowed = await takeRequest(c.env, requestSource(c.req.header("cf-connecting-ip")), Date.now(), bucket);
  if (allowed.ok) return;
  c.header("retry-after", String(allowed.retryAfter));
  throw new Problem(429, `There have been too many requests from your network in the last hour. Please try again in ${Math.ceil(allowed.retryAfter / 60)} minutes.`, back);
}

papers.get("/:slug/ticket", async (c) => {
  const paper = paperOr404(c.req.param("slug"));
  await limitRate(c, "tickets");
  const settings = config(c.env);
  const turnstile = settings.turnstile;
  c.header("cache-control", "no-store");
  return c.json({ ticket: await issueFormTicket(c.env, paper.slug), min_fill_seconds: settings.paperMinFillSeconds, turnstile_site_key: turnstile?.siteKey ?? null } satisfies PaperTicket);
});

papers.post("/:slug/requests", limitBody(MAX_BODY_BYTES, `The request is larger than ${MAX_BODY_BYTES / 1024} KB.`), async (c) => {
  const paper = paperOr404(c.req.param("slug"));
  const back = { fieldLabels: FIELD_LABELS, backTo: landingPage(paper.slug), backLabel: "Go back to the form" };
  bodyKind(c, "your details");
  const ip = c.req.header("cf-connecting-ip");
  await limitRate(c, "requests", back);

  const request = await readPaperRequest(c);
  if (honeypotFilled(request.honeypot)) {
    const exp = nowSeconds() + LINK_TTL_SECONDS;
    return linkResponse(c, paper, { url: `${FILES_PREFIX}${paper.file}?t=${await decoyToken(paper.slug, exp)}`, exp });
  }
  const result = validateLeadRequest(paper, request.fields);
  if (!result.ok) throw new Problem(422, "Some details need another look.", { fields: result.errors, ...back });

  const ticket = await redeemFormTicket(c.env, paper.slug, request.ticket);
  if (ticket === "too-fast") {
    c.header("retry-after", String(config(c.env).paperMinFillSeconds));
    throw new Problem(429, "That was quicker than anyone fills in this form. Please wait a few seconds and send it again.", back);
  }
  if (ticket === "missing")
    throw new Problem(422, "This form has to be sent from its page. Please reload the page and send it again.", { fields: { _form: "Reload the page and send the form again." }, ...back });
  if (ticket === "expired" || ticket === "invalid" || ticket === "used")
    throw new Problem(422, "This form has been open too long or was changed. Please reload the page and send it again.", { fields: { _form: "Reload the page and send the form again." }, ...back });

  const turnstile = config(c.env).turnstile;
  if (turnstile) {
    const outcome = await verifyTurnstile({ secret: turnstile.secret, token: request.turnstile, remoteIp: ip });
    if (!outcome.success) throw new Problem(403, "The spam check did not pass. Please reload the page and try again (it needs JavaScript).", back);
  }

  const leadId = await saveLead(c.env.DB, { paper: paper.slug, lead: result.lead, consentHash: paper.consentHash, at: new Date() });
  return linkResponse(c, paper, await downloadLink(c.env, paper, leadId));
});

/**
 * The gated files. The name is taken from the raw, still-encoded path and must be a
 * plain file name (core/papers.ts PaperFileName: no `%`, `/` or `..`) that a paper
 * claims; the bytes come from the Worker bundle, never from a file system or the
 * assets, so no name can reach anything but the papers.
 */
export const paperFiles = new Hono<{ Bindings: Env }>();

paperFiles.get("*", async (c) => {
  const path = new URL(c.req.url).pathname;
  const name = path.startsWith(FILES_PREFIX) ? path.slice(FILES_PREFIX.length) : "";
  const found = PaperFileName.safeParse(name).success ? findPaperFile(name) : undefined;
  if (!found) throw new Problem(404, "There is no file at this address.");
  const { paper, bytes } = found;
  const back = { backTo: landingPage(paper.slug), backLabel: "Go to the paper's page" };
  const token = c.req.query("t");
  if (!token) throw new Problem(403, `This file is available through the form on ${landingPage(paper.slug)}.`, back);
  const claim = await verifyToken(token, config(c.env).signingKey, { purpose: "paper", ref: paper.slug });
  if (isTokenProblem(claim)) {
    if (claim.problem === "expired") throw new Problem(410, "This download link has expired. Send the form again for a new one; you will not be added twice.", back);
    throw new Problem(403, "This download link is not valid for this file. Use the link you were given, or send the form again.", back);
  }
  return new Response(bytes, {
    headers: {
      ...PRIVATE_HEADERS,
      "content-type": contentTypeOf(paper.file),
      "content-disposition": `attachment; filename="${paper.file}"`,
      "content-length": String(bytes.byteLength),
      "x-content-type-options": "nosniff",
    },
  });
});
