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
  privacy: "Privacy",
  terms: "Terms",
  otherTextName: "{other}: your answer to “{question}”",
  rankHint: "Put these in order, first at the top: move each with its Up and Down buttons.",
  rankPositionsHint: "Give each a different position, 1 for the first.",
  rankUp: "Up",
  rankDown: "Down",
  rankMoveUp: "Move {item} up",
  rankMoveDown: "Move {item} down",
  noPosition: "–",
  noAnswer: "No answer",
  draftTitle: "Draft: not published.",
  draftNote: "Only this preview shows it; answers sent from here are not stored (set {code} to publish).",
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
  continueTo: "Continue to {host}",
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
  discarded: "Your answer to “{question}” was not kept: the question does not apply given your other answers.",
  pageMissing: "There is nothing at this address. The survey may have moved, or the link may be incomplete.",
  // Personal links (worker/invitations/links.ts): why one cannot be used, and the 409/410 pages
  // Refusals before the answers are read (worker/responses/routes.ts): the language is the survey's, or the browser's among them
  tooLargeTitle: "Too large",
  unreadableTitle: "Your answers could not be read",
  submissionTooLarge: "Your answers are larger than {kb} KB; please shorten the longest ones and send them again.",
  submissionUnreadable: "Your answers arrived damaged and could not be read. Go back and send them again.",
  usedTitle: "Already used",
  linkMalformed: "This personal link is incomplete or damaged. Copy the whole link from the email, or open the survey without it.",
  linkForged: "This personal link is not valid: it was changed after we sent it. Use the link exactly as it is in the email.",
  linkWrongPurpose: "This link is not a personal survey link.",
  linkWrongTarget: "This personal link belongs to another survey.",
  linkExpired: "This personal link has expired. You can still open the survey without it if it is open.",
  linkGone: "This invitation no longer exists. You can still open the survey without the personal link if it is open.",
  linkUsed: "This personal link has already been used to answer the survey; each invitation takes one response. Thank you!",
  // The pop-up (site/embed/popup.ts)
  close: "Close",
  popupFailed: "Your answers could not be sent. Please try again.",
  popupOffline: "Your answers could not be sent (no connection?). Please try again.",
  // The page script's words and the answer checks' messages (core/i18n/en-script.ts)
  ...enScript,
  ...enAnswers,
};

/** The names of the interface's words. */
export type StringKey = keyof typeof en;
/** One language's words: every key of the English table. */
export type Strings = Record<StringKey, string>;
