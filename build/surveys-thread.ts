/**
 * `loadSurveys` on a worker thread, so a build parses the surveys on one core while
 * Astro starts on another (build/site.ts). The result crosses back as a structured
 * clone: published surveys and issues are plain data.
 *
 * @example
 *   const { published, issues } = await loadSurveysOffThread("/repo/surveys");
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { loadSurveys, type LoadedSurveys } from "./surveys.ts";

type Job = { canvassSurveysDir: string };

export function loadSurveysOffThread(dir: string): Promise<LoadedSurveys> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { canvassSurveysDir: dir } satisfies Job });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the survey loader thread exited with ${code} before answering`)));
  });
}

const job = (isMainThread ? undefined : workerData) as Job | undefined;
if (job?.canvassSurveysDir) parentPort!.postMessage(await loadSurveys(job.canvassSurveysDir));
