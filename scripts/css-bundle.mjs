// Joins the portal's style sheets into one file, style-<hash>.css, and scopes
// every rule to the portal's mount element, so the portal can live inside a
// brand page (G3) without its styles leaking out or the page's leaking in.
//
//   node scripts/css-bundle.mjs DIR
//
// The sheets linked in DIR/index.html between the markers
// `<!-- mijn-lexus:embed ... -->` and `<!-- /mijn-lexus:embed -->` are the portal's
// (style/*.css); they stay plain for the people who edit them. Sheets outside
// the markers (style/page.css: the stand-alone host page) are left alone.
// What the bundle gets:
//   1. every selector is prefixed with `#mijn-lexus` (`.ml-card` becomes
//      `#mijn-lexus .ml-card`; `html`, `body` and `:root` become the mount
//      element itself), so no rule reaches outside the mount element, and the
//      id outweighs a host page's element and class selectors;
//   2. a reset before everything: the mount element starts from `all: initial`
//      (nothing inherited from the host page: font, colour, line height,
//      letter spacing...) and every element inside from `all: revert` (the
//      browser's own style, so a host's `* {}`, `button {}` or `h1 {}` rules
//      are undone); the portal's own rules, more specific, then apply as in
//      the stand-alone portal. SVG and images keep the sizes of their
//      `width`/`height` attributes (`all: revert` would drop them), so only
//      the properties a host page is likely to set on them are reset. A map
//      (the `.leaflet-container` subtree) is left to Leaflet's own sheet,
//      which the reset would otherwise undo: its panes and tiles are laid
//      out by it;
//   3. `rem` becomes `var(--ml-rem)`: the browser's default font size read at
//      the mount element, so a host page's own root font size (`html {
//      font-size: 62.5% }`) changes nothing. Media queries keep `rem`/`em`
//      (there they always mean the browser's default size).
// One request instead of four, and one gzip stream compresses better.
// Run by the Trunk post-build hook, before pre-compression.
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = "#mijn-lexus";

const RESET = `@property --ml-rem {
  syntax: "<length>";
  inherits: true;
  initial-value: 16px;
}
${ROOT} {
  all: initial;
  display: block;
  --ml-rem: 1em;
}
${ROOT} *:not(svg, svg *, img, .leaflet-container, .leaflet-container *),
${ROOT} *:not(.leaflet-container *)::before,
${ROOT} *:not(.leaflet-container *)::after {
  all: revert;
}
${ROOT} :is(svg, img):not(.leaflet-container *) {
  font: inherit;
  letter-spacing: inherit;
  word-spacing: inherit;
  text-transform: inherit;
  margin: revert;
  padding: revert;
  border: revert;
  max-width: revert;
  box-shadow: revert;
  filter: revert;
  opacity: revert;
}
`;

/** Scopes one style sheet (see the top of this file). */
export function scopeCss(css) {
  return transformBlock(css.replace(/\/\*[\s\S]*?\*\//g, ""));
}

function transformBlock(css) {
  let out = "";
  let i = 0;
  while (i < css.length) {
    const open = nextOf(css, i, "{;");
    if (open === -1) {
      out += css.slice(i);
      break;
    }
    const prelude = css.slice(i, open).trim();
    if (css[open] === ";") {
      out += `${prelude};\n`;
      i = open + 1;
      continue;
    }
    const close = matchingBrace(css, open);
    const body = css.slice(open + 1, close);
    if (/^@(media|supports|layer|container|document)\b/.test(prelude)) {
      out += `${prelude} {\n${transformBlock(body)}}\n`;
    } else if (prelude.startsWith("@")) {
      out += `${prelude} {${remToVar(body)}}\n`;
    } else {
      out += `${splitSelectors(prelude).map(scopeSelector).join(",\n")} {${remToVar(body)}}\n`;
    }
    i = close + 1;
  }
  return out;
}

/** Index of the first of `chars` at or after `from`, outside strings. */
function nextOf(css, from, chars) {
  for (let i = from; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") i = css.indexOf(c, i + 1);
    else if (chars.includes(c)) return i;
  }
  return -1;
}

function matchingBrace(css, open) {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") i = css.indexOf(c, i + 1);
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  throw new Error(`css-bundle: unbalanced braces after ${css.slice(open - 40, open)}`);
}

/** Splits a selector list at its top-level commas (not inside `:is(a, b)`). */
function splitSelectors(list) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((s) => s.trim().replace(/\s+/g, " "));
}

function scopeSelector(selector) {
  if (selector.startsWith(ROOT) && !/^[\w-]/.test(selector.slice(ROOT.length))) return selector;
  const root = selector.match(/^(html|body|:root)(?![\w-])/);
  if (root) return ROOT + selector.slice(root[0].length);
  return `${ROOT} ${selector}`;
}

function remToVar(declarations) {
  return declarations.replace(/(-?\d*\.?\d+)rem\b/g, "calc($1 * var(--ml-rem))");
}

function main(dir) {
  const indexPath = join(dir, "index.html");
  let html = readFileSync(indexPath, "utf8");
  const start = html.indexOf("<!-- mijn-lexus:embed");
  const end = html.indexOf("<!-- /mijn-lexus:embed -->");
  if (start === -1 || end < start) throw new Error("css-bundle: embed markers missing in index.html");
  const embed = html.slice(start, end);
  const links = [...embed.matchAll(/[ \t]*<link rel="stylesheet" href="([^"]+\.css)"[^>]*>\n?/g)];
  if (links.length === 0) throw new Error("css-bundle: no style sheets linked between the embed markers");

  const publicUrl = links[0][1].slice(0, links[0][1].lastIndexOf("/") + 1);
  const files = links.map((m) => join(dir, m[1].slice(publicUrl.length)));
  const css = RESET + files.map((f) => scopeCss(readFileSync(f, "utf8"))).join("\n");
  const hash = createHash("sha256").update(css).digest("hex").slice(0, 16);
  const name = `style-${hash}.css`;
  const integrity = `sha384-${createHash("sha384").update(css).digest("base64")}`;
  writeFileSync(join(dir, name), css);
  for (const f of files) rmSync(f);

  const tag = `    <link rel="stylesheet" href="${publicUrl}${name}" integrity="${integrity}"/>\n`;
  let scoped = embed.replace(links[0][0], tag);
  for (const m of links.slice(1)) scoped = scoped.replace(m[0], "");
  html = html.slice(0, start) + scoped + html.slice(end);
  writeFileSync(indexPath, html);
  console.log(`css-bundle: ${links.length} style sheets -> ${name} (scoped to ${ROOT})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node css-bundle.mjs DIR");
    process.exit(2);
  }
  main(dir);
}
