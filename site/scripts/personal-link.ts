/**
 * Personal links from invitation emails, `/s/<id>/#t=<token>` (links sent before had
 * `?t=`, still read): the token is kept in sessionStorage for this tab (and taken out of
 * the address bar, so it is not shared by copying the URL or sent on as a Referer), the
 * contact's fields are fetched with POST /api/invitations/<id> (the token in the body,
 * which no request log keeps; after `#` the browser never sent it anywhere) and written
 * into the page's `[data-pipe]` spans as text, and the survey script sends the token
 * with the answers, which links the response to the invitation (never for an anonymous
 * survey: the Worker decides).
 *
 * Without JavaScript the static page cannot read the token: the survey still works, but
 * the answers arrive unlinked and the placeholders show their fallbacks.
 */
import type { PersonalLinkRequest } from "../../core/api/invitations.ts";
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

/** The token after `#t=` (or in `?t=`, as links had it before), taken out of the address bar. */
function takeToken(): string | undefined {
  const url = new URL(location.href);
  const hash = new URLSearchParams(url.hash.slice(1));
  const token = hash.get("t") ?? url.searchParams.get("t") ?? undefined;
  if (!token) return undefined;
  hash.delete("t");
  url.hash = hash.size ? hash.toString() : "";
  // Deleting the last parameter drops the "?" as well; the rest of the address stays.
  url.searchParams.delete("t");
  history.replaceState(history.state, "", url);
  return token;
}

/** Reads the token, pipes the contact's fields in, and reports a refused link or an invitation already answered. */
export async function openPersonalLink(survey: string, say: (message: string) => void): Promise<void> {
  const fresh = takeToken();
  if (fresh) write(survey, { t: fresh });
  const stored = read(survey);
  fillPipes(stored.fields);
  if (!stored.t) return;
  try {
    const res = await fetch(`/api/invitations/${survey}`, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ token: stored.t } satisfies PersonalLinkRequest),
    });
    const body = (await res.json()) as { fields?: Record<string, string>; answered?: boolean; error?: string };
    if (!res.ok) {
      write(survey, {});
      return say(`${body.error ?? t.linkRefused} ${t.linkUnlinked}`);
    }
    write(survey, { t: stored.t, fields: body.fields });
    fillPipes(body.fields);
    if (body.answered) say(t.linkAnswered);
  } catch {
    /* offline: the token is kept and sent with the answers */
  }
}
