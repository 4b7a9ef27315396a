// Puts the first-fetch and first-paint scripts (scripts/first-fetch.js,
// scripts/first-paint.js) into DIR/index.html in place of
// `<meta name="mijn-lexus-first-fetch" />` and
// `<meta name="mijn-lexus-first-paint" />`, inline, the latter with the texts
// its skeleton shows: every `data-ml-text="area.key"` of index.html, in every
// language, from the text packs' sources (i18n/<lang>/<area>.json). Inline,
// not files: they then run while the page is parsed, before the first paint,
// and cost no request (the server allows them in its CSP by their hashes).
//
//   node scripts/first-paint.mjs DIR
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node first-paint.mjs DIR");
  process.exit(2);
}
const FETCH_MARKER = '<meta name="mijn-lexus-first-fetch" />';
const PAINT_MARKER = '<meta name="mijn-lexus-first-paint" />';
const index = join(dir, "index.html");
const html = readFileSync(index, "utf8");
for (const marker of [FETCH_MARKER, PAINT_MARKER]) {
  if (!html.includes(marker)) throw new Error(`first-paint: marker ${marker} missing in ${index}`);
}

const i18n = new URL("../i18n/", import.meta.url).pathname;
const keys = [...new Set([...html.matchAll(/data-ml-text="([\w.]+)"/g)].map((m) => m[1]))].sort();
const texts = {};
for (const lang of readdirSync(i18n, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  const packs = {};
  texts[lang.name] = Object.fromEntries(
    keys.map((key) => {
      const [area, name] = key.split(".");
      packs[area] ??= JSON.parse(readFileSync(join(i18n, lang.name, `${area}.json`), "utf8"));
      const text = packs[area][name];
      if (typeof text !== "string") throw new Error(`first-paint: no text ${lang.name}/${key}`);
      return [key, text];
    }),
  );
}
// In a <script> element: no "</script" may appear, so "<" is escaped.
const data = JSON.stringify(texts).replace(/</g, "\\u003c");
/** The minified code of scripts/NAME, to sit in a <script> element. */
async function inline(name) {
  const source = readFileSync(new URL(name, import.meta.url), "utf8");
  const { code } = await minify(source, { compress: true, mangle: true });
  if (/<\/script/i.test(code)) throw new Error(`first-paint: ${name} holds </script`);
  return code;
}
const fetchCode = await inline("first-fetch.js");
const paintCode = await inline("first-paint.js");
writeFileSync(
  index,
  html
    .replace(FETCH_MARKER, `<script>${fetchCode}</script>`)
    .replace(
      PAINT_MARKER,
      `<script type="application/json" id="mijn-lexus-texts">${data}</script><script>${paintCode}</script>`,
    ),
);
console.log(`first-paint: ${keys.length} texts, ${fetchCode.length} + ${paintCode.length} bytes of code`);
