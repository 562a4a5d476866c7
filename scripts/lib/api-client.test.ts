import { describe, expect, it } from "vitest";
import { stackUrl } from "./api-client.ts";

describe("where the CLI finds the stack", () => {
  it("is CANVASS_URL when it is set, whatever PORT says", () => {
    expect(stackUrl({ CANVASS_URL: "https://surveys.example.com/", PORT: "8788" })).toBe("https://surveys.example.com");
  });

  it("is the local stack on PORT when only PORT is set, as npm start serves it", () => {
    expect(stackUrl({ PORT: "8788" })).toBe("http://127.0.0.1:8788");
  });

  it("is http://127.0.0.1:8787 when neither is set", () => {
    expect(stackUrl({})).toBe("http://127.0.0.1:8787");
  });
});
