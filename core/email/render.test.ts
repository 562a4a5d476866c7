import { describe, expect, it } from "vitest";
import { DEFAULT_INVITATION, defaultInvitation, reminderTemplate, renderInvitation, type RenderInput } from "./render.ts";

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

  it("writes the default text, the reminder line and the footer in the contact's language, from the strings table", () => {
    const de = renderInvitation({ ...input, template: defaultInvitation("de"), fields: { name: "Bernd" }, language: "de" });
    expect(de.subject).toBe("Feedback: Hätten Sie zwei Minuten Zeit?");
    expect(de.text).toContain("Hallo Bernd,");
    expect(de.text).toContain("-- \nSie erhalten diese Nachricht, weil Sie mit Acme in Kontakt stehen; wir laden Sie in dessen Auftrag ein.\nKeine Umfrage-Einladungen mehr an diese Adresse: https://x.test/api/optout/xyz\n");
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain('<a href="https://x.test/api/optout/xyz">Keine Umfrage-Einladungen mehr an diese Adresse senden</a>');
    const panel = renderInvitation({ ...input, source: "panel", language: "fr" });
    expect(panel.text).toContain("Vous recevez ce message parce que vous avez rejoint un panel d’enquêtes mené pour Acme.");
    const reminder = reminderTemplate(defaultInvitation("es"), undefined, "es");
    expect(reminder.subject).toBe("Recordatorio: {{survey_title}}: ¿tiene dos minutos?");
    expect(reminder.text.startsWith("Un breve recordatorio, por si nuestro primer mensaje se perdió.\n\n¡Hola, {{name|buenos días}}!")).toBe(true);
  });

  it("stays English without a language, and for a language Canvass has no words for", () => {
    expect(renderInvitation({ ...input, language: "it" }).text).toContain("To stop all survey invitations to this address: https://x.test/api/optout/xyz");
    expect(defaultInvitation("it")).toEqual(DEFAULT_INVITATION);
  });
});

