/**
 * `/embed.js`: the loader a client puts on its own website,
 * `<script src="https://<canvass-site>/embed.js" data-survey="<id>" async></script>`
 * (`data-lang="de"` asks for a survey's other language; else the pop-up is in its default).
 *
 * Everything that decides whether this visitor is asked happens here, on the device,
 * before any request to Canvass: the survey's dates, the host's origin and path, the
 * recontact rules (core/intercept.ts, from the first-party cookie), the visit's show
 * count and sample (sessionStorage), then the trigger. Only when the pop-up is about to
 * show does it add a classic script for `/_canvass/embed/<id>.js` (site/embed/popup.ts
 * with the survey inside), so no CORS is needed to load it. It never touches the host's
 * layout. build/embed.ts bundles it and wraps it in a function whose parameter
 * `CANVASS_INTERCEPTS` is every open pop-up survey's rule: budget 3 KB gzip.
 */
import { eligible, type InterceptRule } from "../../core/intercept.ts";
import { readRemembered, today, visitState, saveVisitState } from "./memory.ts";

declare const CANVASS_INTERCEPTS: Record<string, InterceptRule>;

/** Calls `show` once, when the trigger fires. */
function onTrigger(trigger: InterceptRule["trigger"], show: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    removeEventListener("scroll", scrolled);
    document.removeEventListener("mouseout", left);
    show();
  };
  const scrolled = () => {
    const root = document.documentElement;
    const seen = ((scrollY + innerHeight) / Math.max(root.scrollHeight, 1)) * 100;
    if (seen >= (trigger.scroll_percent ?? 101)) once();
  };
  // Exit intent: the pointer leaves the window through its top edge (towards the tabs or the address bar).
  const left = (e: MouseEvent) => {
    if (!e.relatedTarget && e.clientY <= 0) once();
  };
  if (trigger.after_seconds !== undefined) setTimeout(once, trigger.after_seconds * 1000);
  else if (trigger.scroll_percent !== undefined) {
    addEventListener("scroll", scrolled, { passive: true });
    scrolled(); // a page that fits the window is seen whole already
  } else if (trigger.exit_intent) document.addEventListener("mouseout", left);
}

function start(script: HTMLScriptElement): void {
  const id = script.dataset.survey ?? "";
  const rule = Object.hasOwn(CANVASS_INTERCEPTS, id) ? CANVASS_INTERCEPTS[id]! : undefined;
  // For whoever adds the tag: a typo, or a survey that has closed or has no `intercept:`.
  if (!rule) return console.warn(`Canvass: no open pop-up survey is called "${id}" (data-survey of the embed.js script).`);
  const visit = visitState(id);
  const now = today();
  if (!eligible(rule, id, { origin: location.origin, path: location.pathname, today: now, memory: readRemembered(), shownThisVisit: visit.shown })) return;
  // Sampled once per visit, so reloading a page does not roll the dice again.
  visit.sampled ??= Math.random() * 100 < rule.sample_percent;
  saveVisitState(id, visit);
  if (!visit.sampled) return;
  onTrigger(rule.trigger, () => {
    visit.shown++;
    saveVisitState(id, visit);
    const popup = document.createElement("script");
    const lang = script.dataset.lang;
    popup.src = new URL(`/_canvass/embed/${id}${lang && rule.languages?.includes(lang) ? `.${lang}` : ""}.js`, script.src).href;
    popup.async = true;
    document.head.append(popup);
  });
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) start(current);
