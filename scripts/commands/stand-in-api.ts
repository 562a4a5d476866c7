/**
 * For the tests of commands that talk to the Worker: a stand-in API on loopback (the
 * fetch boundary the real client uses), pointed at through CANVASS_URL and CANVASS_TOKEN
 * exactly as a user would, and a way to run a command and keep what it printed.
 *
 * @example
 *   const api = await standInApi((req, res) => res.end("{}"), "test-token");
 *   const r = await runCommand(exportCommand, ["poll"], dir); // { code, out, err }
 *   await api.close();
 */
import { createServer, type RequestListener } from "node:http";
import type { Command, Io } from "./command.ts";

export async function standInApi(handler: RequestListener, token: string): Promise<{ close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  process.env.CANVASS_URL = `http://127.0.0.1:${port}`;
  process.env.CANVASS_TOKEN = token;
  return {
    close: async () => {
      await new Promise((r) => server.close(r));
      delete process.env.CANVASS_URL;
      delete process.env.CANVASS_TOKEN;
    },
  };
}

export async function runCommand(cmd: Command, args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), cwd };
  const code = await cmd.run(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
