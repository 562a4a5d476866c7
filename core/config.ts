/**
 * The schema of `canvass.config.ts`: who runs the site and how long each kind of
 * personal data is kept. The privacy and terms pages are generated from the config,
 * and the Worker's purges read the same values, so the pages say what the code does.
 *
 * @example
 *   // canvass.config.ts
 *   export default defineConfig({ organisation: "Acme", contactEmail: "privacy@acme.example", ... });
 */
import { z } from "zod";
import { ClientId, IsoDate } from "./model.ts";

/** A client the site runs surveys for: it sees only its own surveys, responses, contacts and leads. */
const Client = z.strictObject({
  id: ClientId,
  /** The client's name as people read it. */
  name: z.string().trim().min(1),
  /** Its industry, a lowercase slug such as `retail`: the group its benchmarks are compared within. */
  industry: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "an industry is a lowercase slug like retail or software"),
  /** The client of every survey and paper that declares none (at most one client). */
  default: z.literal(true).optional(),
});

/** A retention period: kept for a number of days, or until the survey owner deletes it. */
const Retention = z.union([
  z.strictObject({ days: z.int().min(1) }),
  z.strictObject({ until: z.literal("deleted-by-owner") }),
]);

export const CanvassConfig = z.strictObject({
  /** The organisation that runs this site and answers for the data (the controller). */
  organisation: z.string().trim().min(1),
  /** Where respondents write about their data or these terms. */
  contactEmail: z.email(),
  /** Postal address, one line per entry. */
  postalAddress: z.array(z.string().trim().min(1)).min(1),
  /** When the privacy and terms pages were last reviewed against the code (YYYY-MM-DD). */
  legalReviewed: IsoDate,
  /**
   * Whom surveys are run for (core/clients.ts). Each survey and paper belongs to one; a
   * single-team site declares one client with `default: true` and never writes `client:`.
   */
  clients: z
    .array(Client)
    .min(1, "declare at least one client (a single-team site: one with default: true)")
    .superRefine((clients, ctx) => {
      const seen = new Set<string>();
      clients.forEach((c, i) => {
        if (seen.has(c.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `client id "${c.id}" is declared twice` });
        seen.add(c.id);
      });
      const defaults = clients.filter((c) => c.default).length;
      if (defaults > 1) ctx.addIssue({ code: "custom", path: [], message: `${defaults} clients have default: true; at most one may` });
    }),
  /**
   * How long each kind of personal data is kept. A feature that stores personal data
   * gets its entry here, and the privacy page describes it only once the entry is set.
   */
  retention: z.strictObject({
    /** Stored survey responses. */
    responses: Retention,
    /**
     * Contact lists uploaded to send invitations. Leave unset while the site sends
     * none: the privacy page then says it sends no invitations.
     */
    contacts: Retention.optional(),
    /**
     * Daily visitor counts. Leave unset while the site counts no visitors: the privacy
     * page then says so, instead of stating a period for data that does not exist.
     */
    visitorStatisticsDays: z.int().min(1).optional(),
    /** Contact details left to download a white paper; unset while there are none. */
    leadsDays: z.int().min(1).optional(),
  }),
});
export type CanvassConfig = z.output<typeof CanvassConfig>;

/** Validates the config once, where it is written; a mistake names the setting. */
export function defineConfig(input: z.input<typeof CanvassConfig>): CanvassConfig {
  const parsed = CanvassConfig.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `canvass.config.ts: ${i.path.join(".") || "(top)"}: ${i.message}`);
  throw new Error(problems.join("\n"));
}
