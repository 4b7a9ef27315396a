// What wasm-split made of the SPA, read from its chunk loader
// (pkg-<hash>/__wasm_split.js): per area, the files a browser fetches to
// open it (the area's own module and the shared chunks it waits for), and
// which area each route of src/areas.rs belongs to. Used by first-load.mjs
// (the budget) and by build-wasm.sh (the preload manifest the first-paint script reads).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** [{ name: "sign_in_area", files: ["split_sign_in_area.wasm", "chunk_7.wasm", ...] }]
 * from `areas.json` in a release build (build-wasm.sh writes it before it
 * minifies the loader), otherwise read from the loader itself. */
export function readAreas(pkgDir) {
  if (existsSync(join(pkgDir, "areas.json"))) {
    return JSON.parse(readFileSync(join(pkgDir, "areas.json"), "utf8"));
  }
  return parseLoader(pkgDir);
}

function parseLoader(pkgDir) {
  const loader = readFileSync(join(pkgDir, "__wasm_split.js"), "utf8");
  // `const __chunk_7 = makeLoad(() => { ... "./chunk_7.wasm" ... }, []);`
  const chunkFile = new Map();
  for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    chunkFile.set(m[1], m[2]);
  }
  // `export const __wasm_split_load_<area>_<hash> = wrapAsyncCb(makeLoad(() => { ... "./split_<area>_<hash>.wasm" ... }, [deps]));`
  const areas = [];
  for (const m of loader.matchAll(
    /export const __wasm_split_load_(\w+?)(?:_\d+)? = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?\n, \[([^\]]*)\]\)\);/g,
  )) {
    const deps = m[3].split(",").map((d) => d.trim()).filter(Boolean);
    areas.push({ name: m[1], files: [m[2], ...deps.map((d) => chunkFile.get(d))] });
  }
  if (areas.length === 0) throw new Error("no split areas found in __wasm_split.js");
  return areas;
}

/** [["/garage/:vin", "garage_area"], ...] in the table's order (the router's). */
export function readRoutes(areasRs) {
  const source = readFileSync(areasRs, "utf8");
  const table = source.slice(source.indexOf("\nportal! {"));
  const routes = [];
  let area = null;
  for (const line of table.split("\n")) {
    const group = line.match(/^\s*\w+\(\w+\) in (\w+),/);
    if (group) area = group[1];
    const route = line.match(/^\s*"([^"]+)" => \w+, (?:public|signed_in);/);
    if (route && area) routes.push([route[1], area]);
  }
  if (routes.length === 0) throw new Error(`no routes found in ${areasRs}`);
  return routes;
}

// `node split-areas.mjs PKG_DIR`: prints the areas as JSON (build-wasm.sh).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.stdout.write(JSON.stringify(parseLoader(process.argv[2])));
}
