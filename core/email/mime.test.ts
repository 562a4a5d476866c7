import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { buildMessage, encodedWords, HeaderInjectionError, headerValue, mailbox, type MessageParts } from "./mime.ts";

const base: MessageParts = {
  from: { name: "Canvass", address: "surveys@example.com" },
  to: { name: "Al", address: "al@example.com" },
  subject: "Hello",
  text: "Hi Al\nLine two",
  html: "<p>Hi Al</p>",
  messageId: "inv-1@example.com",
  date: new Date("2026-12-01T10:00:00Z"),
  headers: [["List-Unsubscribe", "<https://x.test/api/optout/t>"], ["List-Unsubscribe-Post", "List-Unsubscribe=One-Click"]],
};

describe("buildMessage", () => {
  it("writes CRLF lines that a MIME parser reads back", async () => {
    const raw = buildMessage({ ...base, subject: "Grüße aus Köln — ein sehr langer Betreff, der über mehrere kodierte Wörter geht", to: { name: "Zoë Ñúñez", address: "z@example.com" } });
    expect(raw.split("\r\n").every((l) => l.length <= 998 && !l.includes("\n"))).toBe(true);
    const mail = await PostalMime.parse(raw);
    expect(mail.subject).toBe("Grüße aus Köln — ein sehr langer Betreff, der über mehrere kodierte Wörter geht");
    expect(mail.to?.[0]).toMatchObject({ name: "Zoë Ñúñez", address: "z@example.com" });
    expect(mail.text?.replace(/\r\n/g, "\n")).toBe("Hi Al\nLine two");
    expect(mail.html).toBe("<p>Hi Al</p>");
    expect(mail.messageId).toBe("<inv-1@example.com>");
    expect(mail.headers.find((h) => h.key === "list-unsubscribe-post")?.value).toBe("List-Unsubscribe=One-Click");
  });

  it("keeps every encoded word within 75 characters", () => {
    for (const word of encodedWords("ü".repeat(200)).split("\r\n ")) expect(word.length).toBeLessThanOrEqual(75);
  });

  it("makes header injection impossible: CR or LF in any header value is refused", () => {
    expect(() => buildMessage({ ...base, subject: "Hi\r\nBcc: x@y.com" })).toThrow(HeaderInjectionError);
    expect(() => buildMessage({ ...base, to: { name: "Eve\r\nBcc: x@y.com", address: "eve@example.com" } })).toThrow(HeaderInjectionError);
    expect(() => buildMessage({ ...base, to: { address: "eve@example.com\r\nBcc: x@y.com" } })).toThrow(HeaderInjectionError);
    expect(() => buildMessage({ ...base, headers: [["X-A", "b\nc"]] })).toThrow(HeaderInjectionError);
    expect(() => buildMessage({ ...base, headers: [["Bad Name", "x"]] })).toThrow(HeaderInjectionError);
    expect(() => headerValue("a\u2028b")).toThrow(HeaderInjectionError);
  });

  it("quotes or encodes display names that are not plain words", () => {
    expect(mailbox({ name: "Smith, Al", address: "al@example.com" })).toBe('"Smith, Al" <al@example.com>');
    expect(mailbox({ name: 'Al "the" Pal', address: "al@example.com" })).toBe('"Al \\"the\\" Pal" <al@example.com>');
    expect(mailbox({ name: "Zoë", address: "z@example.com" })).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <z@example.com>$/);
  });
});
