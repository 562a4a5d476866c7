import { describe, expect, it } from "vitest";
import { countedPaths } from "./counted-paths.ts";
import { listedPath, pagePathOf } from "../core/stats/paths.ts";

describe("the pages visitor statistics count", () => {
  it("are the output's HTML pages by URL, without the admin pages, the 404 page and the Worker's template", () => {
    const files = ["index.html", "privacy/index.html", "s/poll/index.html", "s\\poll\\thanks\\index.html", "admin/index.html", "admin/stats/index.html", "404.html", "_canvass/page/index.html", "_canvass/surveys.json", "papers/guide/cover.svg", "embed.js"];
    expect(countedPaths(files)).toEqual({ format: 1, paths: ["/", "/privacy/", "/s/poll/", "/s/poll/thanks/"] });
    expect(pagePathOf("about.html")).toBe("/about.html");
  });

  it("a beacon's pathname finds its page with or without the trailing slash or index.html, and nothing else does", () => {
    const listed = new Set(["/", "/s/poll/"]);
    for (const p of ["/s/poll/", "/s/poll", "/s/poll/index.html"]) expect(listedPath(p, listed), p).toBe("/s/poll/");
    expect(listedPath("/index.html", listed)).toBe("/");
    for (const p of ["/s/poll/x/", "/s/pol", "/s/poll//", "/made-up/", "/s/poll/index.htm"]) expect(listedPath(p, listed), p).toBeUndefined();
  });
});
