/**
 * `canvass deploy --env staging|production`: publishes the site and the Worker to one of
 * the environments in wrangler.toml. It first says which Cloudflare account and which
 * environment it is about to change, and asks before going on (`--yes` skips the question;
 * without a terminal to ask on and without `--yes` it refuses rather than guess). Then it
 * builds the site, applies the D1 migrations to that environment's remote database, and
 * deploys; a failed migration stops it before the Worker changes, since new code on an old
 * schema would fail every request that touches the new tables.
 *
 * `--dry-run` bundles the Worker without uploading anything (wrangler's own dry run, which
 * needs no network), which is how the tests check that every environment still bundles.
 * Without `--env`, only `--dry-run` is allowed: the top level of wrangler.toml is the local
 * development configuration, with placeholder ids that no account has.
 *
 * @example
 *   $ canvass deploy --env staging
 *   Deploying to staging (Worker canvass-staging) in Cloudflare account 0123… (from CLOUDFLARE_ACCOUNT_ID).
 *   Deploy to staging? [y/N] y
 */
import { createInterface } from "node:readline/promises";
import { buildSite } from "../../build/site.ts";
import { run } from "../lib/stack.ts";
import { type Command, type Io, UsageError } from "./command.ts";

export const ENVIRONMENTS = ["staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** What deploy needs from the outside world; tests pass stand-ins, so nothing reaches Cloudflare. */
export type DeployDeps = {
  build(): Promise<number>;
  /** Runs wrangler from node_modules; resolves with its output, rejects when it fails. */
  wrangler(args: string[], opts?: { quiet?: boolean; env?: Record<string, string> }): Promise<string>;
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  confirm: ((question: string) => Promise<boolean>) | undefined;
  /** The process environment (CLOUDFLARE_ACCOUNT_ID). */
  env: Readonly<Record<string, string | undefined>>;
};

/** A reason not to deploy, said to the person and answered with exit code 1. */
class DeployRefusal extends Error {}

type Options = { dryRun: boolean; build: boolean; yes: boolean; env: Environment | undefined };

function readOptions(args: string[]): Options {
  const options: Options = { dryRun: false, build: true, yes: false, env: undefined };
  // Bounded by the arguments given; --env takes the next one.
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--dry-run") options.dryRun = true;
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--yes" || arg === "-y") options.yes = true;
    else if (arg === "--env" || arg.startsWith("--env=")) {
      const value = arg === "--env" ? args[++i] : arg.slice("--env=".length);
      if (!ENVIRONMENTS.includes(value as Environment)) throw new UsageError(`--env is ${ENVIRONMENTS.join(" or ")}${value ? ` (not "${value}")` : ""}`);
      options.env = value as Environment;
    } else throw new UsageError(`unknown option ${arg}`);
  }
  return options;
}

/** Account name and id pairs from `wrangler whoami`'s table. */
function accountsIn(whoami: string): { name: string; id: string }[] {
  return [...whoami.matchAll(/│\s*([^│\n]+?)\s*│\s*([0-9a-f]{32})\s*│/g)].map((m) => ({ name: m[1]!, id: m[2]! }));
}

/** The account wrangler will deploy to, described for a person; throws a sentence when it cannot tell. */
async function targetAccount(deps: DeployDeps): Promise<string> {
  const fromEnv = deps.env.CLOUDFLARE_ACCOUNT_ID?.trim();
  if (fromEnv) return `${fromEnv} (from CLOUDFLARE_ACCOUNT_ID)`;
  let whoami: string;
  try {
    whoami = await deps.wrangler(["whoami"], { quiet: true });
  } catch {
    throw new DeployRefusal("cannot tell which Cloudflare account this would deploy to: run npx wrangler login, or set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID");
  }
  const accounts = accountsIn(whoami);
  if (accounts.length === 1) return `${accounts[0]!.name} (${accounts[0]!.id})`;
  if (accounts.length === 0) throw new DeployRefusal("wrangler whoami names no account you can deploy to: run npx wrangler login, or set CLOUDFLARE_ACCOUNT_ID");
  throw new DeployRefusal(
    `you can deploy to ${accounts.length} accounts (${accounts.map((a) => `${a.name} ${a.id}`).join(", ")}); set CLOUDFLARE_ACCOUNT_ID to the one you mean`,
  );
}

async function dryRun(options: Options, deps: DeployDeps, io: Io): Promise<number> {
  const outdir = options.env ? `.canvass/deploy-${options.env}` : ".canvass/deploy";
  const envArgs = options.env ? ["--env", options.env] : [];
  const out = await deps.wrangler(["deploy", "--dry-run", ...envArgs, "--outdir", outdir], { quiet: true });
  const size = /Total Upload: ([^\n]+)/.exec(out)?.[1];
  // wrangler lists the bindings it resolved: naming the database shows which environment's data this Worker would use.
  const database = /env\.DB \(([^)]+)\)/.exec(out)?.[1];
  const which = options.env ? ` for ${options.env}` : "";
  const details = [size, database && `D1 database ${database}`].filter(Boolean).join(", ");
  io.out(`bundled the Worker${which} into ${outdir}/${details ? ` (${details})` : ""}; nothing was uploaded`);
  return 0;
}

async function publish(env: Environment, options: Options, deps: DeployDeps, io: Io): Promise<number> {
  // wrangler names an environment's Worker <name>-<env> (wrangler.toml: name = "canvass").
  io.out(`Deploying to ${env} (Worker canvass-${env}) in Cloudflare account ${await targetAccount(deps)}.`);
  if (!options.yes) {
    if (!deps.confirm) throw new DeployRefusal(`there is no terminal to confirm a deploy to ${env} on; run again with --yes to deploy without asking (as CI does)`);
    if (!(await deps.confirm(`Deploy to ${env}? [y/N] `))) {
      io.err("Nothing was deployed.");
      return 1;
    }
  }
  if (options.build && (await deps.build()) !== 0) return 1;
  io.out(`applying D1 migrations to the ${env} database…`);
  try {
    await deps.wrangler(["d1", "migrations", "apply", "DB", "--remote", "--env", env], { env: { CI: "true" } });
  } catch (e) {
    io.err(`The D1 migrations failed, so the Worker was not deployed (it would run against the old schema):\n${(e as Error).message}`);
    return 1;
  }
  io.out(`deploying the Worker and the site to ${env}…`);
  try {
    await deps.wrangler(["deploy", "--env", env]);
  } catch (e) {
    io.err(`wrangler deploy failed; the migrations are applied, the Worker that was live stays live:\n${(e as Error).message}`);
    return 1;
  }
  io.out(`Deployed to ${env}.`);
  return 0;
}

export function deployCommand(deps: DeployDeps): Command {
  return {
    name: "deploy",
    summary: "publish the site and the Worker to Cloudflare (--env staging|production)",
    help:
      "Usage: canvass deploy --env staging|production [--yes] [--no-build]\n       canvass deploy --dry-run [--env staging|production]\n\n" +
      "Shows the Cloudflare account (CLOUDFLARE_ACCOUNT_ID, else wrangler whoami) and the environment, asks to confirm,\n" +
      "then builds the site, applies D1 migrations with --remote, and runs wrangler deploy for that environment.\n" +
      "Needs the environment's real database and KV ids in wrangler.toml and its secrets set once with\n" +
      "wrangler secret put --env <env> (README.md, Deploy to Cloudflare).\n\n" +
      "  --env <env>  staging or production (required unless --dry-run)\n" +
      "  --yes        do not ask for confirmation (CI); without a terminal deploy refuses unless given\n" +
      "  --dry-run    bundle into .canvass/deploy[-<env>]/ without uploading anything\n" +
      "  --no-build   use the site the last build left in dist/ (for CI steps that built already)",
    async run(args, io) {
      const options = readOptions(args);
      try {
        if (options.dryRun) {
          if (options.build && (await deps.build()) !== 0) return 1;
          return await dryRun(options, deps, io);
        }
        if (!options.env) throw new UsageError("say which environment to deploy to: --env staging or --env production");
        return await publish(options.env, options, deps, io);
      } catch (e) {
        if (!(e instanceof DeployRefusal)) throw e;
        io.err(`canvass deploy: ${e.message}`);
        return 1;
      }
    },
  };
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export const deploy = deployCommand({
  build: buildSite,
  wrangler: (args, opts) => run("wrangler", args, opts),
  confirm: process.stdin.isTTY && process.stdout.isTTY ? askOnTerminal : undefined,
  env: process.env,
});
