import { describe, expect, it } from "vitest";
import { countryCode, isAdminPath, normalisePath, referrerDomain } from "./normalise.ts";

describe("normalisePath: what is kept of a page's address", () => {
  it("drops every query parameter but the three utm ones, in a fixed order, and the fragment", () => {
    expect(normalisePath("/s/poll/?t=personal.token&utm_campaign=spring&utm_source=mail&email=a@b.c#q2")).toBe("/s/poll/?utm_source=mail&utm_campaign=spring");
    expect(normalisePath("/s/poll/?t=secret")).toBe("/s/poll/");
    expect(normalisePath("/")).toBe("/");
  });

  it("drops a campaign value that looks like an email address", () => {
    expect(normalisePath("/?utm_source=someone@example.com&utm_medium=email")).toBe("/?utm_medium=email");
  });

  it("cuts long paths and campaign values to a sane length without breaking an escape", () => {
    const long = normalisePath(`/${"é".repeat(500)}?utm_source=${"x".repeat(500)}`)!;
    expect(long.length).toBeLessThanOrEqual(200 + "?utm_source=".length + 64);
    expect(long.split("?")[0]).toMatch(/^(\/|%C3%A9)+$/);
    expect(normalisePath(`/${"a".repeat(5_000_000)}`)!.length).toBe(200);
  });

  it("refuses what is not a path on this site", () => {
    for (const raw of ["", "s/poll", "//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"]) expect(normalisePath(raw), raw).toBeUndefined();
  });

  it("recognises the admin pages", () => {
    expect(isAdminPath("/admin/stats/")).toBe(true);
    expect(isAdminPath("/admin")).toBe(true);
    expect(isAdminPath("/administer/")).toBe(false);
  });
});

describe("referrerDomain: never more than the referring site's domain", () => {
  it("keeps only the host, without www, from a URL or a bare host", () => {
    expect(referrerDomain("https://www.News.Example/article/7?id=abc#x", "canvass.example")).toBe("news.example");
    expect(referrerDomain("news.example", "canvass.example")).toBe("news.example");
    expect(referrerDomain("http://blog.example:8080/p", "canvass.example")).toBe("blog.example");
  });

  it("drops self-referrals, non-web schemes, IP addresses and garbage", () => {
    expect(referrerDomain("https://canvass.example/s/x/", "canvass.example")).toBeUndefined();
    expect(referrerDomain("https://www.canvass.example/", "canvass.example:443")).toBeUndefined();
    for (const raw of [undefined, "", "   ", "android-app://com.example", "ftp://x.example", "http://192.168.1.7/", "http://[2001:db8::1]/", "not a url", "a..b", "<script>"])
      expect(referrerDomain(raw, "canvass.example"), String(raw)).toBeUndefined();
  });
});

describe("countryCode", () => {
  it("is Cloudflare's two-letter code, or XX", () => {
    expect(countryCode("DE")).toBe("DE");
    expect(countryCode("T1")).toBe("T1");
    for (const raw of [undefined, "", "de", "DEU", 42, "1.2.3.4"]) expect(countryCode(raw)).toBe("XX");
  });
});
