/**
 * `/papers/<slug>/cover.<ext>`: each paper's cover image, copied into the static site.
 * Only the cover: the paper itself never becomes an asset (build/papers.ts).
 */
import { readFile } from "node:fs/promises";
import type { APIRoute, GetStaticPaths } from "astro";
import { coverName, sitePapers } from "../../../lib/papers.ts";

export const getStaticPaths = (async () =>
  (await sitePapers()).map((p) => ({ params: { slug: p.slug, cover: coverName(p) }, props: { path: p.coverPath } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => new Response(await readFile((props as { path: string }).path));
