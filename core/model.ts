/**
 * The survey model: one zod schema for what an author writes (YAML or Markdown
 * front matter plus body) and for the normalised definition the build publishes.
 *
 * Normalisation is idempotent — parsing an already normalised definition returns
 * it unchanged — so the Worker validates the published JSON with this same schema
 * and there is no second, hand-written description of a survey anywhere.
 *
 * This is a schema module: it imports zod, so browser code takes only its types
 * (`import type`). The constants and helpers skip logic needs are in core/survey.ts.
 *
 * @example
 *   const survey = SurveyDefinition.parse({ title: "Hi", questions: [{ id: "ok", type: "yesno", label: "OK?" }] });
 *   survey.pages[0].questions[0].required // false
 */
import { z } from "zod";
import { isDay } from "./days.ts";
import { INTERCEPT_COOKIE, INTERCEPT_ORIGIN } from "./intercept.ts";
import { BLOCK_TYPES, QUESTION_TYPES } from "./survey.ts";

/** A survey's id is its file name: lowercase letters, digits and dashes. */
export const SurveyId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a survey id uses lowercase letters, digits and single dashes (like customer-feedback)");
export type SurveyId = z.infer<typeof SurveyId>;

/** A question's id names its answer in responses and in `show_if` expressions. */
export const QuestionId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "a question id starts with a lowercase letter, then lowercase letters, digits or _");

/** A client's id (canvass.config.ts `clients`), as surveys and papers name it in `client:`. */
export const ClientId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, "a client id starts with a lowercase letter, then up to 39 lowercase letters, digits or dashes");

/** ISO calendar date, `YYYY-MM-DD`. YAML 1.2 keeps unquoted dates as strings, which is what we want. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date is written YYYY-MM-DD")
  .refine(isDay, "not a real calendar date");

/** A choice is written as a string (value and label alike) or as `{ value, label }`. */
const ChoiceObject = z.strictObject({
  /** What is stored in responses and compared in `show_if`. */
  value: z.union([z.string(), z.number().transform(String)]).pipe(z.string().trim().min(1, "a choice value cannot be empty")),
  /** What respondents read; defaults to the value. */
  label: z.string().trim().min(1).optional(),
});
export const Choice = z
  .union([z.string().trim().min(1, "a choice cannot be empty"), z.number().transform(String), ChoiceObject])
  .transform((c) => (typeof c === "string" ? { value: c, label: c } : { value: c.value, label: c.label ?? c.value }));
export type Choice = z.output<typeof Choice>;

const Choices = z.array(Choice).min(1, "a choice list cannot be empty");

/** Fields every question has. */
const QuestionBase = {
  /** Unique in the survey; names the answer. */
  id: QuestionId,
  /** The question as respondents read it; may hold `{{name}}` placeholders filled from the invitation. */
  label: z.string().trim().min(1, "a question needs a label"),
  /** Optional help shown under the label (Markdown). */
  help: z.string().optional(),
  /** A required question must be answered, unless `show_if` hides it. */
  required: z.boolean().default(false),
  /** Shown only when this expression over earlier answers is true; hidden answers are discarded. */
  show_if: z.string().trim().min(1).optional(),
  /**
   * The industry benchmark this question's answers count towards (core/results/benchmarks.ts):
   * `nps` (an nps question), `csat` (a rating question) or a metric name of your own (a number,
   * rating or nps question). compile.ts checks the type.
   */
  benchmark: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "a benchmark is nps, csat or a metric name in lowercase letters, digits and dashes (like effort-score)").optional(),
};

/** Choice questions may add "Other, please specify". */
const ChoiceBase = {
  ...QuestionBase,
  choices: Choices,
  /** Adds an "Other, please specify" choice whose text is stored under `<id>_other`. */
  other: z.boolean().default(false),
  /** The words of that choice instead of "Other, please specify" (the stored value stays `Other`). */
  other_label: z.string().trim().min(1, "other_label cannot be empty").max(200).optional(),
};

/**
 * A regular expression the whole answer must match (JavaScript syntax, no flags, no `^`/`$`
 * needed), checked at build time for catastrophic backtracking (core/pattern.ts).
 */
const TextRule = {
  pattern: z.string().min(1, "a pattern cannot be empty").optional(),
  /** What respondents read when the answer does not match `pattern`. */
  message: z.string().trim().min(1, "a message cannot be empty").max(300).optional(),
};

/**
 * Shuffles the choices per respondent (the page script; "Other" and "None" stay last), recorded with the response.
 * Optional rather than defaulted, so surveys without it publish exactly as before (same hash).
 */
const Randomize = { randomize: z.boolean().optional() };

export const SingleQuestion = z.strictObject({ ...ChoiceBase, ...Randomize, type: z.literal("single") });
export const DropdownQuestion = z.strictObject({
  ...ChoiceBase,
  ...Randomize,
  type: z.literal("dropdown"),
  /** The empty first entry of the list, instead of "Choose…". */
  placeholder: z.string().trim().min(1).optional(),
});
export const MultipleQuestion = z.strictObject({
  ...ChoiceBase,
  ...Randomize,
  type: z.literal("multiple"),
  /** Fewest selections when answered. */
  min: z.int().min(0).optional(),
  /** Most selections. */
  max: z.int().min(1).optional(),
  /** Adds an exclusive last choice, stored as `None` (core/survey.ts NONE_VALUE), never chosen with another. */
  none: z.boolean().optional(),
  /** The words of that choice instead of "None of these" (the stored value stays `None`); needs `none: true`. */
  none_label: z.string().trim().min(1, "none_label cannot be empty").max(200).optional(),
});
export const TextQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal("text"),
  placeholder: z.string().optional(),
  ...TextRule,
  /** Longest answer in characters. */
  max_length: z.int().min(1).max(10_000).default(500),
});
export const TextareaQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal("textarea"),
  placeholder: z.string().optional(),
  ...TextRule,
  max_length: z.int().min(1).max(20_000).default(5_000),
});
export const EmailQuestion = z.strictObject({ ...QuestionBase, type: z.literal("email"), placeholder: z.string().optional(), ...TextRule });
export const NumberQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal("number"),
  placeholder: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Allowed increment from `min` (or 0); 1 means whole numbers. */
  step: z.number().positive().optional(),
});
export const RatingQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal("rating"),
  /** Ratings run from 1 to `scale`. */
  scale: z.int().min(2).max(10).default(5),
  /** Words for the two ends of the scale, shown beside 1 and `scale`. */
  low_label: z.string().optional(),
  high_label: z.string().optional(),
});
export const NpsQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal("nps"),
  low_label: z.string().default("Not at all likely"),
  high_label: z.string().default("Extremely likely"),
});
export const MatrixQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal("matrix"),
  /** Each row is rated on the same scale of `columns`. */
  rows: Choices,
  columns: Choices,
});
export const YesNoQuestion = z.strictObject({ ...QuestionBase, type: z.literal("yesno") });
export const DateQuestion = z.strictObject({ ...QuestionBase, type: z.literal("date"), min: IsoDate.optional(), max: IsoDate.optional() });
export const ConsentQuestion = z.strictObject({ ...QuestionBase, type: z.literal("consent") });
/** Put every choice in order; the answer is all the choice values, first to last (core/ranking.ts). */
export const RankingQuestion = z.strictObject({ ...QuestionBase, ...Randomize, type: z.literal("ranking"), choices: Choices });
/**
 * A number picked on a scale from `min` to `max` in steps of `step`. It starts unset: a
 * respondent who never moves it has not answered (README, survey format reference).
 */
export const SliderQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal("slider"),
  min: z.number().default(0),
  max: z.number().default(100),
  /** The grid answers lie on, from `min`; it must divide `max - min` (core/compile.ts). */
  step: z.number().positive("step must be above 0").default(1),
  /** Words under the two ends of the scale. */
  low_label: z.string().optional(),
  high_label: z.string().optional(),
});
/**
 * A value the respondent never sees, filled from the survey page's URL query parameter
 * `param` (`/s/<id>/?source=newsletter`). A value outside `choices`, not matching
 * `pattern` or longer than `max_length` is dropped, never an error: the respondent
 * cannot change it (core/answers.ts).
 */
export const HiddenQuestion = z.strictObject({
  ...QuestionBase,
  type: z.literal("hidden"),
  /** The query parameter that fills it; defaults to the question id. */
  param: z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/, "a param is a URL query parameter name: letters, digits, _ . or -").optional(),
  /** The values it may take; any other is dropped. */
  choices: Choices.optional(),
  /** A regular expression the whole value must match, as for text questions. */
  pattern: TextRule.pattern,
  max_length: z.int().min(1).max(2_000).default(200),
});
export const Question = z.discriminatedUnion(
  "type",
  [
    SingleQuestion, MultipleQuestion, DropdownQuestion, TextQuestion, TextareaQuestion, EmailQuestion, NumberQuestion,
    RatingQuestion, NpsQuestion, MatrixQuestion, YesNoQuestion, DateQuestion, ConsentQuestion,
    RankingQuestion, SliderQuestion, HiddenQuestion,
  ],
  { error: (iss) => (iss.code === "invalid_union" ? `unknown question type; use one of: ${QUESTION_TYPES.join(", ")}` : undefined) },
);
export type Question = z.output<typeof Question>;
export type QuestionOf<T extends Question["type"]> = Extract<Question, { type: T }>;

/**
 * A display-only block among the questions: Markdown shown on the page, never answered,
 * so never in answers, validation, the summary or the export. The id is optional: a note
 * stores nothing, so it needs no name; given, it is the note's stable anchor (`#q-<id>`)
 * and is unique among the question ids.
 */
export const Note = z.strictObject({
  type: z.literal("note"),
  id: QuestionId.optional(),
  /** A short heading (Markdown, inline); optional. */
  label: z.string().trim().min(1, "a label cannot be empty").optional(),
  /** The note itself (Markdown). */
  text: z.string().trim().min(1, "a note's text cannot be empty").optional(),
});
export type Note = z.output<typeof Note>;

/**
 * A value the Worker computes from the answers before it (`type: computed`), such as a
 * System Usability Scale score: never shown and never sent by a client (a value sent for
 * it is refused as an unknown field), stored in the response's answers under its id, so
 * the export, the summary and later `show_if` read it like a number question's answer.
 * The expression is core/expression.ts arithmetic over earlier numeric answers and
 * computed values; core/conditions.ts type-checks it. Not a `Question`: it is never
 * answered, so core/survey.ts `allQuestions` leaves it out (see `allComputed`).
 */
export const Computed = z.strictObject({
  type: z.literal("computed"),
  /** Names the value in the answers, the export and in `show_if`; unique among the ids. */
  id: QuestionId,
  /** Arithmetic over earlier answers, like `2.5 * (sum(q1, q3) - 2)` (README: Computed values). */
  expression: z.string().trim().min(1, "a computed value needs an expression, like sum(q1, q2)"),
  /** The column's header in results and reports; defaults to the id. */
  label: z.string().trim().min(1, "a label cannot be empty").max(200).optional(),
  /** Decimals to round the stored value to (half away from zero); without it, 10. */
  round: z.int("round is a whole number of decimals").min(0, "round is at least 0").max(10, "round is at most 10").optional(),
});
export type Computed = z.output<typeof Computed>;

/** What a page lists: questions, notes and computed values, in the order written. */
export const Block = z.discriminatedUnion("type", [...Question.options, Note, Computed], {
  error: (iss) => (iss.code === "invalid_union" ? `unknown question type; use one of: ${BLOCK_TYPES.join(", ")}` : undefined),
});
export type Block = z.output<typeof Block>;

export const Page = z.strictObject({
  /** Section heading. */
  title: z.string().optional(),
  /** The whole page is skipped unless this is true. */
  show_if: z.string().trim().min(1).optional(),
  questions: z.array(Block).min(1, "a page needs at least one question"),
  /** Shuffles this page's questions per respondent (notes stay where written), recorded with the response. */
  randomize: z.boolean().optional(),
});
export type Page = z.output<typeof Page>;

/** An email the survey sends: subject and plain text, optionally HTML; `{{name}}`, `{{company}}`, `{{link}}`… are filled per contact. */
const EmailTemplate = {
  /** One line; placeholders allowed. */
  subject: z.string().trim().min(1, "an email needs a subject").max(200, "a subject is at most 200 characters"),
  /** The plain-text body; `{{link}}` marks the personal link (added at the end when missing). */
  text: z.string().trim().min(1, "an email needs a text").max(10_000),
  /** Optional HTML body; without it the HTML version is made from the text. */
  html: z.string().trim().min(1).max(50_000).optional(),
};

/** The invitation email. Without it Canvass sends a short default (core/email/render.ts). */
export const InvitationSettings = z.strictObject(EmailTemplate);

/** Reminders to those who have neither answered nor opted out, sent by the daily cron. */
export const ReminderSettings = z.strictObject({
  /** At most this many reminders per invitation. */
  count: z.int().min(1, "count is at least 1").max(5, "at most 5 reminders"),
  /** Days between one email and the next. */
  every_days: z.int().min(1, "every_days is at least 1").max(60, "every_days is at most 60"),
  /** Optional own wording; by default the invitation's, headed "Reminder:". */
  subject: EmailTemplate.subject.optional(),
  text: EmailTemplate.text.optional(),
  html: EmailTemplate.html,
});
export type ReminderSettings = z.output<typeof ReminderSettings>;

/** Days a recontact rule may wait: the memory cookie lasts no longer (core/intercept.ts). */
const RecontactDays = z.int().min(0, "days cannot be negative").max(INTERCEPT_COOKIE.lifetimeDays, `at most ${INTERCEPT_COOKIE.lifetimeDays} days (the cookie that remembers lasts no longer)`);

/** When the pop-up shows: exactly one of the three. */
const InterceptTrigger = z
  .strictObject({
    /** Seconds after the page loads. */
    after_seconds: z.int().min(0).max(600, "after_seconds is at most 600").optional(),
    /** Once the visitor has scrolled this far down the page. */
    scroll_percent: z.int().min(1).max(100, "scroll_percent is at most 100").optional(),
    /** When the pointer leaves the window at the top (desktop browsers). */
    exit_intent: z.literal(true, "exit_intent can only be true").optional(),
  })
  .refine((t) => Object.values(t).filter((v) => v !== undefined).length === 1, "a trigger is exactly one of after_seconds, scroll_percent or exit_intent");

/** A pop-up on the client's own website (`/embed.js`); decided on the visitor's device, remembered in a cookie there. */
export const InterceptSettings = z.strictObject({
  trigger: InterceptTrigger.prefault({ after_seconds: 5 }),
  /** Share of eligible visitors (per visit) who are asked, 0 to 100. */
  sample_percent: z.number().min(0, "sample_percent is at least 0").max(100, "sample_percent is at most 100").default(100),
  /** Host-site paths where it may show; `*` matches anything. Default: every path. */
  paths: z.array(z.string().regex(/^\/[^\s]*$/, "a path starts with / (use * as a wildcard, like /docs/*)")).min(1).max(50).optional(),
  recontact: z
    .strictObject({
      /** `never`, or days before someone who answered may be asked again. */
      after_answer: z.union([z.literal("never"), RecontactDays.min(1)], "after_answer is never or a number of days").default("never"),
      /** Days before someone who closed it may be asked again. */
      after_dismiss_days: RecontactDays.default(30),
      /** Most times it shows in one visit (browser tab). */
      max_per_visit: z.int().min(1, "max_per_visit is at least 1").max(10, "max_per_visit is at most 10").default(1),
    })
    .prefault({}),
  /** Host sites allowed to embed it (and to send its answers: CORS). */
  origins: z
    .array(z.string().regex(INTERCEPT_ORIGIN, "an origin is https://host (optional :port, no path or trailing slash), or http://127.0.0.1:<port> or http://localhost:<port> for local demos"))
    .min(1, "list at least one origin (like https://www.example.com)")
    .max(20, "at most 20 origins"),
});
export type InterceptSettings = z.output<typeof InterceptSettings>;
/** A BCP 47 language tag (`en`, `pt-BR`). */
const LanguageTag = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "a language is a tag like en or pt-BR");
const ButtonLabel = z.string().trim().min(1, "a button label cannot be empty").max(60, "a button label is at most 60 characters");
/** Words on the survey page's buttons. */
export const ButtonLabels = z.strictObject({ next: ButtonLabel.optional(), back: ButtonLabel.optional(), submit: ButtonLabel.optional() });

/**
 * Where a respondent is sent after submitting (`redirect:`, on the survey or an ending): an
 * absolute `https://` address the author wrote, as is. Nothing is ever added to it (no answers,
 * no response id: worker/responses/routes.ts), so it may not pipe `{{…}}` or carry credentials.
 */
export const RedirectUrl = z
  .string()
  .trim()
  .refine((u) => !u.includes("{{"), "a redirect is sent as written and never carries answers: remove the {{…}} placeholder")
  .refine((u) => /^https:\/\//i.test(u), "a redirect is an absolute https:// address (like https://www.example.com/thanks)")
  .refine((u) => !/[\s\u0000-\u001f\u007f]/.test(u), "a redirect cannot hold spaces or line breaks: encode a space as %20")
  .refine((u) => URL.canParse(u) && new URL(u).hostname !== "", "not a valid https:// address")
  .refine((u) => !URL.canParse(u) || (new URL(u).username === "" && new URL(u).password === ""), "a redirect may not carry a user name or password (user:password@): remove them");

/** A button on an ending: a link the respondent may follow (`https://…`, or a path on this site like `/s/other-survey/`). */
const EndingButton = z.strictObject({
  label: z.string().trim().min(1, "a button needs a label").max(60, "a button label is at most 60 characters"),
  url: z
    .string()
    .trim()
    .refine((u) => !u.includes("{{"), "a button's url is used as written and never carries answers: remove the {{…}} placeholder")
    .refine((u) => /^https:\/\/[^/]/i.test(u) || /^\/(?![/\\])/.test(u), "a button's url is an https:// address or a path on this site starting with / (like /s/other-survey/)")
    .refine((u) => !/^https:/i.test(u) || (URL.canParse(u) && new URL(u).username === "" && new URL(u).password === ""), "a button's url may not carry a user name or password"),
});

/**
 * One end screen (`endings:`): the first whose `show_if` holds over the answers is shown
 * (core/endings.ts, in the page and the Worker alike); the last may have no `show_if` and is
 * the default. Each has its own page, `/s/<id>/thanks/<id or position>/`.
 */
export const Ending = z.strictObject({
  /** Names the ending's page (`/s/<survey>/thanks/<id>/`); without it the ending's position (0, 1, …). */
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "an ending id starts with a lowercase letter, then lowercase letters, digits, _ or - (like promoters)").optional(),
  /** Chosen when this expression over the answers (any question) is true. */
  show_if: z.string().trim().min(1).optional(),
  /** Markdown; may pipe `{{name}}` and earlier answers `{{q:id}}`. Without it, the survey's `thanks`. */
  text: z.string().trim().min(1, "an ending's text cannot be empty").optional(),
  /** A link under the text. */
  button: EndingButton.optional(),
  /** Sends the respondent to this address instead of showing the text (overrides the survey's `redirect`). */
  redirect: RedirectUrl.optional(),
});
export type Ending = z.output<typeof Ending>;

const Settings = {
  /** Shown as the page heading and in the index. */
  title: z.string().trim().min(1, "a survey needs a title"),
  /** Markdown shown above the first question. */
  description: z.string().optional(),
  /** `draft` is not published, `closed` shows a notice and accepts nothing, `open` takes answers. */
  status: z.enum(["draft", "open", "closed"]).default("open"),
  /** First day answers are accepted (UTC). */
  opens: IsoDate.optional(),
  /** Last day answers are accepted (UTC). */
  closes: IsoDate.optional(),
  /** When true, nothing links a response to a person, not even an invitation. */
  anonymous: z.boolean().default(false),
  /** Markdown shown after submitting; may hold `{{name}}` placeholders. */
  thanks: z.string().default("Thank you for your answers."),
  /** BCP 47 language tag of the survey's text, for `<html lang>` and screen readers. */
  language: LanguageTag.default("en"),
  /**
   * The languages the survey is offered in, the default first (`/s/<id>/`, the others at
   * `/s/<id>/<language>/`). Its texts may then be maps `{ en: ..., de: ... }`, resolved per
   * language before this schema runs (core/i18n/localize.ts).
   */
  languages: z
    .array(LanguageTag)
    .min(1, "list at least one language, the default first (like [en, de])")
    .max(20, "at most 20 languages")
    .refine((l) => new Set(l).size === l.length, "each language is listed once")
    .optional(),
  /** The client this survey is run for (canvass.config.ts `clients`); without it, the default client. */
  client: ClientId.optional(),
  /** The invitation email sent to uploaded contacts (optional; a default is used without it). */
  invitation: InvitationSettings.optional(),
  /** Reminders to non-responders (optional; none without it). */
  reminders: ReminderSettings.optional(),
  /**
   * Days this survey's responses are kept; the daily cron deletes older ones (worker/responses/cron.ts).
   * Without it, canvass.config.ts `retention.responses` applies. The privacy page states both.
   */
  retention_days: z.int("retention_days is a whole number of days").min(1, "retention_days is at least 1").max(36_500, "retention_days is at most 36500 (100 years)").optional(),
  /**
   * Question ids whose breaking change (removed, renamed, retyped, a choice or matrix row
   * dropped) was reviewed and accepted: `canvass check --against <ref>` lets them through, and
   * an id no longer in the survey keeps its column in the export (core/results/export.ts).
   */
  breaking_changes_accepted: z.array(QuestionId).optional(),
  /** A pop-up on the client's website (optional; README "Pop-up surveys"). */
  intercept: InterceptSettings.optional(),
  /** The survey's own words for the page's buttons (defaults: Next, Back, Send answers). */
  labels: ButtonLabels.optional(),
  /**
   * Custom contact-list columns this survey's texts pipe (`{{account_manager}}`), besides
   * name, company and location; declared so that `canvass check` can refuse a misspelt one.
   */
  fields: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/, "a field is named with lowercase letters, digits and _ (like account_manager)")).max(20).optional(),
  /** End screens chosen by condition (core/endings.ts); without them `thanks` is the one end screen. */
  endings: z.array(Ending).min(1, "endings needs at least one ending (or leave it out and use thanks)").max(20, "at most 20 endings").optional(),
  /** Where respondents go after submitting instead of the thank-you page (an ending's own `redirect` wins). */
  redirect: RedirectUrl.optional(),
};

/**
 * A survey as written: either `pages:` or a top-level `questions:` list (one page).
 * Output: always `pages`.
 */
export const SurveyDefinition = z
  .strictObject({
    ...Settings,
    pages: z.array(Page).min(1, "a survey needs at least one page").optional(),
    questions: z.array(Block).min(1, "a survey needs at least one question").optional(),
  })
  .superRefine((s, ctx) => {
    if (s.pages && s.questions) ctx.addIssue({ code: "custom", path: ["questions"], message: "use either pages or questions, not both" });
    if (!s.pages && !s.questions) ctx.addIssue({ code: "custom", path: ["questions"], message: "a survey needs questions (or pages of questions)" });
    if (s.opens && s.closes && s.closes < s.opens) ctx.addIssue({ code: "custom", path: ["closes"], message: "closes is before opens" });
  })
  .transform(({ pages, questions, ...settings }) => ({ ...settings, pages: pages ?? [{ questions: questions ?? [] }] }));
export type Survey = z.output<typeof SurveyDefinition>;
/** What an author may write, before defaults and normalisation. */
export type SurveyInput = z.input<typeof SurveyDefinition>;
