/**
 * The author's loop: a change in a watched folder makes one rebuild shortly after, with a
 * line in the terminal; a burst of changes makes one build, a broken build says the last
 * good one is still served. Real folders and node:fs watch, a stub build.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeChanges, watchContent, type Watcher } from "./watch.ts";

let dir: string;
let watcher: Watcher | undefined;
afterEach(async () => {
  watcher?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function setup(result: () => boolean) {
  dir = await mkdtemp(join(tmpdir(), "canvass-watch-"));
  const lines: string[] = [];
  let builds = 0;
  let clock = 0;
  watcher = watchContent({
    targets: [{ dir, label: "surveys/" }, { dir, only: "canvass.config.ts" }],
    rebuild: async () => {
      builds++;
      clock += 1800;
      return result();
    },
    log: (l) => lines.push(l),
    debounceMs: 50,
    now: () => clock,
  });
  return { lines, builds: () => builds };
}

describe("watching the content", () => {
  it("an edited survey file is rebuilt once and reported with its name and the build time", async () => {
    const w = await setup(() => true);
    await writeFile(join(dir, "x.yaml"), "title: X\n");
    await expect.poll(() => w.lines).toContain("surveys/x.yaml changed: rebuilt in 1.8 s");
    await watcher!.idle();
    expect(w.builds()).toBe(1);
  });

  it("a burst of changes to several files makes one build that names them", async () => {
    const w = await setup(() => true);
    await Promise.all(["a.yaml", "b.md"].map((f) => writeFile(join(dir, f), "x")));
    await expect.poll(() => w.lines.length).toBe(1);
    await watcher!.idle();
    expect(w.builds()).toBe(1);
    expect(w.lines[0]).toMatch(/^surveys\/(a\.yaml|b\.md) and surveys\/(a\.yaml|b\.md) changed: rebuilt in 1\.8 s$/);
  });

  it("a build that stops says the last good build is still served", async () => {
    const w = await setup(() => false);
    await writeFile(join(dir, "broken.yaml"), "title: [\n");
    await expect.poll(() => w.lines).toContain("surveys/broken.yaml changed: not rebuilt (see the problems above); still serving the last good build");
  });

  it("editors' swap and hidden files are not content", async () => {
    const w = await setup(() => true);
    await writeFile(join(dir, ".x.yaml.swp"), "x");
    await writeFile(join(dir, "x.yaml~"), "x");
    await new Promise((r) => setTimeout(r, 300));
    await watcher!.idle();
    expect(w.builds()).toBe(0);
  });
});

describe("describeChanges", () => {
  it("lists up to three names, then counts the rest", () => {
    expect(describeChanges(["a"])).toBe("a");
    expect(describeChanges(["a", "b", "c"])).toBe("a, b and c");
    expect(describeChanges(["a", "b", "c", "d", "e"])).toBe("a, b, c and 2 more files");
  });
});
