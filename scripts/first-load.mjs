// Reports the first-load size of the built SPA per area, gzip -9, and fails
// when an entry area is over the budget.
//
//   node scripts/first-load.mjs [DIST] [--budget KB] [--entry AREA,AREA]
//
// Entry areas are where a visit starts: the sign-in page (anyone not signed
// in, including everyone who opens "/") and the start page (signed in). The
// other areas are reported as the first load of a deep link into them (a
// mailed link, a bookmark); they normally arrive in the background first.
//
// A first visit fetches index.html's entry (the main wasm module, its JS
// glue, the chunk loader), the style sheets, and then the one area the page
// belongs to with the shared chunks it needs (split-areas.mjs reads them from
// the chunk loader); this script adds them up. The text pack
// (i18n/<lang>.json) is data, not code, and is reported on its own.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readAreas } from "./split-areas.mjs";

const args = process.argv.slice(2);
const dist = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? "dist";
const budgetFlag = args.indexOf("--budget");
const budgetKb = budgetFlag >= 0 ? Number(args[budgetFlag + 1]) : 225;
const entryFlag = args.indexOf("--entry");
const entries = (entryFlag >= 0 ? args[entryFlag + 1] : "sign_in_area,home_area").split(",");

// The .gz file the server sends (scripts/precompress.sh: gzip -9), or the
// same compression done here when the build has not made one.
const gz = (file) =>
  existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : gzipSync(readFileSync(file), { level: 9 }).length;
const gzSum = (dir, files) => files.map((f) => gz(join(dir, f))).reduce((a, b) => a + b, 0);
const kb = (bytes) => (bytes / 1000).toFixed(1);

const pkg = readdirSync(dist).find((d) => d.startsWith("pkg-"));
if (!pkg) throw new Error(`no pkg-<hash> directory in ${dist}`);
const pkgDir = join(dist, pkg);
const areas = readAreas(pkgDir);

const entry = gzSum(pkgDir, ["mijn-lexus_bg.wasm", "mijn-lexus.js", "boot.js", "__wasm_split.js"]);
const css = gzSum(dist, readdirSync(dist).filter((f) => f.endsWith(".css")));
const main = gz(join(pkgDir, "mijn-lexus_bg.wasm"));

console.log(`first load, gzip -9 (budget ${budgetKb} KB):`);
console.log(`  main wasm ${kb(main)} KB; entry (main wasm + js + loader) ${kb(entry)} KB; css ${kb(css)} KB`);
const over = [];
for (const area of areas.sort((a, b) => a.name.localeCompare(b.name))) {
  const areaBytes = gzSum(pkgDir, area.files);
  const total = entry + css + areaBytes;
  const entryArea = entries.includes(area.name);
  const overBudget = entryArea && total > budgetKb * 1000;
  const flag = entryArea ? (overBudget ? "  entry, OVER BUDGET" : "  entry") : "  deep link";
  console.log(
    `  ${area.name.padEnd(14)} ${kb(total).padStart(6)} KB  (area + ${area.files.length - 1} shared chunks ${kb(areaBytes)} KB)${flag}`,
  );
  if (overBudget) over.push(area.name);
}
for (const name of entries) {
  if (!areas.some((a) => a.name === name)) throw new Error(`entry area ${name} not found`);
}
const all = gzSum(pkgDir, readdirSync(pkgDir).filter((f) => f.endsWith(".wasm")));
console.log(`  every wasm module together: ${kb(all)} KB`);
for (const f of readdirSync(join(dist, "i18n")).filter((f) => f.endsWith(".json"))) {
  console.log(`  text pack i18n/${f}: ${kb(gz(join(dist, "i18n", f)))} KB`);
}
if (over.length > 0) {
  console.error(`first load over budget: ${over.join(", ")}`);
  process.exit(1);
}
