/**
 * `npm run bench`: uploads 100,000 generated contacts to the real local stack
 * (`wrangler dev` with local D1 and Queues, on a free loopback port, in a throwaway
 * persistence folder) through the same client code as `canvass invite`, and reports
 * the time until every invitation is stored and on the queue, and contacts per second.
 *
 * The local queue consumer runs meanwhile (it writes to the outbox, as in
 * development), as it would in production; the Worker is stopped right after the
 * upload, so the benchmark ends whatever the consumer still has to do.
 * Budget: all 100,000 accepted and queued within 5 minutes on the CI machine.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSite } from "../../build/site.ts";
import { uploadList } from "../lib/invite-client.ts";
import { applyMigrations, freePort, ROOT, startWorker } from "../lib/stack.ts";
import type { BenchResult } from "./run.ts";

const CONTACTS = 100_000;
const SURVEY = "customer-feedback";
const BUDGET_SECONDS = 300;

function generatedList(n: number): string {
  const rows = ["email,name,company,location,plan"];
  for (let i = 0; i < n; i++) rows.push(`person${i}@example.com,Person ${i},"Company ${i % 997}, Ltd",City ${i % 50},${i % 3 ? "pro" : "free"}`);
  return rows.join("\r\n") + "\r\n";
}

export default async function invite100k(): Promise<BenchResult> {
  if (!existsSync(join(ROOT, "dist/_canvass/surveys", `${SURVEY}.json`)) && (await buildSite({ quiet: true })) !== 0) throw new Error("the site did not build");
  const persistTo = await mkdtemp(join(tmpdir(), "canvass-bench-invite-"));
  const token = "bench-admin-token-0123456789abcdef";
  try {
    await applyMigrations(persistTo);
    const port = await freePort();
    const worker = await startWorker({
      port,
      persistTo,
      quiet: true,
      vars: { CANVASS_ADMIN_TOKEN: token, CANVASS_SIGNING_KEY: "bench-signing-key-0123456789abcdef", PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    try {
      const csv = generatedList(CONTACTS);
      let last = 0;
      const started = performance.now();
      const summary = await uploadList({
        url: worker.url,
        token,
        survey: SURVEY,
        csv,
        source: "client",
        client: "Bench",
        onProgress: (p) => {
          const pct = Math.floor((p.sent / p.total) * 100);
          if (pct >= last + 10) console.log(`  ${pct}% (${p.sent} of ${p.total})`);
          last = pct - (pct % 10);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const status = (await (await fetch(`${worker.url}/api/admin/surveys/${SURVEY}/invitations`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        invitations: number;
        statuses: Record<string, number>;
      };
      const perSecond = Math.round(CONTACTS / seconds);
      const ok = summary.accepted === CONTACTS && summary.queued === CONTACTS && status.invitations === CONTACTS && seconds <= BUDGET_SECONDS;
      return {
        name: "invite-100k",
        summary: `${CONTACTS} contacts uploaded and queued in ${seconds.toFixed(1)} s (${perSecond}/s, ${summary.requests} requests); budget ${BUDGET_SECONDS} s`,
        within_budget: ok,
        measure: { label: `${CONTACTS} contacts uploaded and queued`, value: Number(seconds.toFixed(1)), budget: BUDGET_SECONDS, unit: "s", better: "lower" },
        contacts: CONTACTS,
        seconds: Number(seconds.toFixed(2)),
        contacts_per_second: perSecond,
        requests: summary.requests,
        accepted: summary.accepted,
        queued: summary.queued,
        stored_invitations: status.invitations,
        sent_by_consumer_meanwhile: status.statuses.sent ?? 0,
        budget_seconds: BUDGET_SECONDS,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await rm(persistTo, { recursive: true, force: true });
  }
}
