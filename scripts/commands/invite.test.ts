/**
 * `canvass invite` and `canvass outbox` against a stand-in API on a loopback port:
 * the list is read and deduplicated across the whole file, sent in chunks, the
 * server's per-chunk row numbers are mapped back to the file's rows, and refusals
 * are reported without a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "./command.ts";
import { runCommand, standInApi } from "./stand-in-api.ts";
import { CHUNK_ROWS } from "../lib/invite-client.ts";
import { invite } from "./invite.ts";
import { outbox } from "./outbox.ts";

type Received = { path: string; auth: string | undefined; body: { source: string; client: string; wave?: string; contacts: Record<string, string>[] } };
const received: Received[] = [];
let api: { close: () => Promise<void> };
const dir = mkdtempSync(join(tmpdir(), "canvass-invite-"));

beforeAll(async () => {
  api = await standInApi((req, res) => {
    let data = "";
    req.on("data", (d) => (data += d));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.url?.startsWith("/api/admin/outbox")) {
        res.end(JSON.stringify({ messages: [{ id: "1", to: "al@example.com", subject: "Hi Al", headers: {}, text: "Hello Al\nhttp://x/s/p/?t=abc", html: "", created_at: "2026-12-01T00:00:00Z" }] }));
        return;
      }
      if (req.url?.includes("/multilingual-poll/")) {
        // As the Worker refuses a language the survey is not offered in: rows numbered within the request.
        const body = JSON.parse(data) as Received["body"];
        const errors = Object.fromEntries(body.contacts.flatMap((c, i) => (c.language === "it" ? [[String(i + 1), `language "it" is not one this survey is offered in (en, de)`]] : [])));
        res.statusCode = 422;
        res.end(JSON.stringify({ error: "No invitations were stored: …", errors }));
        return;
      }
      if (req.url?.includes("/closed-poll/")) {
        res.statusCode = 410;
        res.end(JSON.stringify({ error: "This survey has closed and no longer takes answers. No invitations were stored." }));
        return;
      }
      const body = JSON.parse(data) as Received["body"];
      received.push({ path: req.url!, auth: req.headers.authorization, body });
      // Reject the second contact of every chunk, as the server would an address it refuses.
      res.end(JSON.stringify({ accepted: body.contacts.length - 1, rejected: [{ row: 2, reason: "invalid address", email: body.contacts[1]!.email }], suppressed: 0, already_invited: 0, queued: body.contacts.length - 1, pending: 0 }));
    });
  }, "cli-test-token");
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (cmd: Command, args: string[]) => runCommand(cmd, args, dir);

describe("canvass invite", () => {
  it("uploads a long list in chunks, with progress, and maps rejected rows back to the file", async () => {
    const rows = Array.from({ length: CHUNK_ROWS + 10 }, (_, i) => `p${i}@example.com,Person ${i}`);
    writeFileSync(join(dir, "list.csv"), `email,name\r\n${rows.join("\r\n")}\r\nP0@Example.com,Again\r\n`);
    const { code, out, err } = await run(invite, ["invite-poll", "list.csv", "--source", "client", "--client", "Acme", "--wave", "2"]);
    expect(code).toBe(0);
    expect(received.map((r) => r.body.contacts.length)).toEqual([CHUNK_ROWS, 10]);
    expect(received[0]).toMatchObject({ path: "/api/admin/surveys/invite-poll/invitations", auth: "Bearer cli-test-token", body: { source: "client", client: "Acme", wave: "2" } });
    expect(received[0]!.body.contacts[0]).toEqual({ email: "p0@example.com", name: "Person 0" });
    expect(err).toMatch(/100%/);
    expect(out).toContain(`invite-poll: ${CHUNK_ROWS + 10 - 2} invited, 3 rejected`);
    // The duplicate was found across the whole file (last row), the others are the second row of each chunk.
    expect(out).toContain("row 3: invalid address (p1@example.com)");
    expect(out).toContain(`row ${CHUNK_ROWS + 3}: invalid address (p${CHUNK_ROWS + 1}@example.com)`);
    expect(out).toContain(`row ${CHUNK_ROWS + 12}: duplicate in the list (P0@Example.com)`);
  });

  it("refuses a list without a source, and reports the server's refusal", async () => {
    writeFileSync(join(dir, "one.csv"), "email\nal@example.com\n");
    await expect(run(invite, ["invite-poll", "one.csv", "--client", "Acme"])).rejects.toThrow(/--source is required/);
    const closed = await run(invite, ["closed-poll", "one.csv", "--source", "panel", "--client", "Acme"]);
    expect(closed.code).toBe(1);
    expect(closed.err).toContain("This survey has closed");
  });

  it("sends each contact's language, and names the file's rows whose language the survey is not offered in", async () => {
    writeFileSync(join(dir, "langs.csv"), "email,language\nnope\nal@example.com,de\nbo@example.com,it\n");
    const r = await run(invite, ["multilingual-poll", "langs.csv", "--source", "client", "--client", "Acme"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("canvass invite: langs.csv: the server refused the list");
    // Row 2 (an invalid address) never reached the server, so bo@ is the request's row 2 and the file's row 4.
    expect(r.err).toContain('langs.csv:4: language "it" is not one this survey is offered in (en, de)');
  });

  it("refuses a file without an email column before sending anything", async () => {
    writeFileSync(join(dir, "bad.csv"), "name\nAl\n");
    const before = received.length;
    const r = await run(invite, ["invite-poll", "bad.csv", "--source", "client", "--client", "Acme"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("no email column");
    expect(received.length).toBe(before);
  });
});

describe("canvass outbox", () => {
  it("lists the messages with their text", async () => {
    const r = await run(outbox, ["--limit", "5"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("to al@example.com");
    expect(r.out).toContain("Subject: Hi Al");
    expect(r.out).toContain("http://x/s/p/?t=abc");
  });
});
