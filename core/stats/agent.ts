/**
 * A coarse device class and browser family from a User-Agent string. Only these few
 * fixed words are ever kept: never the string itself, nor versions or operating systems,
 * which together single people out.
 *
 * @example
 *   browserFamily("Mozilla/5.0 (iPhone; …) Version/18.0 Mobile/15E148 Safari/604.1")  // "Safari"
 *   deviceClass("Mozilla/5.0 (iPhone; …) Version/18.0 Mobile/15E148 Safari/604.1")    // "mobile"
 */
import type { BrowserFamily, DeviceClass } from "./dimensions.ts";

export function deviceClass(ua: string): DeviceClass {
  if (/iPad|Tablet|Kindle|Silk\/|PlayBook/i.test(ua) || (/Android/i.test(ua) && !/Mobile/i.test(ua))) return "tablet";
  if (/Mobi|iPhone|iPod|Windows Phone|Opera Mini/i.test(ua)) return "mobile";
  if (/Windows NT|Macintosh|X11|CrOS|Linux/i.test(ua)) return "desktop";
  return "other";
}

// Order matters: Edge, Opera and Samsung Internet also say "Chrome", and Chrome also says "Safari".
const FAMILIES: [RegExp, BrowserFamily][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera|OPT\//, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Version\/[\d.]+.*Safari\/|Mobile\/\w+ Safari|AppleWebKit\/.*\(KHTML, like Gecko\) Mobile\//, "Safari"],
];

export function browserFamily(ua: string): BrowserFamily {
  return FAMILIES.find(([pattern]) => pattern.test(ua))?.[1] ?? "other";
}
