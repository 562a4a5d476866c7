/**
 * The opt-out POST reads a bounded body: an RFC 8058 one-click body is a tiny form
 * (`List-Unsubscribe=One-Click`), so anything much larger is refused with a 413 before it
 * is parsed, whether it announces its length or arrives in chunks, and opts nobody out.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { optoutLink } from "../../../worker/invitations/links.ts";
import { call } from "../helpers.ts";
import { seedInvitation } from "./helpers.ts";

const suppressions = async () => (await env.DB.prepare("SELECT count(*) AS n FROM suppressions").first<{ n: number }>())!.n;
const form = { "content-type": "application/x-www-form-urlencoded", accept: "text/html" };

function chunks(count: number, size: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode("x".repeat(size));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ < count) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

describe("the opt-out POST body", () => {
  it("a body over 4 KB is a 413 with a sentence, and changes nothing", async () => {
    const s = await seedInvitation({});
    const path = new URL(await optoutLink(env, s.email, "invite-poll")).pathname;
    const big = `List-Unsubscribe=One-Click&pad=${"x".repeat(5 * 1024 * 1024)}`;
    const res = await call(path, { method: "POST", headers: form, body: big });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("An opt-out request is at most 4 KB");
    expect(await suppressions()).toBe(0);
  });

  it("a chunked body over the limit is a 413 too", async () => {
    const s = await seedInvitation({});
    const path = new URL(await optoutLink(env, s.email, "invite-poll")).pathname;
    const res = await call(path, { method: "POST", headers: form, body: chunks(64, 1024), duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(await suppressions()).toBe(0);
  });

  it("a one-click body within the limit still opts out, streamed or not", async () => {
    const s = await seedInvitation({});
    const path = new URL(await optoutLink(env, s.email, "invite-poll")).pathname;
    expect((await call(path, { method: "POST", headers: form, body: "List-Unsubscribe=One-Click" })).status).toBe(200);
    expect((await call(path, { method: "POST", headers: form, body: chunks(2, 100), duplex: "half" } as RequestInit)).status).toBe(200);
    expect(await suppressions()).toBe(1);
  });
});
