/**
 * The survey script's optional parts, which only some surveys need: randomised order
 * (survey/order.ts), sliders, hidden fields and "None" (survey/controls.ts), and rankings
 * (survey/ranking.ts). Each is its own page script, which site/components/SurveyForm.astro
 * includes only on a page with such questions and before the survey script; as it loads it
 * registers itself here, and site/scripts/survey.ts calls what is registered, in its fixed
 * order. So a page without them downloads none of their code (README.md, Benchmarks: page
 * weight), without a loader: module scripts run in document order.
 *
 * @example
 *   parts.rankings = startRankings;   // in survey/ranking.ts
 *   parts.rankings?.(form);           // in survey.ts
 */
import type { Presentation } from "../../../core/randomize.ts";
import type { LogicSurvey } from "../../../core/logic.ts";

export type Parts = {
  order?: {
    applyOrder(form: HTMLFormElement, def: LogicSurvey, key: string): void;
    presentation(): Presentation;
    forgetOrder(key: string): void;
  };
  controls?: (form: HTMLFormElement) => void;
  rankings?: (form: HTMLFormElement) => void;
};

export const parts: Parts = {};
