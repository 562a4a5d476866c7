import { describe, expect, it } from "vitest";
import { validateAnswers } from "../answers.ts";
import { compileSurvey } from "../compile.ts";
import { SurveyDefinition } from "../model.ts";
import { validateLeadRequest } from "../leads.ts";
import { judgeRecord } from "../contacts.ts";
import { isEmailAddress } from "./address.ts";
import { mailbox } from "./mime.ts";

/** Addresses the three former rules disagreed on, with what the one rule says now. */
const TAKEN = ["a@b.c", "x@y.c1", "a!b@example.com", "o'neil@example.ie", "a.-b@example.com", "Al@Example.COM", `${"a".repeat(64)}@example.com`];
const REFUSED = [
  "a..b@example.com", ".a@example.com", "a.@example.com", // dots the local part may not have
  "a@b", "a@localhost", "a@b..com", "a@-b.com", "a@b-.com", "a@b.123", // domains no mail reaches
  "josé@example.com", "a@exämple.com", // internationalised: refused for now
  "a b@example.com", "\"a\"@example.com", "a@b.com,c@d.com", "<a@b.com>", "eve@x.com\r\nbcc: y@z.com", // unsafe in a header
  `${"a".repeat(65)}@example.com`, `a@${"b".repeat(64)}.com`, `a@${"b.".repeat(125)}com`, // too long
];

describe("one email rule for contacts, answers, paper requests and the MIME builder", () => {
  it.each(TAKEN)("takes %j everywhere", async (address) => {
    expect(isEmailAddress(address)).toBe(true);
    expect(judgeRecord(2, { email: address }, new Set())).toHaveProperty("contact");
    expect(validateAnswers(await emailSurvey(), { e: address })).toMatchObject({ ok: true });
    expect(validateLeadRequest({ fields: ["email"] }, { email: address })).toMatchObject({ ok: true });
    expect(mailbox({ address })).toBe(address);
  });

  it.each(REFUSED)("refuses %j everywhere", async (address) => {
    expect(isEmailAddress(address)).toBe(false);
    expect(judgeRecord(2, { email: address }, new Set())).toHaveProperty("reason");
    expect(validateAnswers(await emailSurvey(), { e: address })).toMatchObject({ ok: false });
    expect(validateLeadRequest({ fields: ["email"] }, { email: address })).toMatchObject({ ok: false });
    expect(() => mailbox({ address })).toThrow();
  });

  it("lets answers and paper requests trim the address before judging it", async () => {
    expect(validateAnswers(await emailSurvey(), { e: "  al@example.com " })).toEqual({ ok: true, answers: { e: "al@example.com" } });
    expect(validateLeadRequest({ fields: ["email"] }, { email: " al@example.com " })).toMatchObject({ ok: true, lead: { email: "al@example.com" } });
  });
});

async function emailSurvey() {
  const result = await compileSurvey("t", SurveyDefinition.parse({ title: "T", questions: [{ id: "e", type: "email", label: "Email" }] }));
  if (!result.ok) throw new Error("fixture must compile");
  return result.published;
}
