import { describe, expect, it } from "vitest";
import { DEFAULT_INVITATION, reminderTemplate, renderInvitation, type RenderInput } from "./render.ts";

const input: RenderInput = {
  template: { subject: "{{name|Hello}}, a question from {{company|us}}", text: "Hi {{name|there}},\n\nPlease answer: {{link}}" },
  surveyTitle: "Feedback",
  fields: { name: "<b>Al</b>", company: "Acme & Co" },
  link: "https://x.test/s/feedback/?t=abc",
  optoutLink: "https://x.test/api/optout/xyz",
  client: "Acme",
  source: "client",
};

describe("renderInvitation", () => {
  it("pipes fields into subject and text, and escapes them in HTML", () => {
    const r = renderInvitation(input);
    expect(r.subject).toBe("<b>Al</b>, a question from Acme & Co");
    expect(r.text).toContain("Hi <b>Al</b>,\n\nPlease answer: https://x.test/s/feedback/?t=abc");
    expect(r.html).toContain("Hi &lt;b&gt;Al&lt;/b&gt;,");
    expect(r.html).toContain('<a href="https://x.test/s/feedback/?t=abc">');
    expect(r.html).not.toContain("<b>Al</b>");
  });

  it("always carries a visible opt-out link, whatever the template says", () => {
    const r = renderInvitation({ ...input, template: { subject: "s", text: "no links here" } });
    expect(r.text).toContain("https://x.test/api/optout/xyz");
    expect(r.text).toContain("https://x.test/s/feedback/?t=abc");
    expect(r.html).toContain('href="https://x.test/api/optout/xyz"');
  });

  it("flattens a line break in a field so no subject can span two lines", () => {
    expect(renderInvitation({ ...input, fields: { name: "Eve\r\nBcc: x@y.com" } }).subject).toBe("Eve Bcc: x@y.com, a question from us");
  });

  it("lets no contact field replace the personal link", () => {
    expect(renderInvitation({ ...input, fields: { link: "https://evil.test" } }).text).not.toContain("evil");
  });

  it("has a default template and a reminder form of it", () => {
    const r = renderInvitation({ ...input, template: DEFAULT_INVITATION, fields: {} });
    expect(r.subject).toBe("Feedback: could you spare two minutes?");
    expect(r.text).toContain("Hello there,");
    const reminder = renderInvitation({ ...input, template: reminderTemplate(DEFAULT_INVITATION, { count: 1, every_days: 3 } as never) });
    expect(reminder.subject).toMatch(/^Reminder: /);
  });
});
