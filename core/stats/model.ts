/**
 * Visitor statistics: what a page's beacon may say, what the Worker puts on the `hits`
 * queue, and what is kept. The promise (privacy page, site/components/privacy/VisitorStats.astro):
 * counters per UTC day and dimension, never a log of visits, nothing that identifies a person.
 *
 * @example
 *   Beacon.parse({ path: "/s/customer-feedback/?utm_source=newsletter", referrer: "news.example" })
 */
import { z } from "zod";

/** The beacon body, sent with `navigator.sendBeacon` as text. Both fields are cleaned again by the Worker. */
export const Beacon = z.object({
  /** `location.pathname` plus at most the utm_source, utm_medium and utm_campaign parameters. */
  path: z.string().max(2048),
  /** `document.referrer` (the page script sends only its host; a full URL is reduced all the same). */
  referrer: z.string().max(2048).optional(),
});
export type Beacon = z.infer<typeof Beacon>;

/** What is counted, one row per value per day. `total` has the single value "". */
export const DIMENSIONS = ["total", "path", "referrer", "country", "device", "browser"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DEVICE_CLASSES = ["desktop", "mobile", "tablet", "other"] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];
export const BROWSER_FAMILIES = ["Chrome", "Edge", "Firefox", "Safari", "Opera", "Samsung Internet", "other"] as const;
export type BrowserFamily = (typeof BROWSER_FAMILIES)[number];

/** The value that stands for everything past a day's cap of distinct values. No path or domain can spell it. */
export const OTHER = "(other)";
/** A hit whose country Cloudflare could not tell (also Cloudflare's own code for that). */
export const UNKNOWN_COUNTRY = "XX";

/**
 * Distinct values kept per day and dimension; the rest are counted as `OTHER`, so a flood
 * of invented paths or referrers costs at most these many rows a day.
 */
export const DAILY_CAPS: Record<Dimension, number> = { total: 1, path: 500, referrer: 200, country: 300, device: DEVICE_CLASSES.length, browser: BROWSER_FAMILIES.length };

/**
 * The most visitors a day's seen-set holds; past it, further visitors that day are still
 * counted as views but no longer as unique visitors. Bounds what a flood of invented
 * user agents can make the Worker store.
 */
export const MAX_VISITORS_PER_DAY = 1_000_000;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * One counted page view as it travels on the `hits` queue: already reduced to what is
 * kept. `visitor` is the salted daily hash (see worker/stats/visitor.ts), present only so
 * the consumer can tell a day's first view from the rest; it never reaches the aggregates
 * and its salt is deleted when the day ends. No IP address or user agent is ever on the queue.
 */
export const Hit = z.strictObject({
  day: Day,
  path: z.string().startsWith("/").max(512),
  referrer: z.string().max(253).optional(),
  country: z.string().regex(/^[A-Z0-9]{2}$/),
  device: z.enum(DEVICE_CLASSES),
  browser: z.enum(BROWSER_FAMILIES),
  visitor: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
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
