// Bundles the text packs for the browser: i18n/<lang>/<area>.json in the
// repository become one <out>/i18n/<lang>.json per language ({area: {...}}).
// Run by Trunk's post-build hook (scripts/trunk-post-build.sh).
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error('usage: node i18n-bundle.mjs <i18n source dir> <output dir>');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
for (const lang of readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  const bundle = {};
  for (const file of readdirSync(join(src, lang.name)).filter((f) => f.endsWith('.json')).sort()) {
    bundle[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(src, lang.name, file), 'utf8'));
  }
  writeFileSync(join(out, `${lang.name}.json`), JSON.stringify(bundle));
}
