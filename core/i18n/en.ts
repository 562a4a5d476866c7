/**
 * The interface's English words: every respondent-facing string that is not the
 * author's, keyed by name, with `{placeholders}` filled by `format` (core/i18n/strings.ts).
 * English is the fallback for every other language, and the shape every translation
 * must have (core/i18n/strings.test.ts checks keys and placeholders).
 *
 * This module is bundled by the survey page script (core/answers.ts takes its wording
 * from it); the other languages reach a page only as the JSON of that page's language.
 */
export const en = {
  // The survey page
  next: "Next",
  back: "Back",
  submit: "Send answers",
  progress: "Page {page} of {pages}",
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
  // The page script's status line
  sending: "Sending your answers…",
  failed: "Sorry, something went wrong ({status}). Please try again.",
  offline: "Your answers could not be sent: the connection seems to be down. They are kept on this page; please try again when you are back online.",
  seeMessages: "Some answers need another look: see the messages next to them.",
  linkRefused: "This personal link cannot be used.",
  linkUnlinked: "Your answers will not be linked to an invitation.",
  linkAnswered: "You have already answered this survey through your personal link. Thank you!",
  // Answer validation (core/answers.ts), shared by the page and the Worker
  needsAnswer: "This question needs an answer.",
  unknownField: "Unknown field: {fields}. This survey has no such question.",
  unknownFields: "Unknown fields: {fields}. This survey has no such question.",
  chooseOne: "Choose one of the options.",
  chooseGiven: "Choose from the options given.",
  chooseOnce: "Each option can be chosen once.",
  chooseAtLeast: "Choose at least {min}.",
  chooseAtMost: "Choose at most {max}.",
  enterText: "Enter text.",
  tooLong: "Keep it under {max} characters (this is {length}).",
  enterEmail: "Enter an email address like name@example.com.",
  checkFormat: "Check the format of this answer.",
  enterNumber: "Enter a number.",
  numberAtLeast: "Enter a number of at least {min}.",
  numberAtMost: "Enter a number of at most {max}.",
  wholeNumber: "Enter a whole number.",
  numberSteps: "Enter a number in steps of {step}.",
  rating: "Choose a rating from {low} to {high}.",
  eachRow: "Choose one option in each row.",
  notARow: "\"{row}\" is not a row of this question.",
  rowOption: "Choose one of the options for \"{row}\".",
  yesOrNo: "Choose yes or no.",
  enterDate: "Enter a date as YYYY-MM-DD.",
  dateFrom: "Enter a date on or after {min}.",
  dateUntil: "Enter a date on or before {max}.",
  consent: "Tick the box to give your consent.",
  otherMissing: "Please say what you mean by Other.",
  otherTooLong: "Keep it under {max} characters.",
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
  draft: "This survey is a draft and does not take answers yet.",
  opensOn: "This survey opens on {date}.",
  closedOn: "This survey closed on {date} and no longer takes answers.",
  unknownLanguage: "This survey is not offered in \"{language}\"; it is offered in {languages}.",
};

/** The names of the interface's words. */
export type StringKey = keyof typeof en;
/** One language's words: every key of the English table. */
export type Strings = Record<StringKey, string>;
