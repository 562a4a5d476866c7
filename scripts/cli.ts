/**
 * The `canvass` command line: dispatches to one module per subcommand under
 * scripts/commands/. Run through scripts/canvass.js (the package's `bin`), or
 * directly with a Node that strips types: `node scripts/cli.ts check`.
 *
 * @example
 *   $ npx canvass check
 *   checked 3 surveys, 0 problems
 */
import { pathToFileURL } from "node:url";
import { build } from "./commands/build.ts";
import { check } from "./commands/check.ts";
import { deploy } from "./commands/deploy.ts";
import { erase } from "./commands/erase.ts";
import { dev } from "./commands/dev.ts";
import { exportCommand } from "./commands/export.ts";
import { invite } from "./commands/invite.ts";
import { type Command, type Io, UsageError } from "./commands/command.ts";
import { newSurvey } from "./commands/new.ts";
import { outbox } from "./commands/outbox.ts";
import { report } from "./commands/report.ts";
import { token } from "./commands/token.ts";
import { closest } from "../core/parse/messages.ts";

const COMMANDS: Command[] = [newSurvey, check, build, dev, invite, outbox, exportCommand, report, deploy, token, erase];

/** Names the README reserves for commands not built yet: answered with a sentence, not "unknown command". */
export const RESERVED: string[] = [];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: canvass <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run canvass <command> --help for a command's options.",
  ].join("\n");
}

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const command = COMMANDS.find((c) => c.name === args[0]);
    io.out(command ? command.help : overview());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command && RESERVED.includes(name)) {
    io.err(`canvass ${name}: not built yet`);
    return 2;
  }
  if (!command) {
    const near = closest(name, COMMANDS.map((c) => c.name));
    io.err(`canvass: unknown command "${name}"${near ? ` (did you mean "${near}"?)` : ""}\n\n${overview()}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`canvass ${name}: ${e.message}\nRun canvass ${name} --help for usage.`);
    return 2;
  }
}

function processIo(): Io {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = await main(process.argv.slice(2));
