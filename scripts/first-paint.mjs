// Puts the first-paint script (scripts/first-paint.js) into DIR/index.html in
// place of `<meta name="mijn-lexus-first-paint" />`, inline, with the texts
// its skeleton shows: every `data-ml-text="area.key"` of index.html, in every
// language, from the text packs' sources (i18n/<lang>/<area>.json). Inline,
// not a file: it then runs while the page is parsed, before the first paint,
// and costs no request (the server allows it in its CSP by its hash).
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
const MARKER = '<meta name="mijn-lexus-first-paint" />';
const index = join(dir, "index.html");
const html = readFileSync(index, "utf8");
if (!html.includes(MARKER)) throw new Error(`first-paint: marker ${MARKER} missing in ${index}`);

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
const code = (await minify(readFileSync(new URL("first-paint.js", import.meta.url), "utf8"), { compress: true, mangle: true })).code;
if (/<\/script/i.test(code)) throw new Error("first-paint: the code holds </script");
writeFileSync(
  index,
  html.replace(
    MARKER,
    `<script type="application/json" id="mijn-lexus-texts">${data}</script><script>${code}</script>`,
  ),
);
console.log(`first-paint: ${keys.length} texts, ${code.length} bytes of code`);
