/**
 * The ceiling for the submission benchmark (scripts/bench/submission-throughput.bench.ts):
 * a Worker that does nothing but what no submission can skip. It runs on the same local
 * stack as Canvass (`wrangler dev`, local D1 with the same migrations, the same assets
 * routing), and has two routes:
 *
 * - `GET /api/health`: the same empty route Canvass has;
 * - `POST /api/responses/<id>`: reads the JSON body and stores one row with the very
 *   statement Canvass stores a response with (worker/responses/store.ts `insertResponse`),
 *   then answers 201. No checks, no routing library, no headers.
 *
 * The rate of the second against the first, measured in the same run, is the most any
 * route that stores a response before it answers can reach on this stack.
 */
import { insertResponse } from "../../../worker/responses/store.ts";

type CeilingEnv = { DB: D1Database };

export default {
  async fetch(request: Request, env: CeilingEnv): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (request.method === "GET" && pathname === "/api/health") return Response.json({ ok: true });
    if (request.method === "POST" && pathname.startsWith("/api/responses/")) {
      const body = (await request.json()) as { submission_id?: string; answers?: Record<string, unknown> };
      const id = body.submission_id ?? crypto.randomUUID();
      const stored = await insertResponse(env.DB, { id, surveyId: pathname.slice("/api/responses/".length), definitionHash: "ceiling", answers: body.answers ?? {}, submittedAt: new Date() });
      return Response.json({ id, stored }, { status: 201 });
    }
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<CeilingEnv>;
