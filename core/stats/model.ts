/**
 * Visitor statistics: what a page's beacon may say, what the Worker puts on the `hits`
 * queue, and what is kept. The promise (privacy page, site/components/privacy/VisitorStats.astro):
 * counters per UTC day and dimension, never a log of visits, nothing that identifies a person.
 * A schema module (zod); the dimensions and caps, which Worker logic and the privacy page
 * read, are plain constants in core/stats/dimensions.ts.
 *
 * @example
 *   Beacon.parse({ path: "/s/customer-feedback/?utm_source=newsletter", referrer: "news.example" })
 */
import { z } from "zod";
import { isDay } from "../days.ts";
import { BROWSER_FAMILIES, DEVICE_CLASSES, OTHER } from "./dimensions.ts";


/** The beacon body, sent with `navigator.sendBeacon` as text. Both fields are cleaned again by the Worker. */
export const Beacon = z.object({
  /** `location.pathname` plus at most the utm_source, utm_medium and utm_campaign parameters. */
  path: z.string().max(2048),
  /** `document.referrer` (the page script sends only its host; a full URL is reduced all the same). */
  referrer: z.string().max(2048).optional(),
});
export type Beacon = z.infer<typeof Beacon>;

const Day = z.string().refine(isDay);

/**
 * One counted page view as it travels on the `hits` queue: already reduced to what is
 * kept. `visitor` and `source` are salted daily hashes (see worker/stats/visitor.ts), present
 * only so the consumer can tell a day's first view from the rest and cap what one address
 * counts; they never reach the aggregates and their salt is deleted when the day ends. No IP address or user agent is ever on the queue.
 */
export const Hit = z.strictObject({
  day: Day,
  /** A page the build listed (with its utm_* parameters), or OTHER when the Worker has no list. */
  path: z.union([z.literal(OTHER), z.string().startsWith("/").max(512)]),
  referrer: z.string().max(253).optional(),
  country: z.string().regex(/^[A-Z0-9]{2}$/),
  device: z.enum(DEVICE_CLASSES),
  browser: z.enum(BROWSER_FAMILIES),
  visitor: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
  /** The salted daily hash of the client address alone (IPv4, or IPv6 /64), deleted with the day like `visitor`: what the daily caps per address count. */
  source: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
});
export type Hit = z.infer<typeof Hit>;

/** Views and unique visitors of one value (a path, a referring domain…) over a range of days. */
export type StatsCount = { value: string; views: number; visitors: number };

/**
 * What `GET /api/admin/stats` answers (worker/stats/report.ts), read by the admin page
 * (site/scripts/admin-stats.ts): one shape for the Worker, the page and the tests.
 */
export type StatsReport = {
  from: string;
  to: string;
  retention_days: number | null;
  totals: { views: number; visitors: number };
  days: { day: string; views: number; visitors: number }[];
  pages: StatsCount[];
  referrers: StatsCount[];
  countries: StatsCount[];
  devices: StatsCount[];
  browsers: StatsCount[];
};
