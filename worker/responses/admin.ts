/**
 * `/api/admin/surveys/<id>/responses` (behind the admin bearer check, worker/app.ts):
 *
 * - `GET /` → `{"responses": [{"id", "submitted_at", "definition_hash", "answers"}]}`.
 * - `DELETE /<response-id>` → `{"deleted"}`, 404 when there is none.
 *
 * @example
 *   curl -H "Authorization: Bearer $CANVASS_ADMIN_TOKEN" :8787/api/admin/surveys/customer-feedback/responses
 */
import { Hono } from "hono";
import type { ResponseList } from "../../core/api/responses.ts";
import { Problem } from "../http/problems.ts";
import { surveyIdOr404 } from "../http/surveys.ts";
import { deleteResponse, listResponses } from "./store.ts";

export const responsesAdmin = new Hono<{ Bindings: Env }>();

responsesAdmin.get("/", async (c) => {
  const id = surveyIdOr404(c.req.param("survey") ?? "");
  return c.json({ responses: await listResponses(c.env.DB, id) } satisfies ResponseList);
});

// The privacy page promises respondents that the owner can delete their answers on request.
responsesAdmin.delete("/:response", async (c) => {
  const deleted = await deleteResponse(c.env.DB, c.req.param("survey") ?? "", c.req.param("response"));
  if (!deleted) throw new Problem(404, "There is no such response in this survey (it may have been deleted already).");
  return c.json({ deleted: c.req.param("response") });
});
