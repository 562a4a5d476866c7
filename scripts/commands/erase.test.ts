/**
 * `canvass erase` against a stand-in API on a loopback port: it sends the normalised
 * address with the token, prints the counts per table, asks first unless --yes, refuses
 * without a terminal to ask on, and turns refusals into the Worker's sentence with exit 1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErasureReport } from "../../core/api/people.ts";
import { main } from "../cli.ts";
import { eraseCommandWith, type Confirm } from "./erase.ts";
import { runCommand, standInApi } from "./stand-in-api.ts";

const REPORT: ErasureReport = { erased: { contacts: 1, invitations: 2, responses: 1, leads: 0 }, suppressed: true };
const seen: { method: string; path: string; auth: string | undefined; body: string }[] = [];
let api: { close: () => Promise<void> };

beforeAll(async () => {
  api = await standInApi((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({ method: req.method!, path: req.url!, auth: req.headers.authorization, body });
      const email = (JSON.parse(body) as { email: string }).email;
      if (email === "refused@example.com") res.writeHead(422, { "content-type": "application/json" }).end(JSON.stringify({ error: "Send the address to erase." }));
      else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(REPORT));
    });
  }, "erase-token");
});
afterAll(() => api.close());

const answering = (answer: boolean | undefined): Confirm & { asked: string[] } => {
  const asked: string[] = [];
  return Object.assign(async (q: string) => (asked.push(q), answer), { asked });
};

describe("canvass erase", () => {
  it("with --yes erases the normalised address through the API and prints the counts per table", async () => {
    seen.length = 0;
    const confirm = answering(false);
    const r = await runCommand(eraseCommandWith(confirm), ["  Ada@Example.COM ", "--yes"], process.cwd());
    expect(r).toEqual({
      code: 0,
      out: ["erased ada@example.com:", "  contacts     1", "  invitations  2", "  responses    1", "  leads        0", "The address stays on the suppression list (as a hash): it is never invited again."].join("\n"),
      err: "",
    });
    expect(confirm.asked).toEqual([]);
    expect(seen).toEqual([{ method: "POST", path: "/api/admin/people/erase", auth: "Bearer erase-token", body: '{"email":"ada@example.com"}' }]);
  });

  it("asks first, and erases only on yes", async () => {
    seen.length = 0;
    const no = answering(false);
    expect(await runCommand(eraseCommandWith(no), ["ada@example.com"], process.cwd())).toEqual({ code: 1, out: "", err: "canvass erase: nothing erased" });
    expect(no.asked[0]).toMatch(/^Erase every record of ada@example.com at http:\/\/127\.0\.0\.1:\d+\? This cannot be undone\.$/);
    expect(seen).toEqual([]);
    const yes = answering(true);
    expect((await runCommand(eraseCommandWith(yes), ["ada@example.com"], process.cwd())).code).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it("without a terminal to ask on, refuses unless --yes, and sends nothing", async () => {
    seen.length = 0;
    const r = await runCommand(eraseCommandWith(answering(undefined)), ["ada@example.com"], process.cwd());
    expect(r.code).toBe(1);
    expect(r.err).toContain("add --yes");
    expect(seen).toEqual([]);
  });

  it("a refusal is the Worker's sentence and exit 1; a non-address never reaches the API", async () => {
    seen.length = 0;
    expect(await runCommand(eraseCommandWith(answering(true)), ["refused@example.com", "--yes"], process.cwd())).toEqual({ code: 1, out: "", err: "canvass erase: Send the address to erase." });
    expect(await runCommand(eraseCommandWith(answering(true)), ["ada at example", "--yes"], process.cwd())).toEqual({ code: 1, out: "", err: 'canvass erase: "ada at example" is not an email address (like ada@example.com)' });
    expect(seen).toHaveLength(1);
  });

  it("is a listed command; no address, or two, is a usage error (exit 2)", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd: process.cwd() };
    expect(await main(["--help"], io)).toBe(0);
    expect(out.join("\n")).toMatch(/^ {2}erase +erase a person's/m);
    expect(await main(["erase"], io)).toBe(2);
    expect(await main(["erase", "a@example.com", "b@example.com", "--yes"], io)).toBe(2);
    expect(err.join("\n")).toContain("one address at a time (got 2)");
  });
});
