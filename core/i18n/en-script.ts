/**
 * The English words the survey page script carries: the answer checks' messages
 * (core/answers.ts, which the Worker runs too) and the script's own status line. Apart
 * from the rest of the table (core/i18n/en.ts) so the page bundles only these; a page in
 * another language gets the same keys in its language as JSON (site/scripts/survey/strings.ts).
 */

/** The answer checks' messages (core/answers.ts), shared by the page and the Worker. */
export const enAnswers = {
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
  // Format 1.1's controls (core/ranking.ts; the slider and "None" in core/answers.ts)
  none: "None of these",
  noneAlone: "\"{none}\" cannot be chosen together with other options.",
  slider: "Choose a value from {min} to {max}.",
  sliderSteps: "Choose a value from {min} to {max} in steps of {step}.",
  rankAll: "Put all {count} items in order, each once.",
  rankUnknown: "\"{item}\" is not one of the items to put in order.",
  rankRange: "Give each item a position from 1 to {count}.",
  rankMissingOne: "Give every item a position ({items} has none), or leave them all empty.",
  rankMissing: "Give every item a position ({items} have none), or leave them all empty.",
  rankClashTwo: "{items} and {last} are both in position {position}: give each a different position.",
  rankClash: "{items} and {last} are all in position {position}: give each a different position.",
};

/** The page script's own words: the progress text, the status line, a ranking's move announcement and a slider's unset text. */
export const enScript = {
  progress: "Page {page} of {pages}",
  sending: "Sending your answers…",
  failed: "Sorry, something went wrong ({status}). Please try again.",
  offline: "Your answers could not be sent: the connection seems to be down. They are kept on this page; please try again when you are back online.",
  seeMessages: "Some answers need another look: see the messages next to them.",
  linkRefused: "This personal link cannot be used.",
  linkUnlinked: "Your answers will not be linked to an invitation.",
  linkAnswered: "You have already answered this survey through your personal link. Thank you!",
  rankMoved: "{item}: now {position} of {count}.",
  sliderUnset: "Not answered: move the slider to answer.",
};

export type AnswerMessages = typeof enAnswers;
/** What the page script reads: the answer messages and its own. */
export type ScriptStrings = AnswerMessages & typeof enScript;
