/**
 * The author's loop under `npm start`: watches the content (surveys/, papers/ and
 * canvass.config.ts) and rebuilds the site shortly after a change, saying so in the
 * terminal ("surveys/x.yaml changed: rebuilt in 1.8 s"). A build that stops on a broken
 * survey prints its `file:line: field: message` lines and leaves dist/ as it was, so the
 * running `wrangler dev` keeps serving the last good build.
 *
 * Bounded by design: changes arriving within `debounceMs` of each other make one build,
 * builds never overlap (changes during a build make exactly one more build after it),
 * and at most `MAX_NAMES` changed names are remembered per build.
 *
 * node:fs `watch` rather than a polling library: Linux and macOS report changes at
 * once, and a folder is watched rather than each file, since editors often save by
 * writing a new file and renaming it over the old one.
 *
 * @example
 *   const watcher = watchContent({
 *     targets: [{ dir: "surveys", label: "surveys/" }, { dir: ".", only: "canvass.config.ts" }],
 *     rebuild: async () => (await buildSite({ quiet: true })) === 0,
 *   });
 *   // later: watcher.close();
 */
import { watch, type FSWatcher } from "node:fs";
import { relative } from "node:path";
import { contentDirs, ROOT, type ContentDirs } from "./paths.ts";

/** One folder to watch: every file in it (and below, with `recursive`), or only the file named `only`. */
export type WatchTarget = { dir: string; label?: string; recursive?: boolean; only?: string };

export type WatchOptions = {
  targets: WatchTarget[];
  /** Builds the site; resolves true when it succeeded. Its own problems it prints itself. */
  rebuild: () => Promise<boolean>;
  /** Where the one-line reports go (the terminal by default). */
  log?: (line: string) => void;
  /** Quiet time after the last change before building. */
  debounceMs?: number;
  /** The clock, for the build time in the report. */
  now?: () => number;
};

export type Watcher = {
  /** Stops watching; a build under way finishes. */
  close(): void;
  /** Resolves when no build is pending or running. */
  idle(): Promise<void>;
};

/** Changed names kept per build: the report lists a few; a checkout touching thousands needs no list. */
export const MAX_NAMES = 100;
const LISTED = 3;

/** "surveys/a.yaml", "surveys/a.yaml and papers/b.md", "surveys/a.yaml, … and 4 more files". */
export function describeChanges(names: readonly string[]): string {
  if (names.length === 0) return "the content";
  if (names.length === 1) return names[0]!;
  if (names.length <= LISTED) return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${names.slice(0, LISTED).join(", ")} and ${names.length - LISTED} more files`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function watchContent(opts: WatchOptions): Watcher {
  const log = opts.log ?? ((line: string) => console.log(line));
  const now = opts.now ?? (() => performance.now());
  const debounceMs = opts.debounceMs ?? 300;
  let changed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const build = async () => {
    const names = [...changed];
    changed = new Set();
    const what = `${describeChanges(names)} changed`;
    const started = now();
    let ok = false;
    try {
      ok = await opts.rebuild();
    } catch (e) {
      log(`${what}: the build failed: ${(e as Error).message}`);
    }
    if (ok) log(`${what}: rebuilt in ${seconds(now() - started)}`);
    else log(`${what}: not rebuilt (see the problems above); still serving the last good build`);
  };

  const start = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await build();
      } while (again && !closed);
      running = undefined;
    })();
  };

  const changedName = (name: string) => {
    if (closed) return;
    if (changed.size < MAX_NAMES) changed.add(name);
    if (timer) clearTimeout(timer);
    timer = setTimeout(start, debounceMs);
  };

  const watchers: FSWatcher[] = opts.targets.map((t) =>
    watch(t.dir, { recursive: t.recursive ?? false }, (_event, file) => {
      const name = file === null ? "" : String(file);
      if (t.only !== undefined && name !== t.only) return;
      // Editors' swap and backup files are not content.
      if (/(^|\/)\.|~$|\.swp$/.test(name)) return;
      changedName(`${t.label ?? ""}${name}`);
    }),
  );

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const w of watchers) w.close();
    },
    async idle() {
      while (timer || running) {
        if (running) await running;
        else await new Promise((r) => setTimeout(r, debounceMs));
      }
    },
  };
}

/** What `npm start` watches: the survey folder, the paper folder (with its files and covers) and canvass.config.ts. */
export function contentTargets(dirs: ContentDirs = contentDirs()): WatchTarget[] {
  const label = (dir: string) => `${relative(ROOT, dir) || "."}/`;
  return [
    { dir: dirs.surveys, label: label(dirs.surveys) },
    { dir: dirs.papers, label: label(dirs.papers), recursive: true },
    { dir: ROOT, only: "canvass.config.ts" },
  ];
}
