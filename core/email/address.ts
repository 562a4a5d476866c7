/**
 * The one rule for an email address, used wherever Canvass takes one: contact lists
 * (core/contacts.ts), email answers (core/answers.ts, in the page script and the
 * Worker alike), white-paper requests (core/papers.ts) and every mailbox the MIME
 * builder writes (core/email/mime.ts). No zod, so the page script can bundle it.
 *
 * Deliberately plain and ASCII-only: a dot-atom local part (RFC 5322 atext, at most 64
 * characters, no leading, trailing or doubled dot), a domain of at least two
 * letter-digit-hyphen labels (RFC 1035: 1 to 63 characters, no hyphen at either end)
 * whose last is not all digits, at most 254 characters in all (RFC 5321's path limit).
 * Nothing that could break a To: header (space, quote, comma, angle bracket, CR, LF)
 * can pass. Internationalised addresses (SMTPUTF8) are refused for now: few providers
 * take them.
 *
 * Normalising (`normaliseEmail`) trims and lowercases, nothing more: `+tags` and dots
 * are kept, because whether `a.b+x@host` reaches the same mailbox as `ab@host` is the
 * receiving domain's business. Lowercasing the local part is the one liberty taken; it
 * can only make an opt-out match more addresses, never fewer.
 *
 * @example
 *   isEmailAddress("a.b+news@Example.co.uk") // true
 *   isEmailAddress("a@localhost")            // false: one label
 *   normaliseEmail(" Al@Example.COM ")       // "al@example.com"
 */

/** Longest address SMTP carries (RFC 5321: 254 in a path). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * The rule above as one expression, read left to right: at most 64 characters before the
 * `@`; atext words joined by single dots; labels (a letter or digit, then up to 61 of
 * them or hyphens, ending in a letter or digit) each followed by a dot; a last label that
 * is not all digits. `\w` is `[A-Za-z0-9_]`, and the `i` flag makes the labels' `[a-z\d]`
 * take capitals. No lookbehind: Safari before 16.4 cannot parse one, and this runs in
 * the page script.
 */
const ADDRESS = /^(?=[^@]{1,64}@)[\w!#$%&'*+/=?^`{|}~-]+(\.[\w!#$%&'*+/=?^`{|}~-]+)*@([a-z\d]([a-z\d-]{0,61}[a-z\d])?\.)+(?!\d+$)[a-z\d]([a-z\d-]{0,61}[a-z\d])?$/i;

/** True when `text`, exactly as given (trim it first), is an address Canvass accepts and will send to. */
export function isEmailAddress(text: string): boolean {
  return text.length <= MAX_EMAIL_LENGTH && ADDRESS.test(text);
}

/** Trim (Unicode spaces included) and lowercase. See the module comment for what is not done. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}
