/**
 * Pop-up surveys' scripts, written into the built site by the Astro integration
 * (build/integration.ts): `/embed.js`, the loader (site/embed/loader.ts) with the rule of
 * every open survey that declares `intercept:`, and per such survey
 * `/_canvass/embed/<id>.js`, the pop-up (site/embed/popup.ts) with that survey inside, in its
 * default language with Canvass's words in that language (core/i18n/); a survey in several
 * languages also gets `/_canvass/embed/<id>.<language>.js` for each other one.
 * Both are bundled and minified once per process with the vite already installed (library
 * mode, one IIFE each), then wrapped in a function whose parameter carries the data, so
 * the code is built once however many surveys there are. A survey with `endings:` carries each
 * end screen's text by the path the Worker answers with, so the pop-up shows the one its
 * answers chose (`popupEndings`). The loader's budget is 3 KB
 * gzip (`LOADER_BUDGET_GZIP`: build/embed.test.ts and scripts/bench/embed-size.bench.ts).
 *
 * @example
 *   const { loader } = await writeEmbeds(published, "dist");
 *   console.log(`embed.js: ${loader.gzip} bytes gzip`);
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Marked } from "marked";
import { availability } from "../core/availability.ts";
import type { PublishedSurvey } from "../core/compile.ts";
import { endingPath, thanksPath } from "../core/endings.ts";
import { enAnswers } from "../core/i18n/en-script.ts";
import { stringsFor } from "../core/i18n/strings.ts";
import { inLanguage, surveyLanguages, surveyPagePath } from "../core/i18n/versions.ts";
import type { InterceptRule, PopupSurvey, PopupWords } from "../core/intercept.ts";
import type { Block, Question } from "../core/model.ts";
import { plainLabel } from "../core/piping.ts";
import { isComputed, isQuestion } from "../core/survey.ts";
import { ROOT } from "./paths.ts";

/** Most the loader may weigh, gzip level 9: it is on every page of the client's site. */
export const LOADER_BUDGET_GZIP = 3 * 1024;

/** URL path of the loader, and of a survey's pop-up script. */
export const LOADER_PATH = "/embed.js";
export const popupPath = (id: string, language?: string) => `/_canvass/embed/${id}${language ? `.${language}` : ""}.js`;

const md = new Marked({ async: false, gfm: true });
/** Author Markdown (trusted like the survey page's) as HTML, placeholders at their fallbacks: a pop-up has no invitation. */
const html = (text: string | undefined, inline = false) => {
  if (!text?.trim()) return "";
  const filled = plainLabel(text);
  return ((inline ? md.parseInline(filled) : md.parse(filled)) as string).trim();
};

/** Languages written right to left (their primary subtag). */
const RTL = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"]);

const bundles = new Map<string, Promise<string>>();

/** One source file of site/embed/ bundled and minified as a classic script; built once per process. */
export function bundle(entry: "loader" | "popup"): Promise<string> {
  let code = bundles.get(entry);
  if (!code) {
    code = buildBundle(join(ROOT, "site/embed", `${entry}.ts`));
    bundles.set(entry, code);
  }
  return code;
}

async function buildBundle(entry: string): Promise<string> {
  const { build } = await import("vite");
  const out = await build({
    configFile: false,
    root: ROOT,
    logLevel: "silent",
    publicDir: false,
    build: {
      write: false,
      minify: true,
      target: "es2022",
      lib: { entry, formats: ["iife"], name: "canvassEmbed", fileName: () => "embed.js" },
      emptyOutDir: false,
      reportCompressedSize: false,
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === "chunk");
  if (!chunk?.code) throw new Error(`bundling ${entry} gave no code`);
  return chunk.code.trim();
}

/** A bundle run with `data` as its one free variable `name` (the bundle's `declare const`). */
const wrap = (code: string, name: string, data: unknown) => `(function(${name}){${code}})(${JSON.stringify(data)});\n`;

/** The surveys that may pop up: open (their dates are checked on the device) and with `intercept:`. */
export function interceptRules(published: readonly PublishedSurvey[]): Record<string, InterceptRule> {
  const rules: Record<string, InterceptRule> = {};
  for (const { id, survey } of published) {
    if (!survey.intercept || survey.status !== "open") continue;
    // A survey past its closing day stays out altogether; a future one waits on the device.
    if (!availability({ ...survey, opens: undefined }, new Date()).open) continue;
    const others = surveyLanguages({ survey }).slice(1);
    rules[id] = { ...survey.intercept, opens: survey.opens, closes: survey.closes, ...(others.length ? { languages: others } : {}) };
  }
  return rules;
}

/**
 * Each end screen's text (its own, else `thanks`) as HTML, by the path chooseEnding names for it
 * (core/endings.ts) on the pop-up's language's page: the unconditional default's is the plain
 * thank-you page. Buttons and redirects stay on the survey's own end pages.
 */
export function popupEndings(p: PublishedSurvey, page?: string): Record<string, string> | undefined {
  const endings = p.survey.endings;
  if (!endings) return undefined;
  return Object.fromEntries(endings.map((e, i) => [e.show_if ? endingPath(p.id, e, i, page) : thanksPath(p.id, page), html(e.text ?? p.survey.thanks)]));
}

/** The interface words a pop-up shows (core/intercept.ts `PopupWords`), in one language. */
function popupWords(language: string): PopupWords {
  const t = stringsFor(language);
  const keys = [...(Object.keys(enAnswers) as (keyof typeof enAnswers)[]), "other", "otherShort", "yes", "no", "choose", "required", "submit", "close", "thanksDefault", "sending", "popupFailed", "popupOffline"] as const;
  return Object.fromEntries(keys.map((k) => [k, t[k]])) as PopupWords;
}

/** A survey as its pop-up needs it, in one of its languages (the default unless given): logic and questions with their texts rendered. */
export function popupSurvey(published: PublishedSurvey, language?: string): PopupSurvey {
  const p = language ? inLanguage(published, language) : published;
  const rendered = (q: Question): Question => ({ ...q, label: html(q.label, true), ...(q.help ? { help: html(q.help) } : {}) });
  const lang = p.survey.language;
  return {
    id: p.id,
    title: plainLabel(p.survey.title),
    descriptionHtml: html(p.survey.description),
    thanksHtml: html(p.survey.thanks),
    language: lang,
    dir: RTL.has(lang.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr",
    // Computed values keep their place among the questions: skip logic computes them there (core/logic.ts).
    survey: { pages: p.survey.pages.map((page) => ({ ...page, questions: page.questions.flatMap((b): Block[] => (isQuestion(b) ? [rendered(b)] : isComputed(b) ? [b] : [])) })) },
    conditions: p.conditions,
    ...(p.computed ? { computed: p.computed } : {}),
    words: popupWords(lang),
    ...(p.survey.endings ? { endingsHtml: popupEndings(p, surveyPagePath(published, lang)) } : {}),
  };
}

/** The loader's text for these rules. */
export async function loaderScript(rules: Record<string, InterceptRule>): Promise<string> {
  return wrap(await bundle("loader"), "CANVASS_INTERCEPTS", rules);
}

export type Weight = { bytes: number; gzip: number };
export const weigh = (text: string): Weight => ({ bytes: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length });

/** Writes `/embed.js` and every pop-up script into `outDir`; returns the loader's weight and the surveys. */
export async function writeEmbeds(published: readonly PublishedSurvey[], outDir: string): Promise<{ loader: Weight; surveys: string[] }> {
  const rules = interceptRules(published);
  const loader = await loaderScript(rules);
  await writeFile(join(outDir, LOADER_PATH), loader);
  const surveys = published.filter((p) => Object.hasOwn(rules, p.id));
  if (surveys.length) {
    await mkdir(join(outDir, "_canvass/embed"), { recursive: true });
    const popup = await bundle("popup");
    for (const p of surveys) {
      await writeFile(join(outDir, popupPath(p.id)), wrap(popup, "CANVASS_SURVEY", popupSurvey(p)));
      for (const lang of rules[p.id]!.languages ?? []) await writeFile(join(outDir, popupPath(p.id, lang)), wrap(popup, "CANVASS_SURVEY", popupSurvey(p, lang)));
    }
  }
  return { loader: weigh(loader), surveys: surveys.map((p) => p.id) };
}
