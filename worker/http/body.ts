/**
 * Reading what a client submits, the same way on every endpoint: a size limit checked
 * before the body is read, the content type checked before parsing, JSON parsed in one
 * place, form fields as strings only. Each refusal is a `Problem` with a sentence to act on.
 *
 * @example
 *   app.post("/x", limitBody(16 * 1024, "The request is larger than 16 KB."), async (c) => {
 *     const kind = bodyKind(c, "the details");
 *     const data = kind === "json" ? await readJsonBody(c) : await readFormFields(c, "this form");
 *   });
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import { Problem, renderProblem } from "./problems.ts";

/**
 * Refuses a body over `maxSize` bytes with a 413 before reading it (streamed bodies are counted
 * as they arrive). `refusal` is the sentence, or the whole Problem where it depends on the
 * request (a survey's refusal in its language).
 */
export function limitBody(maxSize: number, refusal: string | ((c: Context) => Promise<Problem>)): MiddlewareHandler {
  return bodyLimit({ maxSize, onError: async (c) => renderProblem(c, typeof refusal === "string" ? new Problem(413, refusal) : await refusal(c)) });
}

/** The request's media type without parameters, lowercased (`text/csv`, `application/json`, or "" when none). */
export function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** `json` or `form` (urlencoded or multipart); anything else is a 415 naming both. */
export function bodyKind(c: Context, what: string): "json" | "form" {
  const type = mediaType(c);
  if (type === "application/json") return "json";
  if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") return "form";
  throw new Problem(415, `Send ${what} as a form (application/x-www-form-urlencoded) or as JSON (application/json).`);
}

/** The body parsed as JSON, or a 400 (`invalid` names what could not be read). */
export async function readJsonBody(c: Context, invalid = "The body is not valid JSON."): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text());
  } catch {
    throw new Problem(400, invalid);
  }
}

/** The form's fields in order, repeated names kept; a file upload is a 422 (`owner` says who takes none: "this survey"). */
export async function readFormFields(c: Context, owner: string): Promise<[string, string][]> {
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch {
    throw new Problem(400, "The form data could not be read.");
  }
  const entries: [string, string][] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") throw new Problem(422, `The field "${name}" is a file; ${owner} takes no files.`);
    entries.push([name, value]);
  }
  return entries;
}

/** zod's issues as one sentence with their paths, for bodies that are not in the expected shape. */
export function zodMessage(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
