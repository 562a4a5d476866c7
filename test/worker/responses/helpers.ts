/** Helpers for the results API tests: submissions through the API, and rows put straight into D1 where the API cannot make them. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { admin, postJson } from "../helpers.ts";

/** A complete, valid set of answers to every question in test/fixtures/surveys/all-types.yaml. */
export const complete = {
  satisfaction: 2,
  reason: "Other",
  reason_other: "The colour",
  tools: ["App", "Other"],
  tools_other: "Smart watch",
  plan: "pro",
  nickname: "Sam",
  story: "It was fine.",
  email: "sam@example.com",
  age: 42,
  recommend: 9,
  grid: { Speed: "Good", Price: "Fair" },
  again: "yes",
  since: "2019-05-01",
  agree: true,
};

/** Submits answers as a respondent would; returns the response id. */
export async function submit(survey: string, answers: Record<string, unknown>, token?: string): Promise<string> {
  const id = crypto.randomUUID();
  const res = await postJson(`/api/responses/${survey}`, { submission_id: id, answers, ...(token ? { token } : {}) });
  expect(res.status, await res.clone().text()).toBe(201);
  return id;
}

export type SeededResponse = { id: string; submitted_at: string; answers: Record<string, unknown>; definition_hash?: string; invitation_id?: string };

/** Stores responses straight into D1 (many at once, or under an older definition), in one statement. */
export async function seedResponses(survey: string, list: SeededResponse[]): Promise<void> {
  const rows = list.map((r) => ({ ...r, answers: JSON.stringify(r.answers), definition_hash: r.definition_hash ?? "0".repeat(64) }));
  await env.DB.prepare(
    `INSERT INTO responses (id, survey_id, definition_hash, answers, submitted_at, invitation_id)
     SELECT json_extract(value, '$.id'), ?2, json_extract(value, '$.definition_hash'), json_extract(value, '$.answers'),
            json_extract(value, '$.submitted_at'), json_extract(value, '$.invitation_id') FROM json_each(?1)`,
  ).bind(JSON.stringify(rows), survey).run();
}

/** `n` responses to tiny-poll, one a second from `start`, with ids r0000, r0001, … */
export function tinyResponses(n: number, start = Date.parse("2026-11-01T00:00:00Z")): SeededResponse[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${String(i).padStart(4, "0")}`,
    submitted_at: new Date(start + i * 1000).toISOString(),
    answers: { ok: i % 3 === 0 ? "no" : "yes" },
  }));
}

/** An admin GET that must succeed, parsed as JSON. */
export async function adminJson<T>(path: string): Promise<T> {
  const res = await admin(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}
