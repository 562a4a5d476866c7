/**
 * The local stack, as `npm start`, the browser tests and the benchmarks run it:
 * the built site plus the Worker under `wrangler dev`, with local D1/KV/Queues kept
 * in a persistence folder, migrations applied first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT } from "../../build/paths.ts";

export { ROOT };
const BIN = join(ROOT, "node_modules/.bin");

/** Runs a tool from node_modules/.bin with Node 24 first on the PATH; resolves with its output, rejects on failure. */
export function run(tool: string, args: string[], opts: { quiet?: boolean; env?: Record<string, string> } = {}): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(join(BIN, tool), args, {
      cwd: ROOT,
      env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => { out += d; if (!opts.quiet) process.stdout.write(d); });
    child.stderr.on("data", (d: Buffer) => { out += d; if (!opts.quiet) process.stderr.write(d); });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolveRun(out) : reject(new Error(`${tool} ${args.join(" ")} exited with ${code}\n${out.slice(-4000)}`))));
  });
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/**
 * Why `npm start` cannot serve on `port`, or undefined when it can: binding the port
 * briefly is the only sure test (wrangler dev would otherwise start, print its banner,
 * and fail only after the build).
 */
export function portProblem(port: number): Promise<string | undefined> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", (e: NodeJS.ErrnoException) =>
      done(
        e.code === "EADDRINUSE"
          ? `Port ${port} is already in use (is Canvass already running there? Stop it, or choose another port: PORT=${port + 1} npm start).`
          : `Cannot listen on 127.0.0.1:${port}: ${e.message}`,
      ),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => done(undefined)));
  });
}

/** The local secrets `npm start` makes, each with the comment written above it. */
const DEV_SECRETS: { name: string; comment: string }[] = [
  { name: "CANVASS_ADMIN_TOKEN", comment: "The owner's admin token: send it as Authorization: Bearer <token> to /api/admin/*." },
  { name: "CANVASS_SIGNING_KEY", comment: "Signs invitation, opt-out and download links." },
];

/**
 * Makes `.dev.vars` with fresh secrets when it is missing. An existing file is never
 * overwritten: a secret it lacks (one added in a later version) is appended, and every
 * value already there is kept. Returns the admin token in force and whether the file is new.
 */
export async function ensureDevVars(file = join(ROOT, ".dev.vars")): Promise<{ file: string; token: string; created: boolean; added: string[] }> {
  const created = !existsSync(file);
  const text = created ? "# Local secrets for wrangler dev, made by `npm start`. Never commit this file.\n" : await readFile(file, "utf8");
  const missing = DEV_SECRETS.filter((s) => !new RegExp(`^${s.name}\\s*=`, "m").test(text));
  const additions = missing.map((s) => `# ${s.comment}\n${s.name}="${randomBytes(32).toString("base64url")}"\n`).join("");
  if (additions) await writeFile(file, `${text}${text.endsWith("\n") || !text ? "" : "\n"}${additions}`, { mode: 0o600 });
  const final = text + additions;
  const token = /^CANVASS_ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(final)?.[1] ?? "";
  return { file, token, created, added: missing.map((s) => s.name) };
}

/** Applies the D1 migrations to the local database kept in `persistTo` (of the Worker in `config`, wrangler.toml by default). */
export async function applyMigrations(persistTo: string, quiet = true, config?: string): Promise<void> {
  await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo, ...(config ? ["--config", config] : [])], { quiet, env: { CI: "true" } });
}

/** Runs SQL against the local D1 in `persistTo` and returns the rows. */
export async function queryLocalD1<T = Record<string, unknown>>(persistTo: string, sql: string): Promise<T[]> {
  const out = await run("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--json", "--command", sql], { quiet: true });
  const json = JSON.parse(out.slice(out.indexOf("["))) as { results: T[] }[];
  return json.flatMap((r) => r.results);
}

export type RunningWorker = { url: string; process: ChildProcess; stop: () => Promise<void> };

/** Starts `wrangler dev` on 127.0.0.1 and resolves once it answers /api/health. */
export async function startWorker(opts: { port: number; persistTo: string; vars?: Record<string, string>; quiet?: boolean; /** Serve this folder instead of dist/. */ assets?: string; /** Another Worker's wrangler.toml (the benchmarks' ceiling). */ config?: string }): Promise<RunningWorker> {
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(opts.port), "--persist-to", opts.persistTo, "--show-interactive-dev-session=false"];
  if (opts.config) args.push("--config", opts.config);
  if (opts.assets) args.push("--assets", opts.assets);
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push("--var", `${k}:${v}`);
  const child = spawn(join(BIN, "wrangler"), args, {
    cwd: ROOT,
    // No Request.cf download from Cloudflare (local requests get miniflare's placeholder), no metrics:
    // the local stack must not depend on, or talk to, anything beyond this machine.
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: ["ignore", opts.quiet ? "ignore" : "inherit", opts.quiet ? "ignore" : "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try { process.kill(-child.pid!, "SIGTERM"); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ }
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, process: child, stop };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error("wrangler dev did not answer /api/health within 90 s");
}
