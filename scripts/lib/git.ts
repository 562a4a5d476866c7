/**
 * Reading files as they were at a git ref, for `canvass check --against <ref>`: the
 * ref is resolved once to a commit, then the folder is listed and each file read from
 * that commit. Paths are relative to `cwd`, the folder being compared. A problem (not a
 * repository, an unknown ref, git missing) is a `GitError` whose message says what to do.
 *
 * @example
 *   const commit = await resolveCommit("origin/main", "surveys");
 *   for (const name of await filesAt(commit, "surveys")) console.log(name, (await fileAt(commit, name, "surveys")).length);
 */
import { execFile } from "node:child_process";

export class GitError extends Error {
  override name = "GitError";
}

/** Survey files are small; this bounds what one `git show` may hand back. */
const MAX_OUTPUT = 16 * 1024 * 1024;

function git(args: string[], cwd: string): Promise<{ ok: true; out: string } | { ok: false; err: string; missing: boolean }> {
  return new Promise((done) => {
    execFile("git", args, { cwd, maxBuffer: MAX_OUTPUT, encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return done({ ok: true, out: stdout });
      done({ ok: false, err: (stderr || error.message).trim(), missing: (error as NodeJS.ErrnoException).code === "ENOENT" });
    });
  });
}

/** The commit `ref` names, or a `GitError` saying why there is none. */
export async function resolveCommit(ref: string, cwd: string): Promise<string> {
  // A ref that starts with "-" would be read by git as an option.
  if (!ref || ref.startsWith("-")) throw new GitError(`"${ref}" is not a git ref; give a branch, tag or commit (like origin/main)`);
  const inside = await git(["rev-parse", "--is-inside-work-tree"], cwd);
  if (!inside.ok)
    throw new GitError(inside.missing ? "git is not installed; --against needs it to read the surveys at a ref" : `${cwd} is not inside a git repository; --against compares with a commit of one`);
  const found = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], cwd);
  if (!found.ok)
    throw new GitError(
      `unknown git ref "${ref}": no branch, tag or commit by that name here (for a pull request's base, run git fetch origin <branch>, or check out with fetch-depth: 0)`,
    );
  return found.out.trim();
}

/** Names of the files directly in the folder `cwd` at `commit` (none when it did not exist then). */
export async function filesAt(commit: string, cwd: string): Promise<string[]> {
  const listed = await git(["ls-tree", "--name-only", commit, "--", "./"], cwd);
  if (!listed.ok) throw new GitError(`cannot list the folder at ${commit.slice(0, 12)}: ${listed.err}`);
  return listed.out.split("\n").filter((line) => line && !line.includes("/"));
}

/** The text of `name` (in the folder `cwd`) at `commit`. */
export async function fileAt(commit: string, name: string, cwd: string): Promise<string> {
  const shown = await git(["show", `${commit}:./${name}`], cwd);
  if (!shown.ok) throw new GitError(`cannot read ${name} at ${commit.slice(0, 12)}: ${shown.err}`);
  return shown.out;
}
