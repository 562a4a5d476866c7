/**
 * The invitation feature's public routes. Opt-out lives here rather than in a feature of
 * its own: its suppression list is read by the upload, the reminders and the consumer in
 * the same SQL as contacts and invitations (store.ts), and its links are made with theirs.
 *
 * Personal links, `POST /api/invitations/<survey>` with `{"token"}` → `{"fields": {"name",
 * "company", "location", …custom}, "answered": false}` (never the address: the page needs
 * none, and a forwarded link should not reveal it). The token travels in the body, not
 * the path, because the platform logs every request's URL and never its body; the email's
 * link carries it after `#`, which browsers never send (site/scripts/personal-link.ts).
 * A bad token is a 4xx that says what is wrong.
 *
 * Opt-out links, `/api/optout/<token>`, as every invitation carries them in its body
 * and in `List-Unsubscribe` (RFC 2369) with `List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click` (RFC 8058). The token names an opaque id (store.ts
 * `optout_keys`); links sent before that named the address's bare SHA-256 and still work.
 *
 * - GET shows a page with a button and changes nothing: mail scanners and link
 *   previewers fetch links, and must not opt anyone out.
 * - POST (the mail client's one-click request, or the page's button) adds the
 *   address's keyed hash to the suppression list and answers with a page, not a
 *   redirect (RFC 8058 §3.2: the POST must not need a redirect or a cookie to work).
 *
 * Suppression is global: an address that opts out gets no invitation from any survey.
 */
import { Hono, type Context } from "hono";
import { isTokenProblem, verifyToken } from "../../core/tokens.ts";
import type { PersonalLinkAnswer } from "../../core/api/invitations.ts";
import { config } from "../config.ts";
import { limitBody, readJsonBody } from "../http/body.ts";
import { escapeHtml, page } from "../http/page.ts";
import { Problem, wantsJson } from "../http/problems.ts";
import { invitationForToken, invitationOr410, suppressionHashOf } from "./links.ts";
import { addressOfLegacyHash, addSuppression, isSuppressed, pipingFieldsOf, rekeySuppressions, suppressionHashOfOptout } from "./store.ts";

export const personalLinks = new Hono<{ Bindings: Env }>();

/** A personal-link token is a few hundred bytes; the body is `{"token": "…"}`. */
const MAX_LINK_BYTES = 2048;

personalLinks.post("/:survey", limitBody(MAX_LINK_BYTES, `Send {"token": "…"}: at most ${MAX_LINK_BYTES} bytes.`), async (c) => {
  const surveyId = c.req.param("survey");
  const body = await readJsonBody(c, 'Send {"token": "<the token from the personal link>"} as JSON.');
  const token = typeof body === "object" && body !== null && "token" in body ? body.token : undefined;
  if (typeof token !== "string") throw new Problem(422, 'Send {"token": "<the token from the personal link>"} as JSON.');
  // The page's language words a refusal (core/i18n/: a language without a table reads English).
  const language = typeof body === "object" && body !== null && "language" in body && typeof body.language === "string" ? body.language.slice(0, 35) : undefined;
  const id = await invitationForToken(c.env, surveyId, token, language);
  const row = await invitationOr410(c.env.DB, id, surveyId, language);
  c.header("Cache-Control", "no-store");
  return c.json({ fields: pipingFieldsOf(row), answered: row.answered_at !== null } satisfies PersonalLinkAnswer);
});

/** What an opt-out link stands for: every hash of its address to look for, and the one to write. */
type OptoutTarget = { check: string[]; write: string; keyed: boolean; legacy?: string };

const INVALID_OPTOUT = "This opt-out link is not valid: it is incomplete or was changed. Use the link exactly as it is in the email; nothing was changed.";

async function targetOf(c: Context<{ Bindings: Env }>): Promise<OptoutTarget> {
  const claim = await verifyToken(c.req.param("token") ?? "", config(c.env).signingKey, { purpose: "optout" });
  if (isTokenProblem(claim)) throw new Problem(claim.problem === "malformed" ? 400 : 403, INVALID_OPTOUT);
  // Links sent before the keyed hash named the address's bare SHA-256. They never expire, so
  // they still work: keyed when the address is still held, else by that old hash (store.ts).
  if (/^[0-9a-f]{64}$/.test(claim.sub)) {
    const email = await addressOfLegacyHash(c.env.DB, claim.sub);
    if (!email) return { check: [claim.sub], write: claim.sub, keyed: false };
    const keyed = await suppressionHashOf(c.env, email);
    return { check: [keyed, claim.sub], write: keyed, keyed: true, legacy: claim.sub };
  }
  const keyed = await suppressionHashOfOptout(c.env.DB, claim.sub);
  if (!keyed) throw new Problem(410, "This opt-out link names no address we hold any more, so nothing was changed. If an invitation still reaches you, use the opt-out link in that email.");
  return { check: [keyed], write: keyed, keyed: true };
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
  const target = await targetOf(c);
  noStore(c);
  if (await isSuppressed(c.env.DB, ...target.check)) return c.html(await page(c.env, "You are opted out", "<p>This address already receives no survey invitations from us. Nothing more to do.</p>"));
  const body =
    "<p>Press the button to stop all survey invitations to the address this email was sent to, from every survey we run. " +
    "Nothing changes until you press it.</p>" +
    `<form method="post" action="${escapeHtml(new URL(c.req.url).pathname)}">` +
    '<input type="hidden" name="List-Unsubscribe" value="One-Click"><input type="hidden" name="via" value="page">' +
    "<button type=\"submit\">Stop invitations</button></form>";
  return c.html(await page(c.env, "Stop survey invitations?", body));
});

optout.post("/:token", limitOptoutBody, async (c) => {
  const target = await targetOf(c);
  let via: "page" | "one-click" = "one-click";
  try {
    const form = await c.req.parseBody();
    if (form.via === "page") via = "page";
  } catch {
    /* RFC 8058 bodies are tiny forms; an unreadable one still opts out */
  }
  await addSuppression(c.env.DB, target.write, via, new Date().toISOString(), target.keyed);
  if (target.legacy) await rekeySuppressions(c.env.DB, [{ hash: target.legacy, keyed: target.write }]);
  noStore(c);
  if (wantsJson(c)) return c.json({ opted_out: true });
  return c.html(await page(c.env, "You are opted out", "<p>Done: this address will receive no more survey invitations from us, from any survey.</p>"));
});
