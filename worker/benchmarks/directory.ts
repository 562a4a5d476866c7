/**
 * Where benchmark answers come from: the clients (canvass.config.ts, each with its
 * industry) and the survey questions carrying a metric (the published catalog, each
 * survey with its resolved client). The routes take a directory as a parameter so the
 * tests can stand in an industry of several clients without a config or catalog of them.
 *
 * @example
 *   const questions = await catalogDirectory.questions(env, "nps", new Set(["northwind"]));
 *   // [{ survey: "2025-pricing", client: "northwind", question: "recommend" }]
 */
import site from "../../canvass.config.ts";
import type { Client } from "../../core/clients.ts";
import { allQuestions } from "../../core/survey.ts";
import { findSurvey, readSurveyIndex } from "../catalog.ts";

/** A survey question carrying a metric, with its client and (for a rating) its scale. */
export type BenchmarkQuestion = { survey: string; client: string; question: string; scale?: number | undefined };

export type BenchmarkDirectory = {
  readonly clients: readonly Pick<Client, "id" | "industry">[];
  /** Every question carrying `metric` in a published (open or closed) survey of one of `clients`. */
  questions(env: Env, metric: string, clients: ReadonlySet<string>): Promise<BenchmarkQuestion[]>;
};

/** Definitions read at a time: the catalog is static assets, but a thousand fetches at once would only queue. */
const READ_AT_ONCE = 20;

export const catalogDirectory: BenchmarkDirectory = {
  clients: site.clients,
  async questions(env, metric, clients) {
    const ids = (await readSurveyIndex(env)).surveys.filter((s) => s.status !== "draft" && s.client !== undefined && clients.has(s.client)).map((s) => s.id);
    const found: BenchmarkQuestion[] = [];
    for (let i = 0; i < ids.length; i += READ_AT_ONCE) {
      for (const entry of await Promise.all(ids.slice(i, i + READ_AT_ONCE).map((id) => findSurvey(env, id)))) {
        if (!entry || !("survey" in entry) || !entry.client) continue;
        for (const q of allQuestions(entry.survey))
          if (q.benchmark === metric) found.push({ survey: entry.id, client: entry.client, question: q.id, scale: q.type === "rating" ? q.scale : undefined });
      }
    }
    return found;
  },
};
