/**
 * `canvass deploy --env` through its seams: wrangler, the build and the confirmation are
 * stand-ins that record what they were asked, so these tests prove the order of steps and
 * the refusals without any network. The real bundling of each environment is checked by
 * test/browser/deploy-dry-run.test.ts against the built site.
 */
import { describe, expect, it } from "vitest";
import { deployCommand, type DeployDeps } from "./deploy.ts";

const WHOAMI = `
 ⛅️ wrangler 4
┌──────────────────┬──────────────────────────────────┐
│ Account Name     │ Account ID                       │
├──────────────────┼──────────────────────────────────┤
│ Example Surveys  │ 0123456789abcdef0123456789abcdef │
└──────────────────┴──────────────────────────────────┘`;

function setup(overrides: Partial<DeployDeps> & { failOn?: string } = {}) {
  const calls: string[] = [];
  const lines: string[] = [];
  const deps: DeployDeps = {
    build: async () => {
      calls.push("build");
      return 0;
    },
    wrangler: async (args) => {
      calls.push(`wrangler ${args.join(" ")}`);
      if (overrides.failOn && args.join(" ").startsWith(overrides.failOn)) throw new Error(`wrangler ${args.join(" ")} exited with 1`);
      return args[0] === "whoami" ? WHOAMI : "";
    },
    confirm: undefined,
    env: {},
    ...overrides,
  };
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), cwd: "/tmp" };
  return { calls, output: () => lines.join("\n"), run: (...args: string[]) => deployCommand(deps).run(args, io) };
}

describe("canvass deploy --env", () => {
  it("with --yes shows the account and environment, then builds, migrates the remote database and deploys, in that order", async () => {
    const t = setup({ env: { CLOUDFLARE_ACCOUNT_ID: "fedcba9876543210fedcba9876543210" } });
    expect(await t.run("--env", "production", "--yes")).toBe(0);
    expect(t.output()).toContain("Deploying to production (Worker canvass-production) in Cloudflare account fedcba9876543210fedcba9876543210 (from CLOUDFLARE_ACCOUNT_ID).");
    expect(t.calls).toEqual(["build", "wrangler d1 migrations apply DB --remote --env production", "wrangler deploy --env production"]);
  });

  it("names the account wrangler whoami reports when CLOUDFLARE_ACCOUNT_ID is not set", async () => {
    const t = setup();
    expect(await t.run("--env=staging", "--yes", "--no-build")).toBe(0);
    expect(t.output()).toContain("Deploying to staging (Worker canvass-staging) in Cloudflare account Example Surveys (0123456789abcdef0123456789abcdef).");
    expect(t.calls).toEqual(["wrangler whoami", "wrangler d1 migrations apply DB --remote --env staging", "wrangler deploy --env staging"]);
  });

  it("asks before deploying, and deploys nothing when the answer is no", async () => {
    const asked: string[] = [];
    const t = setup({ confirm: async (q) => (asked.push(q), false) });
    expect(await t.run("--env", "production")).toBe(1);
    expect(asked).toEqual(["Deploy to production? [y/N] "]);
    expect(t.output()).toContain("Nothing was deployed.");
    expect(t.calls).toEqual(["wrangler whoami"]);
  });

  it("deploys once the person confirms", async () => {
    const t = setup({ confirm: async () => true });
    expect(await t.run("--env", "staging")).toBe(0);
    expect(t.calls.at(-1)).toBe("wrangler deploy --env staging");
  });

  it("refuses without a terminal to ask on and without --yes, changing nothing", async () => {
    const t = setup();
    expect(await t.run("--env", "production")).toBe(1);
    expect(t.output()).toContain("canvass deploy: there is no terminal to confirm a deploy to production on; run again with --yes");
    expect(t.calls).toEqual(["wrangler whoami"]);
  });

  it("does not deploy the Worker when the migrations fail", async () => {
    const t = setup({ failOn: "d1 migrations apply" });
    expect(await t.run("--env", "production", "--yes")).toBe(1);
    expect(t.output()).toContain("The D1 migrations failed, so the Worker was not deployed");
    expect(t.calls.some((c) => c.startsWith("wrangler deploy"))).toBe(false);
  });

  it("says so and exits 1 when wrangler deploy itself fails", async () => {
    const t = setup({ failOn: "deploy --env" });
    expect(await t.run("--env", "staging", "--yes", "--no-build")).toBe(1);
    expect(t.output()).toContain("wrangler deploy failed; the migrations are applied, the Worker that was live stays live");
  });

  it("refuses when it cannot tell which account it would deploy to", async () => {
    const t = setup({ failOn: "whoami" });
    expect(await t.run("--env", "staging", "--yes")).toBe(1);
    expect(t.output()).toContain("cannot tell which Cloudflare account this would deploy to: run npx wrangler login");
    expect(t.calls).toEqual(["wrangler whoami"]);
  });

  it("requires an environment for a real deploy, and knows only staging and production", async () => {
    await expect(setup().run("--yes")).rejects.toThrow("say which environment to deploy to: --env staging or --env production");
    await expect(setup().run("--env", "prod")).rejects.toThrow('--env is staging or production (not "prod")');
    await expect(setup().run("--env")).rejects.toThrow("--env is staging or production");
  });

  it("bundles an environment without uploading or asking on --dry-run", async () => {
    const t = setup();
    expect(await t.run("--dry-run", "--env", "staging", "--no-build")).toBe(0);
    expect(t.calls).toEqual(["wrangler deploy --dry-run --env staging --outdir .canvass/deploy-staging"]);
    expect(t.output()).toContain("bundled the Worker for staging into .canvass/deploy-staging/; nothing was uploaded");
  });
});
