/**
 * `POST /api/hits`: the page-view beacon. Reduces the request to one `Hit` (core/stats/model.ts)
 * and puts it on the `hits` queue; the consumer (consumer.ts) counts it.
 *
 * Never counted (204): a Global Privacy Control or Do Not Track signal, a bot or an empty
 * User-Agent, the site's admin pages, a path the site has no page for (paths.ts), a beacon
 * posted from another site, and everything while the site configuration sets no retention
 * for visitor counts. Accepted for counting: 202; the consumer still counts at most a few
 * visitors and a few hundred views per address a day (core/stats/dimensions.ts).
 * Nothing from the request is logged, and the IP address and User-Agent leave this
 * handler only as the salted daily hash and the two coarse words (device, browser).
 *
 * @example
 *   navigator.sendBeacon("/api/hits", JSON.stringify({ path: "/s/poll/", referrer: "news.example" }))
 */
import { Hono, type Context } from "hono";
import { isbot } from "isbot";
import { browserFamily, deviceClass } from "../../core/stats/agent.ts";
import { OTHER } from "../../core/stats/dimensions.ts";
import { utcDay } from "../../core/stats/days.ts";
import { Beacon, type Hit } from "../../core/stats/model.ts";
import { countryCode, isAdminPath, normalisePath, referrerDomain } from "../../core/stats/normalise.ts";
import { config } from "../config.ts";
import { limitBody, mediaType, readJsonBody } from "../http/body.ts";
import { Problem } from "../http/problems.ts";
import { countedPath } from "./paths.ts";
import { visitorHashes } from "./visitor.ts";

/** A beacon is a path and a host: a couple of hundred bytes. Anything near this is not from our page. */
const MAX_BEACON_BYTES = 2048;

type Ctx = Context<{ Bindings: Env }>;

function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** Why this request must not be counted, decided from headers alone, before the body is read. */
function refusal(c: Ctx): string | undefined {
  if (c.req.header("sec-gpc")?.trim() === "1") return "gpc";
  if (c.req.header("dnt")?.trim() === "1") return "dnt";
  const ua = c.req.header("user-agent") ?? "";
  if (!ua.trim() || isbot(ua)) return "bot";
  const origin = c.req.header("origin");
  if (origin && origin !== "null" && origin !== new URL(c.req.url).origin) return "foreign";
  const from = pathOf(c.req.header("referer"));
  if (from && isAdminPath(from)) return "admin";
  if (config(c.env).retention.visitorStatisticsDays === undefined) return "off";
  return undefined;
}

async function readBeacon(c: Ctx): Promise<Beacon> {
  const type = mediaType(c);
  if (type !== "text/plain" && type !== "application/json")
    throw new Problem(415, "Send the beacon as JSON text (navigator.sendBeacon with a string does).");
  const parsed = Beacon.safeParse(await readJsonBody(c, "The beacon is not valid JSON."));
  if (!parsed.success) throw new Problem(422, 'A beacon is {"path": "/…", "referrer"?: "…"}.');
  return parsed.data;
}

export const hits = new Hono<{ Bindings: Env }>();

hits.post(
  "/",
  limitBody(MAX_BEACON_BYTES, `A beacon is at most ${MAX_BEACON_BYTES} bytes.`),
  async (c) => {
    if (refusal(c)) return c.body(null, 204);
    const beacon = await readBeacon(c);
    const normalised = normalisePath(beacon.path);
    if (!normalised) throw new Problem(422, "The path must be a path on this site, starting with /.");
    if (isAdminPath(normalised)) return c.body(null, 204);
    const [pathname = "", query] = normalised.split("?", 2);
    // Only pages the build made are counted: a made-up path is accepted and forgotten.
    const page = await countedPath(c.env, pathname);
    if (!page) return c.body(null, 204);
    const path = page === OTHER || !query ? page : `${page}?${query}`;

    const now = Date.now();
    const day = utcDay(now);
    const url = new URL(c.req.url);
    const ua = c.req.header("user-agent")!;
    const ip = c.req.header("cf-connecting-ip")?.trim();
    const referrer = referrerDomain(beacon.referrer, url.host);
    const hit: Hit = {
      day,
      path,
      ...(referrer ? { referrer } : {}),
      country: countryCode(c.req.raw.cf?.country),
      device: deviceClass(ua),
      browser: browserFamily(ua),
      // Without the edge's client address there is no telling visitors apart: a view, not a visitor.
      // `source` (the address's hash) lets the consumer cap what one address counts.
      ...(ip ? await visitorHashes(c.env.KV, day, url.host, ip, ua, now) : {}),
    };
    // The response does not wait for the queue; a failed send loses one view and logs no request data.
    c.executionCtx.waitUntil(c.env.HITS.send(hit, { contentType: "json" }).catch((e: unknown) => console.error("hits queue send failed:", e instanceof Error ? e.message : "unknown error")));
    return c.body(null, 202);
  },
);
