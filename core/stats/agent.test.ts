import { describe, expect, it } from "vitest";
import { browserFamily, deviceClass } from "./agent.ts";

// Real-world strings; only the class and the family are ever kept.
const AGENTS = {
  chromeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  edge: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safariMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  safariIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  chromeIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
  ipad: "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1",
  samsung: "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
  androidTablet: "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  opera: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0",
  firefoxAndroid: "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
};

describe("device class and browser family", () => {
  it.each([
    ["chromeWindows", "desktop", "Chrome"],
    ["edge", "desktop", "Edge"],
    ["firefoxLinux", "desktop", "Firefox"],
    ["safariMac", "desktop", "Safari"],
    ["safariIphone", "mobile", "Safari"],
    ["chromeIphone", "mobile", "Chrome"],
    ["ipad", "tablet", "Safari"],
    ["samsung", "mobile", "Samsung Internet"],
    ["androidTablet", "tablet", "Chrome"],
    ["opera", "desktop", "Opera"],
    ["firefoxAndroid", "mobile", "Firefox"],
  ] as const)("%s is %s %s", (name, device, browser) => {
    expect(deviceClass(AGENTS[name])).toBe(device);
    expect(browserFamily(AGENTS[name])).toBe(browser);
  });

  it("anything unrecognised is other, never the string itself", () => {
    expect(deviceClass("curl/8.0")).toBe("other");
    expect(browserFamily("curl/8.0")).toBe("other");
    expect(browserFamily("")).toBe("other");
  });
});
