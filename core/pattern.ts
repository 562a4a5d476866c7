/**
 * `pattern` on text, textarea and email questions: a regular expression the whole
 * answer must match, the same rule in the page (the `pattern` attribute, and
 * core/answers.ts before submit) and in the Worker (core/answers.ts again).
 *
 * Browsers compile a `pattern` attribute as `^(?:<pattern>)$` with the `v` flag
 * (HTML standard, "the pattern attribute"), so `patternRegExp` does exactly that:
 * a pattern is valid here only if it is valid there, and it means the same.
 *
 * A pattern runs on untrusted text in the Worker, so `patternProblem` refuses at check
 * time what could backtrack catastrophically. It is a conservative analyser, not a
 * proof: it refuses
 * - a quantified group that itself holds a quantifier where either is unbounded
 *   (`(a+)+`, `(a*)*`, `(?:ab+)*`, `(\w+\s?)*`); bounded ones like `(\d{1,3}\.){3}` pass;
 * - a group repeated without bound whose alternatives may start alike (`(a|a)*`,
 *   `(a|ab)+`, `(\w|-)+`): alternatives must each start with a different plain character;
 * - backreferences (`\1`, `\k<name>`), which no linear-time engine supports;
 * - patterns longer than `MAX_PATTERN_LENGTH`.
 * Polynomial cases (`\d*\d*\d*`) pass; answers are bounded by `max_length` (at most
 * 20,000 characters), so their cost is bounded too.
 *
 * No zod: the page script bundles this module.
 *
 * @example
 *   patternProblem("(a+)+")        // "a repeated group holds a repetition ... (the risk of catastrophic backtracking)"
 *   matchesPattern("[A-Z]{2}\\d{4}", "AB1234") // true
 */

/** Longest pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 200;

/** The pattern as browsers compile a `pattern` attribute; throws a SyntaxError when invalid. */
export function patternRegExp(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, "v");
}

/**
 * True when the whole value matches. A browser without the `v` flag (before 2023) reads the
 * pattern with `u`, as its `pattern` attribute does; one that cannot compile it at all lets
 * the answer through to the Worker, which always can (and `canvass check` has compiled it).
 */
export function matchesPattern(pattern: string, value: string): boolean {
  let re: RegExp;
  try {
    re = patternRegExp(pattern);
  } catch {
    try {
      re = new RegExp(`^(?:${pattern})$`, "u");
    } catch {
      return true;
    }
  }
  return re.test(value);
}

type Group = {
  /** A quantifier somewhere inside (unbounded or bounded). */
  inner: "none" | "bounded" | "unbounded";
  /** The first character of each alternative: a literal, or "?" when it may be many. */
  starts: string[];
  /** Whether the current alternative has seen its first atom. */
  started: boolean;
  /** Where the group opened, for messages. */
  at: number;
};

const NESTED = "a repeated group holds a repetition of its own, which can take exponential time on some answers (catastrophic backtracking); rewrite it without the nesting, with a character class like [ab]+ or a bounded count like {1,20}";
const OVERLAP = "alternatives inside a repeated group start with the same (or a possibly same) character, which can take exponential time on some answers (catastrophic backtracking); use a character class like [ab]+ instead of (a|b)+";

/** Reads a quantifier at `i`: its length and whether it is unbounded, or undefined when there is none. */
function quantifierAt(src: string, i: number): { length: number; unbounded: boolean } | undefined {
  const c = src[i];
  let length = 0;
  let unbounded = false;
  if (c === "*" || c === "+") [length, unbounded] = [1, true];
  else if (c === "?") length = 1;
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (!m) return undefined;
    length = m[0].length;
    unbounded = m[2] !== undefined && m[3] === "";
  } else return undefined;
  if (src[i + length] === "?") length++; // lazy: the same risk
  return { length, unbounded };
}

/** Why a pattern is refused, in words for the author; undefined when it is accepted. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `a pattern is at most ${MAX_PATTERN_LENGTH} characters long (this one has ${pattern.length})`;
  try {
    patternRegExp(pattern);
  } catch (e) {
    const reason = (e as Error).message.replace(/^Invalid regular expression: \/.*\/v: /, "");
    // Browsers read a pattern attribute with the v flag, where these need a backslash inside [...].
    const hint = /class/i.test(reason) ? "; inside [...] write - ( ) [ ] { } / | as \\- \\( and so on" : "";
    return `not a valid regular expression: ${reason}${hint} (JavaScript syntax as in an HTML pattern attribute, without / / and flags)`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return "a pattern cannot use backreferences (\\1, \\k<name>): they can take exponential time";
  return structureProblem(pattern);
}

/** Walks the pattern once, tracking per open group what it holds. */
function structureProblem(src: string): string | undefined {
  const stack: Group[] = [{ inner: "none", starts: [], started: false, at: 0 }];
  const top = () => stack.at(-1)!;
  const atom = (first: string) => {
    const g = top();
    if (!g.started) g.starts.push(first);
    g.started = true;
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    let closed: Group | undefined;
    if (c === "\\") {
      const escaped = src[i + 1] ?? "";
      // \d \w \s \p{..} and friends stand for many characters; an escaped punctuation mark is itself.
      atom(/[A-Za-z]/.test(escaped) ? "?" : escaped);
      i += /^[pPu]\{/.test(src.slice(i + 1, i + 3)) ? src.indexOf("}", i) + 1 : 2;
    } else if (c === "[") {
      let j = i + 1;
      for (let depth = 1; j < src.length && depth > 0; j++) {
        if (src[j] === "\\") j++;
        else if (src[j] === "[") depth++;
        else if (src[j] === "]") depth--;
      }
      atom("?");
      i = j;
    } else if (c === "(") {
      const look = /^\(\?(?:[=!]|<[=!])/.test(src.slice(i));
      const skip = /^\(\?(?::|<[A-Za-z_][A-Za-z0-9_]*>|[=!]|<[=!])/.exec(src.slice(i))?.[0].length ?? 1;
      if (!look) atom("?");
      stack.push({ inner: "none", starts: [], started: false, at: i });
      i += skip;
      continue;
    } else if (c === ")") {
      closed = stack.length > 1 ? stack.pop() : undefined;
      // What the group held counts for the group around it.
      if (closed && closed.inner !== "none" && top().inner !== "unbounded") top().inner = closed.inner;
      i++;
    } else if (c === "|") {
      top().started = false;
      i++;
      continue;
    } else if (c === "^" || c === "$") {
      i++;
      continue;
    } else {
      atom(c === "." ? "?" : c);
      i++;
    }
    const q = quantifierAt(src, i);
    if (!q) continue;
    i += q.length;
    const g = top();
    g.inner = q.unbounded || g.inner === "unbounded" ? "unbounded" : "bounded";
    if (!closed) continue;
    if (closed.inner !== "none" && (q.unbounded || closed.inner === "unbounded")) return `${NESTED} (the group at character ${closed.at + 1})`;
    const starts = closed.starts;
    if (q.unbounded && starts.length > 1 && (starts.includes("?") || new Set(starts).size < starts.length)) return `${OVERLAP} (the group at character ${closed.at + 1})`;
  }
  return undefined;
}
