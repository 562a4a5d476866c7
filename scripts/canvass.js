#!/usr/bin/env node
// The `canvass` command. The CLI is TypeScript (scripts/cli.ts), which Node runs
// directly only where it can strip types (22.18+, 23.6+). On an older system Node
// this launcher re-runs the CLI with the Node 24 that `npm install` put in
// node_modules (the `node` devDependency), so `npx canvass` works either way.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

if (process.features.typescript) {
  const { main } = await import("./cli.ts");
  process.exitCode = await main(args);
} else {
  const root = join(here, "..");
  const bundled = [join(root, "node_modules", "node", "bin", "node"), join(root, "node_modules", ".bin", "node")].find((p) => existsSync(p));
  if (!bundled) {
    console.error(`canvass needs Node 22.18 or newer (this is ${process.version}); run npm install in ${root} to get the Node it is tested with.`);
    process.exit(1);
  }
  const child = spawnSync(bundled, [join(here, "cli.ts"), ...args], { stdio: "inherit" });
  if (child.error) {
    console.error(`canvass: could not start ${bundled}: ${child.error.message}`);
    process.exit(1);
  }
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}
