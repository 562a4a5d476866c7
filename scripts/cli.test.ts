import { describe, expect, it } from "vitest";
import { COMMANDS, main } from "./cli.ts";
import type { Io } from "./commands/command.ts";

async function canvass(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: process.cwd() };
  return { code: await main(args, io), out: out.join("\n"), err: err.join("\n") };
}

describe("the canvass dispatcher", () => {
  it("lists every command of the CLI contract in its help", async () => {
    const { code, out } = await canvass("--help");
    expect(code).toBe(0);
    for (const name of ["new", "check", "build", "dev", "invite", "export", "report", "token", "deploy", "outbox"]) expect(out).toMatch(new RegExp(`^  ${name} `, "m"));
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

  it("says a command is not implemented yet, and exits 2", async () => {
    const names = COMMANDS.filter((c) => c.summary.endsWith("(not implemented yet)")).map((c) => c.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(await canvass(name)).toEqual({ code: 2, out: "", err: `canvass ${name}: not implemented yet` });
  });
});
