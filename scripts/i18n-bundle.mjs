// Bundles the text packs for the browser: i18n/<lang>/<area>.json in the
// repository become one <out>/i18n/<lang>.json per language. Each area's
// texts travel as an array in the order its struct declares them
// (src/i18n/<area>.rs): the app finds a text by its place, so the wasm
// carries no key names (a few KB of every first load) and the pack is
// smaller. The error texts stay keyed by their code. A text missing from a
// language, or one no struct declares, stops the build here.
// Run by Trunk's post-build hook (scripts/trunk-post-build.sh).
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error('usage: node i18n-bundle.mjs <i18n source dir> <output dir>');
  process.exit(2);
}

/** The keys `src/i18n/<area>.rs` declares, in order (`pub name: String,`). */
function declaredKeys(area) {
  const rust = readFileSync(new URL(`../src/i18n/${area}.rs`, import.meta.url), 'utf8');
  return [...rust.matchAll(/^\s*pub (\w+): String\b/gm)].map((m) => m[1]);
}

const problems = [];
mkdirSync(out, { recursive: true });
for (const lang of readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  const bundle = {};
  for (const file of readdirSync(join(src, lang.name)).filter((f) => f.endsWith('.json')).sort()) {
    const area = file.slice(0, -'.json'.length);
    const texts = JSON.parse(readFileSync(join(src, lang.name, file), 'utf8'));
    if (area === 'errors') {
      bundle.errors = texts;
      continue;
    }
    const keys = declaredKeys(area);
    for (const key of keys) if (!(key in texts)) problems.push(`${lang.name}/${area}.${key}: missing`);
    for (const key of Object.keys(texts)) if (!keys.includes(key)) problems.push(`${lang.name}/${area}.${key}: unknown key`);
    bundle[area] = keys.map((key) => texts[key]);
  }
  writeFileSync(join(out, `${lang.name}.json`), JSON.stringify(bundle));
}
if (problems.length > 0) {
  console.error(`i18n-bundle: ${problems.join('; ')}`);
  process.exit(1);
}
