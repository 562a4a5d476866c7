/**
 * The interface's English words: every respondent-facing string that is not the
 * author's, keyed by name, with `{placeholders}` filled by `format` (core/i18n/strings.ts).
 * English is the fallback for every other language, and the shape every translation
 * must have (core/i18n/strings.test.ts checks keys and placeholders).
 *
 * The words the survey page script needs are in core/i18n/en-script.ts, so the page
 * bundles only those; the other languages reach a page only as the JSON of its language.
 */
import { enAnswers, enScript } from "./en-script.ts";

export const en = {
  // The survey page
  next: "Next",
  back: "Back",
  submit: "Send answers",
  yes: "Yes",
  no: "No",
  other: "Other, please specify",
  specify: "Please specify",
  choose: "Choose…",
  required: "required",
  hintExactly: "Choose {min}.",
  hintRange: "Choose {min} to {max}.",
  hintAtLeast: "Choose at least {min}.",
  hintUpTo: "Choose up to {max}.",
  npsLow: "Not at all likely",
  npsHigh: "Extremely likely",
  openRange: "Open from {from} to {to}.",
  openFrom: "Open from {from}.",
  openUntil: "Open until {to}.",
  closedNotice: "This survey has closed and no longer takes answers.",
  interest: "Thank you for your interest.",
  seeOpen: "See the surveys that are open",
  language: "Language",
  // The thank-you page
  thanksTitle: "Thank you – {title}",
  thanksDefault: "Thank you for your answers.",
  // Invitation emails (core/email/render.ts): the default text (`{{…}}` are the template's fields) and the footer
  emailSubject: "{{survey_title}}: could you spare two minutes?",
  emailText: "Hello {{name|there}},\n\n{{company|We}} would value your answers to a short survey, {{survey_title}}. It takes about two minutes.\n\n{{link}}\n\nThank you!",
  emailReminderSubject: "Reminder: {subject}",
  emailReminderLine: "A short reminder, in case our first message got buried.",
  emailWhyClient: "You are receiving this because you are in touch with {client}, who asked us to invite you.",
  emailWhyPanel: "You are receiving this because you joined a survey panel run for {client}.",
  emailStopText: "To stop all survey invitations to this address: {link}",
  emailStopLink: "Stop all survey invitations to this address",
  // The Worker's pages for a survey (worker/http/problems.ts, core/availability.ts)
  reviewTitle: "Some answers need another look",
  review: "Some answers need another look.",
  otherShort: "Other",
  theForm: "The form",
  backToSurvey: "Go back to the survey",
  backKeeps: "(your browser's back button keeps your answers).",
  closedTitle: "Closed",
  unavailableTitle: "Not available",
  notFoundTitle: "Not found",
  opensOn: "This survey opens on {date}.",
  closedOn: "This survey closed on {date} and no longer takes answers.",
  unknownLanguage: "This survey is not offered in \"{language}\"; it is offered in {languages}.",
  // The page script's words and the answer checks' messages (core/i18n/en-script.ts)
  ...enScript,
  ...enAnswers,
};

/** The names of the interface's words. */
export type StringKey = keyof typeof en;
/** One language's words: every key of the English table. */
export type Strings = Record<StringKey, string>;
