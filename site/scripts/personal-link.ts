/**
 * Personal links from invitation emails, `/s/<id>/?t=<token>`: the token is kept in
 * sessionStorage for this tab (and taken out of the address bar, so it is not shared
 * by copying the URL or sent on as a Referer), the contact's fields are fetched from
 * GET /api/invitations/<id>/<token> and written into the page's `[data-pipe]` spans
 * as text, and the survey script sends the token with the answers, which links the
 * response to the invitation (never for an anonymous survey: the Worker decides).
 *
 * Without JavaScript the static page cannot read `?t=`: the survey still works, but
 * the answers arrive unlinked and the placeholders show their fallbacks.
 */
import { fillPipes, readInvitation as read, writeInvitation as write } from "./pipes.ts";

/** The token to send with the answers, if this tab came through a personal link. */
export function invitationToken(survey: string): string | undefined {
  return read(survey).t;
}

/** After the answers are stored: the token is spent; the fields stay for the thank-you page. */
export function spendToken(survey: string): void {
  write(survey, { fields: read(survey).fields });
}

/** Reads `?t=`, pipes the contact's fields in, and reports a refused link or an invitation already answered. */
export async function openPersonalLink(survey: string, say: (message: string) => void): Promise<void> {
  const url = new URL(location.href);
  const fresh = url.searchParams.get("t");
  if (fresh) {
    write(survey, { t: fresh });
    // Deleting the last parameter drops the "?" as well; the rest of the address stays.
    url.searchParams.delete("t");
    history.replaceState(history.state, "", url);
  }
  const stored = read(survey);
  fillPipes(stored.fields);
  if (!stored.t) return;
  try {
    const res = await fetch(`/api/invitations/${survey}/${encodeURIComponent(stored.t)}`, { headers: { Accept: "application/json" } });
    const body = (await res.json()) as { fields?: Record<string, string>; answered?: boolean; error?: string };
    if (!res.ok) {
      write(survey, {});
      return say(`${body.error ?? "This personal link cannot be used."} Your answers will not be linked to an invitation.`);
    }
    write(survey, { t: stored.t, fields: body.fields });
    fillPipes(body.fields);
    if (body.answered) say("You have already answered this survey through your personal link. Thank you!");
  } catch {
    /* offline: the token is kept and sent with the answers */
  }
}
