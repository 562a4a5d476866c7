import { describe, expect, it } from "vitest";
import { addressHash, ContactListError, languageProblems, offeredLanguage, pipingFields, readContactCsv, REJECT } from "./contacts.ts";
import { isEmailAddress as isDeliverableAddress, normaliseEmail } from "./email/address.ts";
import { headerValue } from "./email/mime.ts";

describe("normaliseEmail", () => {
  it("trims and lowercases, and keeps +tags and dots", () => {
    expect(normaliseEmail("  Al.B+News@Example.COM\u00a0")).toBe("al.b+news@example.com");
  });
  it("makes addresses that differ in case or spacing hash alike", async () => {
    expect(await addressHash(normaliseEmail(" EVE@example.com "))).toBe(await addressHash(normaliseEmail("eve@Example.com")));
    expect(await addressHash("eve@example.com")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("isDeliverableAddress", () => {
  it.each(["a@example.com", "a.b+c@sub.example.co.uk", "o'neil@example.ie"])("takes %s", (a) => expect(isDeliverableAddress(a)).toBe(true));
  it.each(["", "a", "a@b", "a@@b.com", "a b@c.com", "a@b..com", ".a@b.com", "a.@b.com", "a@-b.com", "a@b.123", "eve@x.com\r\nbcc: y@z.com", "\"a\"@b.com", "a@b.com,c@d.com", "<a@b.com>", "ü@b.com"])(
    "refuses %j",
    (a) => expect(isDeliverableAddress(a)).toBe(false),
  );
});

describe("readContactCsv", () => {
  it("reads a byte-order mark, CRLF line ends and quoted commas", () => {
    const list = readContactCsv('\uFEFFEmail,Name,Company\r\nal@example.com,"Smith, Al","Acme, Inc."\r\n');
    expect(list.rejected).toEqual([]);
    expect(list.contacts).toEqual([{ row: 2, normalised: "al@example.com", contact: { email: "al@example.com", name: "Smith, Al", company: "Acme, Inc.", fields: {} } }]);
  });

  it("detects a semicolon delimiter and keeps custom columns as piping fields", () => {
    const list = readContactCsv("email;name;Account Manager\nal@example.com;Al;Bea\n");
    expect(list.contacts[0]!.contact).toEqual({ email: "al@example.com", name: "Al", fields: { account_manager: "Bea" } });
  });

  it("reports invalid addresses, duplicates and missing addresses by row", () => {
    const list = readContactCsv("email,name\nal@example.com,Al\nnot-an-address,X\nAL@example.com ,Again\n,Nobody\n");
    expect(list.contacts.map((c) => c.row)).toEqual([2]);
    expect(list.rejected).toEqual([
      { row: 3, reason: REJECT.invalid, email: "not-an-address" },
      { row: 4, reason: REJECT.duplicate, email: "AL@example.com" },
      { row: 5, reason: REJECT.missingEmail },
    ]);
  });

  it("flattens line breaks inside quoted values so no name can carry one", () => {
    const list = readContactCsv('email,name\neve@example.com,"Eve\r\nBcc: x@y.com"\n');
    expect(list.contacts[0]!.contact.name).toBe("Eve Bcc: x@y.com");
  });

  it("refuses a list without an email column, or with an unusable header", () => {
    expect(() => readContactCsv("name,company\nAl,Acme\n")).toThrow(ContactListError);
    expect(() => readContactCsv("email,name,name\na@b.com,x,y\n")).toThrow(/twice/);
    expect(() => readContactCsv("email,link\na@b.com,x\n")).toThrow(/reserved/);
    expect(() => readContactCsv("")).toThrow(/empty/);
  });

  it("rejects rows with more cells than the header", () => {
    const list = readContactCsv("email,name\na@example.com,A,extra\n");
    expect(list.rejected).toEqual([{ row: 2, reason: REJECT.malformed }]);
  });
});

describe("control characters in a contact's fields", () => {
  it("C0 and C1 controls (U+0085, U+0081, U+009F, …) become spaces by the MIME builder's own rule, so every value can go into a header", () => {
    const csv = "email,name,company,account_manager\r\nal@example.com,Al\u0085Smith,Acme\u0081\u009fInc,Bo\u0080b\u2028B\r\n";
    const { contacts, rejected } = readContactCsv(csv);
    expect(rejected).toEqual([]);
    const { contact } = contacts[0]!;
    expect(contact).toMatchObject({ name: "Al Smith", company: "Acme Inc", fields: { account_manager: "Bo b B" } });
    for (const value of [contact.name!, contact.company!, contact.fields.account_manager!]) expect(() => headerValue(value)).not.toThrow();
  });
});

describe("a contact's language", () => {
  const list = "email,name,language\na@example.com,A,de\nb@example.com,B,\nc@example.com,C,it\nd@example.com,D, FR \n";

  it("is read from the language column, never as a field for piping", () => {
    const { contacts } = readContactCsv(list);
    expect(contacts.map((c) => c.contact.language)).toEqual(["de", undefined, "it", "FR"]);
    expect(pipingFields(contacts[0]!.contact)).toEqual({ name: "A" });
  });

  it("must be one the survey is offered in, any case; each other row is named with the languages offered", () => {
    expect(offeredLanguage(" FR ", ["en", "de", "fr"])).toBe("fr");
    expect(offeredLanguage("it", ["en", "de", "fr"])).toBeUndefined();
    const problems = languageProblems(readContactCsv(list).contacts, ["en", "de", "fr"]);
    expect(problems).toEqual({
      rows: { 4: 'language "it" is not one this survey is offered in (en, de, fr)' },
      message: 'No invitations were stored: row 4: language "it" is not one this survey is offered in (en, de, fr). Use one of en, de, fr in the language column, or leave it empty for en.',
    });
    expect(languageProblems(readContactCsv("email,language\na@example.com,de\n").contacts, ["en", "de"])).toBeUndefined();
  });

  it("names at most ten rows in the sentence, and counts the rest", () => {
    const many = "email,language\n" + Array.from({ length: 12 }, (_, i) => `p${i}@example.com,xx\n`).join("");
    const problems = languageProblems(readContactCsv(many).contacts, ["en"])!;
    expect(Object.keys(problems.rows)).toHaveLength(12);
    expect(problems.message).toContain("row 11: ");
    expect(problems.message).not.toContain("row 12: ");
    expect(problems.message).toContain("; and 2 more rows.");
  });
});

