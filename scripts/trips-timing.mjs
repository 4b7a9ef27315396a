// Measures the trips page (E1) with a year of trips, in Debian's chromium,
// against a running portal with the demo account (scripts/run.sh):
//   - time from opening /trips to the first rows drawn;
//   - the longest main-thread task while older pages are loaded until the
//     whole year is on the page, and while it is scrolled from top to bottom.
// A measurement, not a test: figures move with the machine's load.
//
//   node scripts/trips-timing.mjs [URL]   (default http://localhost:8080)
import { createRequire } from "node:module";

const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const base = process.argv[2] ?? "http://localhost:8080";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ locale: "nl-BE", viewport: { width: 1280, height: 900 } });
await page.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
});

await page.goto(`${base}/sign-in`);
await page.getByLabel("E-mailadres").fill("demo@mijnlexus.test");
await page.getByLabel("Wachtwoord", { exact: true }).fill("lexus-demo-2026!");
await page.getByRole("button", { name: "Aanmelden" }).click();
await page.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();

// The demo's plug-in hybrid, a year of trips back.
const year = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
const vehicles = await (await page.request.get(`${base}/api/vehicles`)).json();
const vin = (vehicles.vehicles.find((v) => v.powertrain === "plug_in_hybrid") ?? vehicles.vehicles[0]).vin;

const rows = page.locator(".ml-trips__list tbody tr");
const opened = Date.now();
await page.goto(`${base}/trips?vin=${vin}`);
await rows.first().waitFor();
const firstRows = Date.now() - opened;

await page.getByLabel("Van", { exact: true }).fill(year);
await page.getByLabel("Van", { exact: true }).dispatchEvent("change");
await page.waitForTimeout(500);
await rows.first().waitFor();
await page.evaluate(() => (window.__longTasks = []));
const more = page.getByRole("button", { name: "Oudere ritten tonen" });
let pages = 1;
const loadStart = Date.now();
while (await more.count()) {
  const before = await rows.count();
  await more.click();
  await page.waitForFunction((n) => document.querySelectorAll(".ml-trips__list tbody tr").length > n, before, { timeout: 10_000 }).catch(async (e) => {
    console.error(`stuck at ${before} rows`, await page.locator("main").innerText());
    throw e;
  });
  pages += 1;
}
const loadAll = Date.now() - loadStart;
const total = await rows.count();
const loadTasks = await page.evaluate(() => window.__longTasks.slice());

await page.evaluate(() => (window.__longTasks = []));
await page.evaluate(async () => {
  const step = window.innerHeight / 2;
  for (let y = 0; y < document.body.scrollHeight; y += step) {
    window.scrollTo(0, y);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
});
const scrollTasks = await page.evaluate(() => window.__longTasks.slice());
await browser.close();

const longest = (tasks) => (tasks.length ? Math.round(Math.max(...tasks)) : 0);
console.log(`trips page, ${base}, vehicle ${vin}:`);
console.log(`  first rows drawn ${firstRows} ms after opening /trips (sign-in done, area not yet fetched)`);
console.log(`  a year: ${total} trips in ${pages} pages, all loaded in ${loadAll} ms of clicks`);
console.log(`  longest main-thread task while loading pages: ${longest(loadTasks)} ms (${loadTasks.length} tasks over 50 ms)`);
console.log(`  longest main-thread task while scrolling ${total} rows: ${longest(scrollTasks)} ms (${scrollTasks.length} tasks over 50 ms)`);
