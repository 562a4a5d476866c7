/**
 * What the Worker writes into a built survey page as it serves it (routes.ts), with
 * HTMLRewriter, streaming: the page stays the static file the build made, and only these
 * elements change.
 *
 * The notices are in the page's language (`t`, core/i18n/; routes.ts knows it from the path).
 *
 * - A personal link that can be used: a hidden `_t` field in `#survey-form` (the form post
 *   reads it, worker/responses/routes.ts `readForm`) and the contact's fields in the
 *   `[data-pipe]` spans, as text (site/scripts/pipes.ts does the same with JavaScript).
 * - An invitation answered already: the fields piped, and the form replaced by the notice.
 * - A refused link: the notice (why, and that the answers will not be linked) in the
 *   form's status line; the survey still works, unlinked.
 * - Every `input[type=hidden][data-param]` takes the same-named query parameter, cut to
 *   core/personal-link.ts `HIDDEN_PARAM_MAX` characters; never the token's own `t`.
 *
 * @example
 *   personalise(page, { link: await personalLinkState(env, id, token, "de"), params: url.searchParams, t: stringsFor("de") })
 */
import type { Strings } from "../../core/i18n/en.ts";
import { ANSWERED_NOTICE_ID, hiddenParamValue, TOKEN_PARAM } from "../../core/personal-link.ts";
import { escapeHtml } from "../http/page.ts";
import type { PersonalLinkState } from "../invitations/links.ts";

/** The notice that takes the form's place; the page script writes the same (site/scripts/personal-link.ts). */
export const answeredNoticeHtml = (t: Pick<Strings, "linkAnswered">) => `<p class="notice" id="${ANSWERED_NOTICE_ID}" role="status">${escapeHtml(t.linkAnswered)}</p>`;

function fillPipes(rewriter: HTMLRewriter, fields: Record<string, string>): HTMLRewriter {
  return rewriter.on("[data-pipe]", {
    element(el) {
      const field = el.getAttribute("data-pipe") ?? "";
      const value = Object.hasOwn(fields, field) ? fields[field] : undefined;
      // setInnerContent escapes text; a field without a value keeps the fallback.
      if (value && value.trim()) el.setInnerContent(value);
    },
  });
}

function applyLink(rewriter: HTMLRewriter, link: PersonalLinkState, t: Pick<Strings, "linkAnswered">): HTMLRewriter {
  if (link.state === "refused") return rewriter.on("#survey-status", { element: (el) => void el.setInnerContent(link.notice) });
  fillPipes(rewriter, link.fields);
  if (link.state === "answered") return rewriter.on("#survey-form", { element: (el) => void el.replace(answeredNoticeHtml(t), { html: true }) });
  const stamp = `<input type="hidden" name="_t" value="${escapeHtml(link.token)}">`;
  return rewriter.on("#survey-form", { element: (el) => void el.prepend(stamp, { html: true }) });
}

/** The page with the link's state and the hidden fields' parameters written in. */
export function personalise(page: Response, o: { link?: PersonalLinkState | undefined; params: URLSearchParams; t: Pick<Strings, "linkAnswered"> }): Response {
  const rewriter = new HTMLRewriter().on("input[type=hidden][data-param]", {
    element(el) {
      const name = el.getAttribute("data-param") ?? "";
      const value = name === TOKEN_PARAM ? null : o.params.get(name);
      // setAttribute escapes `"` but not `&`: unescaped, a value like `&amp;` would be read back as `&`.
      if (value !== null) el.setAttribute("value", hiddenParamValue(value).replace(/&/g, "&amp;"));
    },
  });
  if (o.link) applyLink(rewriter, o.link, o.t);
  return rewriter.transform(page);
}
