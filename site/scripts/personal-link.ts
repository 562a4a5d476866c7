/**
 * Personal links from invitation emails, `/s/<id>/?t=<token>` (links sent before had
 * `#t=`, still read): the Worker has already served the page with the token in the form
 * and the contact's fields piped in (worker/pages/routes.ts), which is all a page without
 * JavaScript gets. This script takes the token out of the address bar (so it is not shared
 * by copying the URL), keeps it in sessionStorage for this tab, fetches the contact's fields
 * with POST /api/invitations/<id> (the token in the body, which no request log keeps) for
 * the thank-you page and for `#t=` links, and the survey script sends the token with the
 * answers, which links the response to the invitation (never for an anonymous survey: the
 * Worker decides). An invitation answered already gets the notice in the form's place, as
 * the Worker serves it.
 */
import type { PersonalLinkRequest } from "../../core/api/invitations.ts";
import { ANSWERED_NOTICE_ID, TOKEN_PARAM, unlinkedNotice } from "../../core/personal-link.ts";
import { fillPipes, readInvitation as read, writeInvitation as write } from "./pipes.ts";
import { t } from "./survey/strings.ts";

/** The token to send with the answers, if this tab came through a personal link. */
export function invitationToken(survey: string): string | undefined {
  return read(survey).t;
}

/** After the answers are stored: the token is spent; the fields stay for the thank-you page. */
export function spendToken(survey: string): void {
  write(survey, { fields: read(survey).fields });
}

/** The token in `?t=` (or after `#t=`, as links had it before), taken out of the address bar. */
export function takeToken(): string | undefined {
  const url = new URL(location.href);
  const hash = new URLSearchParams(url.hash.slice(1));
  const token = url.searchParams.get(TOKEN_PARAM) ?? hash.get(TOKEN_PARAM) ?? undefined;
  if (!token) return undefined;
  hash.delete(TOKEN_PARAM);
  url.hash = hash.size ? hash.toString() : "";
  // Deleting the last parameter drops the "?" as well; the rest of the address stays.
  url.searchParams.delete(TOKEN_PARAM);
  history.replaceState(history.state, "", url);
  return token;
}

/** The notice in the form's place: one response per invitation (the Worker serves the same, worker/pages/personalise.ts). */
function showAnswered(form: HTMLFormElement): void {
  const notice = document.createElement("p");
  notice.className = "notice";
  notice.id = ANSWERED_NOTICE_ID;
  notice.setAttribute("role", "status");
  notice.textContent = t.linkAnswered;
  form.replaceWith(notice);
}

/** Reads the token, pipes the contact's fields in, and reports a refused link or an invitation already answered. */
export async function openPersonalLink(survey: string, form: HTMLFormElement, say: (message: string) => void): Promise<void> {
  const fresh = takeToken();
  if (fresh) write(survey, { t: fresh });
  const stored = read(survey);
  fillPipes(stored.fields);
  if (!stored.t) return;
  try {
    const res = await fetch(`/api/invitations/${survey}`, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ token: stored.t, language: form.querySelector<HTMLInputElement>("input[name=_lang]")?.value } satisfies PersonalLinkRequest),
    });
    const body = (await res.json()) as { fields?: Record<string, string>; answered?: boolean; error?: string };
    if (!res.ok) {
      write(survey, {});
      // The Worker may have stamped the token into the form: it is not to be sent.
      form.querySelector("input[name=_t]")?.remove();
      // The Worker said why in the page's language (the request names it).
      return say(unlinkedNotice(body.error ?? t.linkRefused, t));
    }
    write(survey, { t: stored.t, fields: body.fields });
    fillPipes(body.fields);
    if (body.answered) showAnswered(form);
  } catch {
    /* offline: the token is kept and sent with the answers */
  }
}
