/**
 * `canvass erase <email> [--yes]`: erases one person's data through the API
 * (POST /api/admin/people/erase, worker/people/erase.ts): their contacts, invitations,
 * the responses linked to them and their white-paper leads, keeping the address on the
 * suppression list so they are never invited again. Asks before erasing unless `--yes`;
 * without a terminal to ask on, `--yes` is required. Prints what was deleted, per table.
 * With a client's token (CANVASS_TOKEN) only that client's data is erased.
 *
 * @example
 *   $ npx canvass erase ada@example.com --yes
 *   erased ada@example.com:
 *     contacts      1
 *     invitations   2
 *     responses     1
 *     leads         0
 *   The address stays on the suppression list (as a hash): it is never invited again.
 */
import { createInterface } from "node:readline/promises";
import type { ErasureReport, ErasureRequest } from "../../core/api/people.ts";
import { isEmailAddress, normaliseEmail } from "../../core/email/address.ts";
import { ApiError, apiTarget, refusal, type ApiTarget } from "../lib/api-client.ts";
import { readArgs, UsageError, type Command } from "./command.ts";

const USAGE = "canvass erase <email> [--yes]";

/** Asks a yes/no question; undefined when there is no one to ask (no terminal). */
export type Confirm = (question: string) => Promise<boolean | undefined>;

/** The terminal's answer: only y or yes erases. */
export const askOnTerminal: Confirm = async (question) => {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
};

/** POSTs the erasure; the report, or an ApiError with the Worker's sentence. */
export async function requestErasure(target: ApiTarget, email: string): Promise<ErasureReport> {
  let res: Response;
  try {
    res = await fetch(`${target.url}/api/admin/people/erase`, {
      method: "POST",
      headers: { authorization: `Bearer ${target.token}`, accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ email } satisfies ErasureRequest),
    });
  } catch (e) {
    throw new ApiError(`cannot reach ${target.url} (is \`npm start\` running? Set CANVASS_URL, or PORT as for npm start): ${(e as Error).message}`, 0);
  }
  if (!res.ok) throw await refusal(res);
  return (await res.json()) as ErasureReport;
}

/** The report as lines: one per table, counts aligned. */
export function reportLines(address: string, report: ErasureReport): string[] {
  const rows = Object.entries(report.erased);
  const width = Math.max(...rows.map(([table]) => table.length)) + 2;
  return [
    `erased ${address}:`,
    ...rows.map(([table, n]) => `  ${table.padEnd(width)}${n}`),
    "The address stays on the suppression list (as a hash): it is never invited again.",
  ];
}

export function eraseCommandWith(confirm: Confirm): Command {
  return {
    name: "erase",
    summary: "erase a person's contacts, invitations, linked responses and leads",
    help: [
      `Usage: ${USAGE}`,
      "",
      "Erases everything stored about one email address: contacts and invitations (every",
      "client's list), responses given through an invitation or naming the address as an",
      "answer, and white-paper leads. The address stays on the suppression list, as a hash,",
      "so it is never invited again. Asks first unless --yes (required without a terminal).",
      "With a client's token, only that client's surveys and papers are erased.",
      "Talks to CANVASS_URL (else http://127.0.0.1:$PORT when PORT is set, else port 8787)",
      "with CANVASS_TOKEN.",
    ].join("\n"),
    async run(args, io) {
      const { values, positionals } = readArgs(args, { yes: { type: "boolean", short: "y" } });
      if (positionals.length !== 1) throw new UsageError(positionals.length ? `one address at a time (got ${positionals.length})` : `which address? ${USAGE}`);
      const address = normaliseEmail(positionals[0]!);
      if (!isEmailAddress(address)) {
        io.err(`canvass erase: "${address.slice(0, 80)}" is not an email address (like ada@example.com)`);
        return 1;
      }
      try {
        const target = await apiTarget();
        if (!values.yes) {
          const yes = await confirm(`Erase every record of ${address} at ${target.url}? This cannot be undone.`);
          if (yes === undefined) {
            io.err("canvass erase: nothing erased; there is no terminal to confirm on, so add --yes to erase without asking");
            return 1;
          }
          if (!yes) {
            io.err("canvass erase: nothing erased");
            return 1;
          }
        }
        for (const line of reportLines(address, await requestErasure(target, address))) io.out(line);
        return 0;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        io.err(`canvass erase: ${e.message}`);
        return 1;
      }
    },
  };
}

export const erase = eraseCommandWith(askOnTerminal);
