// Generated from papers/*.md by build/papers.ts: do not edit; `npm run build` rewrites it.
// Each gated file is a binary Data module (wrangler.toml [[rules]]): it is part of the Worker
// bundle, never of the public assets in dist/, so only the token-checked route can serve it.
import type { PublishedPaper } from "../../core/papers.ts";
import file0 from "../../papers/files/short-surveys-guide.pdf";

export const PAPERS: PublishedPaper[] = [
  {"slug":"short-surveys-guide","title":"Short surveys people finish","file":"short-surveys-guide.pdf","fields":["name","email","company","job_title"],"consentText":"Yes, send me occasional emails about Canvass and new papers. I can unsubscribe at any time.","consentHash":"3583a9cc43c678bc36e04b16397ed3708bbb97304d41c976d65022d4d715566e","client":"canvass-example"},
];

export const PAPER_FILES: Record<string, ArrayBuffer> = {
  "short-surveys-guide.pdf": file0,
};
