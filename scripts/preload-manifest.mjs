// Prints the preload manifest build-wasm.sh puts into index.html: the main
// module, the route table (path patterns in router order, with their area)
// and, per area, the wasm files its first page needs. The first-paint script
// (scripts/first-paint.js) reads it and starts those fetches at once, before
// the main module has even compiled.
//
//   node scripts/preload-manifest.mjs PKG_DIR PKG_PATH
//
// PKG_PATH: the directory's path relative to the portal's base path.
import { readAreas, readRoutes } from "./split-areas.mjs";

import { readdirSync } from "node:fs";

const [pkgDir, pkgUrl] = process.argv.slice(2);
const files = Object.fromEntries(readAreas(pkgDir).map((a) => [a.name, a.files]));
// The main module (wasm-bindgen's `<name>_bg.wasm`), which every page needs.
const entries = readdirSync(pkgDir).filter((f) => f.endsWith("_bg.wasm"));
if (entries.length !== 1) throw new Error(`expected one main module in ${pkgDir}, found ${entries}`);
const [entry] = entries;
const routes = readRoutes(new URL("../src/areas.rs", import.meta.url).pathname);
for (const [path, area] of routes) {
  if (!files[area]) throw new Error(`route ${path}: area ${area} not in the split output`);
}
const json = JSON.stringify({ pkg: pkgUrl, entry, routes, files });
// It goes into a <script> element through sed (build-wasm.sh): none of these.
if (/[<&#\\]/.test(json)) throw new Error(`preload manifest holds a character it cannot: ${json}`);
process.stdout.write(json);
