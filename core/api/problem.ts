/**
 * The body of every refusal the Worker sends as JSON (worker/http/problems.ts): a sentence
 * for a person, and per-field messages where a form or a submission had problems.
 *
 * @example
 *   const body = (await res.json()) as ProblemBody; // {"error": "Some answers need another look.", "errors": {"email": "…"}}
 */
export type ProblemBody = {
  error: string;
  /** Messages by field (question id, lead field, or `_form` for the form as a whole). */
  errors?: Record<string, string>;
};
