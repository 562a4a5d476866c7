import { describe, expect, it } from "vitest";
import { main, RESERVED } from "./cli.ts";
import type { Io } from "./commands/command.ts";

async function canvass(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: process.cwd() };
  return { code: await main(args, io), out: out.join("\n"), err: err.join("\n") };
}

describe("the canvass dispatcher", () => {
  it("lists every working command in its help, and none that is not built", async () => {
    const { code, out } = await canvass("--help");
    expect(code).toBe(0);
    for (const name of ["new", "check", "build", "dev", "invite", "deploy", "outbox", "token", "erase"]) expect(out).toMatch(new RegExp(`^  ${name} `, "m"));
    for (const name of RESERVED) expect(out).not.toMatch(new RegExp(`^  ${name} `, "m"));
  });

  it("prints a command's own help with --help or help <command>", async () => {
    expect((await canvass("check", "--help")).out).toMatch(/^Usage: canvass check \[dir\]/);
    expect((await canvass("help", "new")).out).toMatch(/^Usage: canvass new <id>/);
  });

  it("suggests the command a typo meant, and exits 2", async () => {
    const { code, err } = await canvass("chek");
    expect(code).toBe(2);
    expect(err).toContain('unknown command "chek" (did you mean "check"?)');
  });

  it("says a reserved command is not built yet, and exits 2", async () => {
    expect(RESERVED).toEqual([]);
    for (const name of RESERVED) expect(await canvass(name)).toEqual({ code: 2, out: "", err: `canvass ${name}: not built yet` });
  });
});
