/**
 * Whether this build previews drafts: `CANVASS_PREVIEW=1` (set by `npm start` and by the
 * CI workflow for preview deployments) gives each draft its page at `/s/<id>/` under a
 * "Draft: not published" banner. Without it (`npm run build`, `canvass deploy`) a draft
 * has no page at all, as before. The Worker never takes answers to a draft, preview or
 * not: a preview deployment shares the production database, and test answers to a
 * definition that is still changing must not end up among the real ones.
 *
 * No imports: the site's pages read this inside Astro's bundle.
 *
 * @example
 *   CANVASS_PREVIEW=1 npm run build   # a preview build, drafts included
 */

/** The environment variable that turns a build into a preview build. */
export const PREVIEW_ENV = "CANVASS_PREVIEW";

/** True when drafts get pages in this build. */
export function previewDrafts(env: Record<string, string | undefined> = process.env): boolean {
  return env[PREVIEW_ENV] === "1";
}
