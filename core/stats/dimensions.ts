/**
 * What visitor statistics count, and how much of it: the dimensions, the fixed words a
 * device or browser is reduced to, and the daily caps that bound what a flood of invented
 * values can make the Worker store. Plain constants, no zod, so the privacy page, the
 * normalisers and the Worker's store read them without the schemas in core/stats/model.ts.
 *
 * @example
 *   DAILY_CAPS.path // 500 distinct paths a day; the rest count as OTHER
 */

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

/**
 * What one address (an IPv4 address, or an IPv6 /64) counts a day at most: a few unique
 * visitors (a household or an office behind one address) and a few hundred page views.
 * Past them its beacons are still accepted but not counted, so one machine sending a
 * new User-Agent with every request cannot inflate the counts.
 */
export const MAX_VISITORS_PER_SOURCE = 5;
export const MAX_VIEWS_PER_SOURCE = 200;
