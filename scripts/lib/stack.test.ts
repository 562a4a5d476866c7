import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createServer, type AddressInfo } from "node:net";
import { ensureDevVars, portProblem } from "./stack.ts";

describe(".dev.vars", () => {
  it("is created with an admin token and a signing key when missing", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "devvars-")), ".dev.vars");
    const made = await ensureDevVars(file);
    expect(made.created).toBe(true);
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(file, "utf8")).toMatch(/^CANVASS_SIGNING_KEY="[A-Za-z0-9_-]{43}"$/m);
  });

  it("is never overwritten: existing values stay, only a missing secret is appended", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "devvars-")), ".dev.vars");
    writeFileSync(file, 'CANVASS_ADMIN_TOKEN="mine"\nOTHER=1');
    const again = await ensureDevVars(file);
    expect(again).toMatchObject({ created: false, token: "mine", added: ["CANVASS_SIGNING_KEY"] });
    const text = readFileSync(file, "utf8");
    expect(text.startsWith('CANVASS_ADMIN_TOKEN="mine"\nOTHER=1\n')).toBe(true);
    const third = await ensureDevVars(file);
    expect(third.added).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe(text);
  });
});

describe("the port npm start serves on", () => {
  it("is refused when something already listens on it, with how to choose another", async () => {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const { port } = server.address() as AddressInfo;
    try {
      const taken = await portProblem(port);
      expect(taken).toContain(`Port ${port} is already in use`);
      expect(taken).toContain(`PORT=${port + 1} npm start`);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
    expect(await portProblem(port)).toBeUndefined();
  });
});
