/**
 * The invitation feature's public routes. Opt-out lives here rather than in a feature of
 * its own: its suppression list is read by the upload, the reminders and the consumer in
 * the same SQL as contacts and invitations (store.ts), and its links are made with theirs.
 *
 * Personal links, `GET /api/invitations/<survey>/<token>` → `{"fields": {"name", "company",
 * "location", …custom}, "answered": false}` (never the address: the page needs none, and
 * a forwarded link should not reveal it). A bad token is a 4xx that says what is wrong.
 *
 * Opt-out links, `/api/optout/<token>`, as every invitation carries them in its body
 * and in `List-Unsubscribe` (RFC 2369) with `List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click` (RFC 8058).
 *
 * - GET shows a page with a button and changes nothing: mail scanners and link
 *   previewers fetch links, and must not opt anyone out.
 * - POST (the mail client's one-click request, or the page's button) adds the
 *   address's hash to the suppression list and answers with a page, not a redirect
 *   (RFC 8058 §3.2: the POST must not need a redirect or a cookie to work).
 *
 * Suppression is global: an address that opts out gets no invitation from any survey.
 */
import { Hono, type Context } from "hono";
import { isTokenProblem, verifyToken } from "../../core/tokens.ts";
import type { PersonalLinkAnswer } from "../../core/api/invitations.ts";
import { config } from "../config.ts";
import { limitBody } from "../http/body.ts";
import { escapeHtml, page } from "../http/page.ts";
import { Problem, wantsJson } from "../http/problems.ts";
import { invitationForToken, invitationOr410 } from "./links.ts";
import { addSuppression, isSuppressed, pipingFieldsOf } from "./store.ts";

export const personalLinks = new Hono<{ Bindings: Env }>();

personalLinks.get("/:survey/:token", async (c) => {
  const surveyId = c.req.param("survey");
  const id = await invitationForToken(c.env, surveyId, c.req.param("token"));
  const row = await invitationOr410(c.env.DB, id, surveyId);
  c.header("Cache-Control", "no-store");
  return c.json({ fields: pipingFieldsOf(row), answered: row.answered_at !== null } satisfies PersonalLinkAnswer);
});

async function addressOf(c: Context<{ Bindings: Env }>): Promise<string> {
  const claim = await verifyToken(c.req.param("token") ?? "", config(c.env).signingKey, { purpose: "optout" });
  if (isTokenProblem(claim) || !/^[0-9a-f]{64}$/.test(claim.sub)) {
    throw new Problem(isTokenProblem(claim) && claim.problem === "malformed" ? 400 : 403, "This opt-out link is not valid: it is incomplete or was changed. Use the link exactly as it is in the email; nothing was changed.");
  }
  return claim.sub;
}

function noStore(c: Context) {
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex");
}

export const optout = new Hono<{ Bindings: Env }>();

/** An RFC 8058 body is `List-Unsubscribe=One-Click` (the page's button adds `via=page`): a few bytes. */
const MAX_OPTOUT_BYTES = 4 * 1024;
const limitOptoutBody = limitBody(
  MAX_OPTOUT_BYTES,
  `An opt-out request is at most ${MAX_OPTOUT_BYTES / 1024} KB; nothing was changed. Use the link or the button in the email as it is.`,
);

optout.get("/:token", async (c) => {
  const hash = await addressOf(c);
  noStore(c);
  if (await isSuppressed(c.env.DB, hash)) return c.html(await page(c.env, "You are opted out", "<p>This address already receives no survey invitations from us. Nothing more to do.</p>"));
  const body =
    "<p>Press the button to stop all survey invitations to the address this email was sent to, from every survey we run. " +
    "Nothing changes until you press it.</p>" +
    `<form method="post" action="${escapeHtml(new URL(c.req.url).pathname)}">` +
    '<input type="hidden" name="List-Unsubscribe" value="One-Click"><input type="hidden" name="via" value="page">' +
    "<button type=\"submit\">Stop invitations</button></form>";
  return c.html(await page(c.env, "Stop survey invitations?", body));
});

optout.post("/:token", limitOptoutBody, async (c) => {
  const hash = await addressOf(c);
  let via: "page" | "one-click" = "one-click";
  try {
    const form = await c.req.parseBody();
    if (form.via === "page") via = "page";
  } catch {
    /* RFC 8058 bodies are tiny forms; an unreadable one still opts out */
  }
  await addSuppression(c.env.DB, hash, via, new Date().toISOString());
  noStore(c);
  if (wantsJson(c)) return c.json({ opted_out: true });
  return c.html(await page(c.env, "You are opted out", "<p>Done: this address will receive no more survey invitations from us, from any survey.</p>"));
});
