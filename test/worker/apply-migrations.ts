// Every test file starts from the migrated schema, as `wrangler d1 migrations apply` leaves it,
// and every test from empty tables, so each one's assertions count only its own rows.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach } from "vitest";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

beforeEach(async () => {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
  ).all<{ name: string }>();
  for (const { name } of results) await env.DB.exec(`DELETE FROM "${name}"`);
});
