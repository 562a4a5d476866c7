/**
 * Which edits to a live survey would corrupt the answers it has already collected.
 * Stored responses keep their answers by question id and choice value (README.md, "How it
 * fits together"), so once a survey has been open, an id, a choice value, a matrix row or
 * column value and the shape of an answer are promises to the rows already in D1:
 *
 * - breaking: a question removed or renamed (its answers lose their question), its type
 *   changed (old answers no longer fit: a rating becomes a number, a list a single value),
 *   a choice value changed or removed (including "Other"), a matrix row or column value
 *   removed, a rating scale shortened (old answers fall outside it), a computed value's
 *   `expression` changed (the numbers already stored were worked out by the old formula,
 *   so old and new values would be mixed under one id: a SUS score that changes its
 *   weights is another measure); spacing and redundant parentheses do not count;
 * - harmless: wording, help, new questions, new choices, rows or columns, reordering, new
 *   pages, and `single` ↔ `dropdown` or `text` ↔ `textarea`, which store answers alike;
 * - worth saying: a new required question (stored responses simply lack it).
 *
 * `breaking_changes_accepted: [<question id>, ...]` in the survey lets a reviewed change
 * through; it is reported as accepted rather than dropped. Pure and zod-free: the CLI
 * (scripts/commands/check.ts) reads the two versions and places each finding on a line.
 *
 * @example
 *   const { changes, notes } = compareSurveys(atMain.survey, now.survey);
 *   const failing = changes.filter((c) => !c.accepted); // non-empty: refuse the merge
 */
import { parseExpression } from "./expression.ts";
import type { Choice, Computed, Question, Survey } from "./model.ts";
import { allComputed, isQuestion, OTHER_VALUE } from "./survey.ts";

/** A normalised path into the newer definition (`["pages", 0, "questions", 2, "choices", 1]`). */
export type DefinitionPath = (string | number)[];

export type ChangeKind =
  | "question-removed"
  | "question-renamed"
  | "type-changed"
  | "choice-changed"
  | "choice-removed"
  | "row-removed"
  | "column-removed"
  | "scale-reduced"
  | "expression-changed";

/** An edit that would corrupt stored answers of one question. */
export type BreakingChange = {
  kind: ChangeKind;
  /** The question whose stored answers are affected (its id in the older version). */
  questionId: string;
  /** Why stored answers suffer, in the author's terms. */
  message: string;
  /** How to make the edit safe. */
  fix: string;
  /** Where the question is in the newer definition; absent when it is gone. */
  path?: DefinitionPath;
  /** Listed in `breaking_changes_accepted`: reported, but lets the check pass. */
  accepted: boolean;
};

/** Harmless for stored answers, but worth telling the author. */
export type CompatNote = { questionId: string; message: string; path: DefinitionPath };

export type Comparison = { changes: BreakingChange[]; notes: CompatNote[] };

/** Types that store an answer the same way, so switching between them keeps old answers valid. */
const SAME_STORAGE: readonly (readonly Question["type"][])[] = [["single", "dropdown"], ["text", "textarea"]];

/** Whether a survey in this state may have collected answers that a change could corrupt. */
export function collectsAnswers(survey: Pick<Survey, "status">): boolean {
  return survey.status === "open" || survey.status === "closed";
}

type Placed = { question: Question; index: number; path: DefinitionPath };

function placed(survey: Pick<Survey, "pages">): Placed[] {
  let index = 0;
  // Notes hold no answers, so only questions are compared; the path keeps the block's place for the line.
  return survey.pages.flatMap((page, pi) =>
    page.questions.flatMap((block, qi) => (isQuestion(block) ? [{ question: block, index: index++, path: ["pages", pi, "questions", qi] }] : [])),
  );
}

const acceptHint = (id: string) => `or, once reviewed, add breaking_changes_accepted: [${id}] to the survey (the export keeps the old answers)`;

function sameStorage(a: Question["type"], b: Question["type"]): boolean {
  return a === b || SAME_STORAGE.some((pair) => pair.includes(a) && pair.includes(b));
}

/** The stored values of a choice question, "Other" included when offered. */
function choiceValues(q: Question): Choice[] {
  if (!("choices" in q) || !q.choices) return [];
  return "other" in q && q.other ? [...q.choices, { value: OTHER_VALUE, label: OTHER_VALUE }] : q.choices;
}

/**
 * Old values the new list no longer has. A missing value whose label (or, failing that,
 * position) now carries a new value is reported as changed to it, which is what the author
 * most likely did; anything else as removed.
 */
function lostValues(before: Choice[], after: Choice[]): { value: string; now?: string }[] {
  const kept = new Set(after.map((c) => c.value));
  const added = after.filter((c) => !before.some((b) => b.value === c.value));
  return before
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !kept.has(c.value))
    .map(({ c, i }) => {
      const sameLabel = added.find((a) => a.label === c.label);
      const samePlace = after[i] && added.includes(after[i]) ? after[i] : undefined;
      return { value: c.value, now: (sameLabel ?? samePlace)?.value };
    });
}

type Found = Omit<BreakingChange, "accepted">;

function choiceChanges(before: Question, after: Question, path: DefinitionPath): Found[] {
  const id = before.id;
  return lostValues(choiceValues(before), choiceValues(after)).map(({ value, now }) =>
    now === undefined
      ? {
          kind: "choice-removed" as const, questionId: id, path,
          message: `choice "${value}" of "${id}" was removed; answers already stored as "${value}" would match no choice`,
          fix: `keep the choice (change only its label: { value: "${value}", label: ... }), ${acceptHint(id)}`,
        }
      : {
          kind: "choice-changed" as const, questionId: id, path,
          message: `choice value "${value}" of "${id}" was changed to "${now}"; answers already stored as "${value}" would no longer count for it`,
          fix: `keep the stored value and change only the wording: { value: "${value}", label: "..." }, ${acceptHint(id)}`,
        },
  );
}

function matrixChanges(before: Question, after: Question, path: DefinitionPath): Found[] {
  if (before.type !== "matrix" || after.type !== "matrix") return [];
  const id = before.id;
  const rows = lostValues(before.rows, after.rows).map(({ value }) => ({
    kind: "row-removed" as const, questionId: id, path,
    message: `matrix row "${value}" of "${id}" was removed or its value changed; answers already stored for that row would lose their row`,
    fix: `keep the row value (change only its label: { value: "${value}", label: ... }), ${acceptHint(id)}`,
  }));
  const columns = lostValues(before.columns, after.columns).map(({ value }) => ({
    kind: "column-removed" as const, questionId: id, path,
    message: `matrix column "${value}" of "${id}" was removed or its value changed; rows already answered "${value}" would match no column`,
    fix: `keep the column value (change only its label: { value: "${value}", label: ... }), ${acceptHint(id)}`,
  }));
  return [...rows, ...columns];
}

function scaleChanges(before: Question, after: Question, path: DefinitionPath): Found[] {
  if (before.type !== "rating" || after.type !== "rating" || after.scale >= before.scale) return [];
  return [{
    kind: "scale-reduced", questionId: before.id, path,
    message: `the scale of "${before.id}" was shortened from ${before.scale} to ${after.scale}; answers already stored above ${after.scale} would fall outside it`,
    fix: `keep scale: ${before.scale}, ${acceptHint(before.id)}`,
  }];
}

function questionChanges(before: Question, now: Placed): Found[] {
  const after = now.question;
  if (!sameStorage(before.type, after.type))
    return [{
      kind: "type-changed", questionId: before.id, path: now.path,
      message: `the type of "${before.id}" was changed from ${before.type} to ${after.type}; answers already stored as ${before.type} answers would not fit`,
      fix: `keep type: ${before.type} and ask the new question under a new id, ${acceptHint(before.id)}`,
    }];
  return [...choiceChanges(before, after, now.path), ...matrixChanges(before, after, now.path), ...scaleChanges(before, after, now.path)];
}

/** A new question that most likely is `old` under another id: same type, and the same label (sure) or place (likely). */
function renamedTo(old: Placed, added: Placed[]): { to: Placed; sure: boolean } | undefined {
  const candidates = added.filter((p) => sameStorage(p.question.type, old.question.type));
  const sameLabel = candidates.find((p) => p.question.label === old.question.label);
  if (sameLabel) return { to: sameLabel, sure: true };
  const samePlace = candidates.find((p) => p.index === old.index);
  return samePlace && { to: samePlace, sure: false };
}

function goneChange(old: Placed, added: Placed[]): Found {
  const id = old.question.id;
  const rename = renamedTo(old, added);
  if (rename)
    return {
      kind: "question-renamed", questionId: id, path: rename.to.path,
      message: `question "${id}" was ${rename.sure ? "" : "removed or "}renamed to "${rename.to.question.id}"; answers already stored under "${id}" would be cut off from it`,
      fix: `keep the id "${id}" and change only the label, ${acceptHint(id)}`,
    };
  return {
    kind: "question-removed", questionId: id,
    message: `question "${id}" was removed; answers already stored for it would belong to no question`,
    fix: `keep the question (set a show_if that is never true to stop asking it), ${acceptHint(id)}`,
  };
}

/** An expression as a tree, so spacing and redundant parentheses compare equal; as written when it does not parse. */
function expressionShape(expression: string): string {
  try {
    return JSON.stringify(parseExpression(expression));
  } catch {
    return expression.replace(/\s+/g, "");
  }
}

/** The path of each computed value in the newer definition, by id. */
function computedPaths(survey: Pick<Survey, "pages">): Map<string, DefinitionPath> {
  const paths = new Map<string, DefinitionPath>();
  survey.pages.forEach((page, pi) => page.questions.forEach((block, qi) => { if (block.type === "computed") paths.set(block.id, ["pages", pi, "questions", qi]); }));
  return paths;
}

/** Computed values kept under their id whose expression now means something else: their stored numbers would mix two formulas. */
function expressionChanges(before: Pick<Survey, "pages">, after: Pick<Survey, "pages">): Found[] {
  const now = new Map(allComputed(after).map((c): [string, Computed] => [c.id, c]));
  const paths = computedPaths(after);
  return allComputed(before).flatMap((old): Found[] => {
    const current = now.get(old.id);
    if (!current || expressionShape(old.expression) === expressionShape(current.expression)) return [];
    return [{
      kind: "expression-changed", questionId: old.id, path: paths.get(old.id)!,
      message: `the expression of computed value "${old.id}" was changed from "${old.expression}" to "${current.expression}"; values already stored under "${old.id}" were computed the old way and would be mixed with the new ones`,
      fix: `keep the expression and add the new formula as a new computed value under a new id, ${acceptHint(old.id)}`,
    }];
  });
}

/**
 * Compares a survey as it was (at the git ref) with the survey as it is now. Bounded by
 * the two definitions: one pass over each, and choice lists compared value by value.
 */
export function compareSurveys(before: Pick<Survey, "pages">, after: Pick<Survey, "pages" | "breaking_changes_accepted">): Comparison {
  const old = placed(before);
  const now = placed(after);
  const oldIds = new Set(old.map((p) => p.question.id));
  const nowById = new Map(now.map((p) => [p.question.id, p]));
  const added = now.filter((p) => !oldIds.has(p.question.id));

  const found: Found[] = old.flatMap((p) => {
    const current = nowById.get(p.question.id);
    return current ? questionChanges(p.question, current) : [goneChange(p, added)];
  }).concat(expressionChanges(before, after));
  const accepted = new Set(after.breaking_changes_accepted ?? []);
  const changes = found.map((c) => ({ ...c, accepted: accepted.has(c.questionId) }));
  const renamed = new Set(found.filter((c) => c.kind === "question-renamed").map((c) => c.path));
  const notes = added
    .filter((p) => p.question.required && !renamed.has(p.path))
    .map((p) => ({
      questionId: p.question.id,
      path: p.path,
      message: `new required question "${p.question.id}": harmless to the answers already stored, which simply lack it (their export cells stay empty)`,
    }));
  return { changes, notes };
}
