import { describe, expect, it } from "vitest";
import { nowSeconds, redactTokens, signToken, verifyToken } from "./tokens.ts";

const KEY = "a-signing-key-for-tests-only-0000";
const claim = { purpose: "paper" as const, sub: "lead-1", ref: "paper-a", exp: nowSeconds() + 60 };

describe("signed tokens", () => {
  it("round-trip and reveal only the opaque ids they were given", async () => {
    const t = await signToken(claim, KEY);
    expect(await verifyToken(t, KEY, { purpose: "paper", ref: "paper-a" })).toEqual(claim);
    expect(atob(t.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/"))).not.toMatch(/@/);
  });

  it("an altered claim or signature is forged; another key is forged", async () => {
    const t = await signToken(claim, KEY);
    const [body, sig] = t.split(".");
    const other = await signToken({ ...claim, sub: "lead-2" }, KEY);
    expect(await verifyToken(`${other.split(".")[0]}.${sig}`, KEY, { purpose: "paper" })).toEqual({ problem: "forged" });
    // Deterministic for every random signature: the first character always changes, so the
    // altered signature can never equal the real one (replacing the last two characters with
    // "AA" left it unchanged about once in a thousand runs, and the test failed).
    const altered = `${sig![0] === "A" ? "B" : "A"}${sig!.slice(1)}`;
    expect(await verifyToken(`${body}.${altered}`, KEY, { purpose: "paper" })).toEqual({ problem: "forged" });
    expect(await verifyToken(t, "another-key-entirely-000000000", { purpose: "paper" })).toEqual({ problem: "forged" });
  });

  it("only the canonical spelling of a signature verifies: the unused bits of its last character must be zero", async () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const t = await signToken(claim, KEY);
    const last = alphabet.indexOf(t.at(-1)!);
    expect(last % 4, "a 32-byte signature leaves two unused bits").toBe(0);
    for (const extra of [1, 2, 3]) {
      const variant = t.slice(0, -1) + alphabet[last + extra];
      expect(await verifyToken(variant, KEY, { purpose: "paper" }), variant).toEqual({ problem: "forged" });
    }
    expect(await verifyToken(t, KEY, { purpose: "paper" })).toEqual(claim);
  });

  it("a token for paper A is refused for paper B, and for another purpose", async () => {
    const t = await signToken(claim, KEY);
    expect(await verifyToken(t, KEY, { purpose: "paper", ref: "paper-b" })).toEqual({ problem: "wrong-target" });
    expect(await verifyToken(t, KEY, { purpose: "optout" })).toEqual({ problem: "wrong-purpose" });
  });

  it("an expired token is refused", async () => {
    const t = await signToken({ ...claim, exp: 1000 }, KEY);
    expect(await verifyToken(t, KEY, { purpose: "paper" })).toEqual({ problem: "expired" });
  });

  it("garbage is malformed, never an exception", async () => {
    for (const g of ["", ".", "a.b.c", "%%%.###", "x".repeat(2000), "eyJ9.AAAA"]) {
      expect(await verifyToken(g, KEY, { purpose: "paper" }), g).toHaveProperty("problem");
    }
  });
});

describe("redacting tokens from log lines", () => {
  it("replaces every token in a text, in a path, a query or a fragment, and leaves the rest", async () => {
    const a = await signToken({ purpose: "invitation", sub: crypto.randomUUID(), ref: "poll" }, KEY);
    const b = await signToken({ purpose: "optout", sub: crypto.randomUUID(), ref: "poll" }, KEY);
    const line = `mail API answered 422: bad link https://x.test/s/poll/#t=${a} and <https://x.test/api/optout/${b}>; id 1234.5678`;
    const clean = redactTokens(line);
    expect(clean).toBe("mail API answered 422: bad link https://x.test/s/poll/#t=<token> and <https://x.test/api/optout/<token>>; id 1234.5678");
    expect(clean).not.toContain(a.split(".")[1]);
  });
});
