/**
 * The shape of one `canvass` subcommand. Each lives in its own module and writes
 * through `io`, so tests can run it in-process and read what it printed; only
 * scripts/cli.ts touches `process`.
 *
 * Exit codes: 0 done, 1 the command refused or found problems, 2 wrong usage
 * (or a reserved command not built yet).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export type Io = {
  /** Normal output (results, the summary), one line per call. */
  out(line: string): void;
  /** Errors and refusals. */
  err(line: string): void;
  /** Folder that relative paths start from. */
  cwd: string;
};

export type Command = {
  name: string;
  /** One line for `canvass --help`. */
  summary: string;
  /** Full text for `canvass <name> --help`. */
  help: string;
  run(args: string[], io: Io): Promise<number>;
};

/** Thrown for wrong usage; the dispatcher prints it with the command's help hint and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** `node:util` parseArgs, strict, with unknown options turned into a `UsageError`. */
export function readArgs<O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0]!.replace(/\. To specify a positional.*$/, ""));
  }
}
