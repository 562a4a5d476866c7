/**
 * `canvass deploy`: what CI runs on a merge to main. Builds the site, applies the D1
 * migrations to the remote database, then deploys the Worker with the site as its
 * static assets. `--dry-run` bundles the Worker without uploading anything (wrangler's
 * own dry run), which is how the tests check that it still bundles.
 */
import { buildSite } from "../../build/site.ts";
import { run } from "../lib/stack.ts";
import { type Command, UsageError } from "./command.ts";

export const deploy: Command = {
  name: "deploy",
  summary: "publish the site and the Worker to Cloudflare (CI runs this on main)",
  help:
    "Usage: canvass deploy [--dry-run]\n\nBuilds the site, applies D1 migrations with --remote, and runs wrangler deploy.\n" +
    "Needs CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID, the real database_id and KV id in wrangler.toml,\n" +
    "and the secrets set once with wrangler secret put (CANVASS_ADMIN_TOKEN, CANVASS_SIGNING_KEY).\n\n" +
    "  --dry-run   build and bundle into .canvass/deploy/ without uploading anything\n" +
    "  --no-build  use the site the last build left in dist/ (for CI steps that built already)",
  async run(args, io) {
    const unknown = args.filter((a) => a !== "--dry-run" && a !== "--no-build");
    if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}`);
    if (!args.includes("--no-build") && (await buildSite()) !== 0) return 1;
    if (args.includes("--dry-run")) {
      const out = await run("wrangler", ["deploy", "--dry-run", "--outdir", ".canvass/deploy"], { quiet: true });
      const size = /Total Upload: ([^\n]+)/.exec(out)?.[1];
      io.out(`bundled the Worker into .canvass/deploy/${size ? ` (${size})` : ""}; nothing was uploaded`);
      return 0;
    }
    io.out("applying D1 migrations to the remote database…");
    await run("wrangler", ["d1", "migrations", "apply", "DB", "--remote"], { env: { CI: "true" } });
    io.out("deploying the Worker and the site…");
    await run("wrangler", ["deploy"]);
    return 0;
  },
};
