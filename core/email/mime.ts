/**
 * A small RFC 5322 / RFC 2045–2047 message builder for the one kind of mail Canvass
 * sends: a text and an HTML version of the same invitation (multipart/alternative).
 *
 * Why not a library: the maintained JavaScript builders we looked at (mimetext among
 * them) write custom header values and addresses as given, so a CR/LF in a name or a
 * subject would start a new header, and they emit encoded words longer than RFC 2047
 * allows. Here header injection is impossible by construction: every header value
 * passes `headerValue`, which refuses any control character, and every piece of text
 * that is not plain printable ASCII is written as RFC 2047 encoded words. An address
 * is written only when it passes the one address rule (core/email/address.ts), whose
 * characters are all safe in a header unquoted; `headerValue` still runs first, so a
 * line break is reported as the injection attempt it is.
 *
 * Bodies are base64 (RFC 2045): any text survives transport unchanged and no body
 * line can look like a boundary. Lines end with CRLF. Signing (DKIM) is the sending
 * provider's job; nothing here varies between the message signed and the one sent.
 *
 * @example
 *   buildMessage({ from: { name: "Acme", address: "s@acme.test" }, to: { address: "al@example.com" },
 *     subject: "Grüße", text: "Hi", html: "<p>Hi</p>", messageId: "k1@acme.test", date: new Date(), headers: [] })
 */
import { toHex } from "../hash.ts";
import { isEmailAddress } from "./address.ts";

export type Mailbox = { name?: string | undefined; address: string };

export type MessageParts = {
  from: Mailbox;
  to: Mailbox;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets: `left@right`. */
  messageId: string;
  date: Date;
  /** Further headers in order, e.g. List-Unsubscribe; values must be printable ASCII. */
  headers: [string, string][];
};

/** Thrown when a header would carry a line break or another control character. */
export class HeaderInjectionError extends Error {
  override name = "HeaderInjectionError";
}

const CRLF = "\r\n";
/** RFC 2047 §2: an encoded word is at most 75 characters. "=?UTF-8?B?" + "?=" leave 63; 60 base64 characters carry 45 bytes. */
const WORD_BYTES = 45;
const HEADER_NAME = /^[!-9;-~]+$/;
/**
 * The characters no header may carry: C0 and C1 controls (CR, LF, TAB, NEL, …), DEL and
 * the Unicode line and paragraph separators. The one definition: piped values and
 * uploaded contact fields are cleaned with `withoutControls` (core/piping.ts singleLine),
 * so nothing a contact list holds can be refused here.
 */
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Each run of the characters `headerValue` refuses becomes one space. */
export const withoutControls = (value: string): string => value.replace(CONTROL_RUNS, " ");
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ATOM_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*$/;

/** The one gate every header value passes: no CR, LF or other control character, ever. */
export function headerValue(value: string): string {
  if (withoutControls(value) !== value) throw new HeaderInjectionError("a header value may not contain line breaks or control characters");
  return value;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function base64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Splits text into pieces of at most `max` UTF-8 bytes without cutting a character in two. */
function chunksByBytes(text: string, max: number): string[] {
  const out: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of text) {
    const n = utf8(ch).length;
    if (size + n > max && current) {
      out.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  if (current) out.push(current);
  return out;
}

/** RFC 2047 encoded words (B encoding), folded onto continuation lines. */
export function encodedWords(text: string): string {
  return chunksByBytes(text, WORD_BYTES)
    .map((c) => `=?UTF-8?B?${base64(utf8(c))}?=`)
    .join(`${CRLF} `);
}

/** Unstructured text (a subject): as is when it is short printable ASCII, else encoded words. */
export function unstructured(text: string): string {
  headerValue(text);
  if (PRINTABLE_ASCII.test(text) && text.length <= 900 && !text.includes("=?")) return text;
  return encodedWords(text);
}

/** `name <address>`, the name quoted or encoded as needed. */
export function mailbox(m: Mailbox): string {
  headerValue(m.address);
  if (!isEmailAddress(m.address)) throw new HeaderInjectionError(`"${m.address.slice(0, 80)}" is not an address this builder writes`);
  const name = m.name === undefined ? "" : headerValue(m.name).trim();
  if (name === "") return m.address;
  if (ATOM_PHRASE.test(name) && !name.includes("=?")) return `${name} <${m.address}>`;
  if (PRINTABLE_ASCII.test(name) && !name.includes("=?")) return `"${name.replace(/(["\\])/g, "\\$1")}" <${m.address}>`;
  return `${encodedWords(name)} <${m.address}>`;
}

/** RFC 5322 date-time in UTC: `Tue, 01 Dec 2026 10:00:00 +0000`. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

function header(name: string, value: string): string {
  if (!HEADER_NAME.test(name)) throw new HeaderInjectionError(`"${name.slice(0, 40)}" is not a header name`);
  // Encoded words carry folding (CRLF + space) that this builder wrote itself; check the rest.
  headerValue(value.replaceAll(`${CRLF} `, " "));
  return `${name}: ${value}${CRLF}`;
}

/** Text in canonical form (RFC 2046 §4.1.1: CRLF line ends), base64 in lines of 76. */
function base64Body(text: string): string {
  return (base64(utf8(text.replace(/\r?\n/g, CRLF))).match(/.{1,76}/g) ?? []).join(CRLF);
}

function boundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `=_canvass_${toHex(bytes)}`;
}

/** The whole message, CRLF line ends, ready for a provider that takes raw MIME (or for the outbox). */
export function buildMessage(m: MessageParts): string {
  const b = boundary();
  const headers = [
    header("From", mailbox(m.from)),
    header("To", mailbox(m.to)),
    header("Subject", unstructured(m.subject)),
    header("Date", rfc5322Date(m.date)),
    header("Message-ID", `<${headerValue(m.messageId)}>`),
    header("MIME-Version", "1.0"),
    ...m.headers.map(([name, value]) => {
      if (!PRINTABLE_ASCII.test(value)) throw new HeaderInjectionError(`the ${name} header must be printable ASCII`);
      return header(name, value);
    }),
    header("Content-Type", `multipart/alternative; boundary="${b}"`),
  ].join("");
  const part = (type: string, body: string) =>
    `--${b}${CRLF}Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Body(body)}${CRLF}`;
  return `${headers}${CRLF}${part("text/plain", m.text)}${part("text/html", m.html)}--${b}--${CRLF}`;
}
