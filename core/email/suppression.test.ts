import { describe, expect, it } from "vitest";
import { sha256Hex } from "../hash.ts";
import { normaliseEmail } from "./address.ts";
import { suppressionHash } from "./suppression.ts";

const KEY = "test-signing-key-0123456789abcdef";

describe("the suppression hash", () => {
  it("is the same for every spelling of one address under one key", async () => {
    expect(await suppressionHash(normaliseEmail(" Al@Example.COM "), KEY)).toBe(await suppressionHash(normaliseEmail("al@example.com"), KEY));
    expect(await suppressionHash("al@example.com", KEY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is keyed: another secret gives another value, and it is never the bare SHA-256 a guess could be checked against", async () => {
    const keyed = await suppressionHash("al@example.com", KEY);
    expect(await suppressionHash("al@example.com", `${KEY}-other`)).not.toBe(keyed);
    expect(keyed).not.toBe(await sha256Hex("al@example.com"));
    // Interleaved secrets: the remembered key follows the secret asked for.
    expect(await suppressionHash("al@example.com", KEY)).toBe(keyed);
  });

  it("refuses a secret too short to key anything", async () => {
    await expect(suppressionHash("al@example.com", "short")).rejects.toThrow(/16 characters/);
  });
});
