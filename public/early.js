// Runs before the wasm and starts at once every fetch the first page needs,
// so they travel in parallel with the main module instead of one after the
// other once it runs (index.html loads this file after the entry script):
// - the text pack of the visitor's language, chosen as
//   `i18n::initial_language` does: the stored choice, else the browser's
//   languages, else Dutch;
// - the wasm chunks of the area the address belongs to (the route table and
//   the files per area come from the manifest build-wasm.sh writes);
// - GET /api/session (who is signed in, the CSRF token).
// The app then finds each preloaded response when it asks for it. A file,
// not an inline script: the CSP allows scripts from 'self' only.
(() => {
  const meta = (name, fallback) =>
    (document.querySelector(`meta[name="${name}"]`)?.content ?? fallback).trim().replace(/\/+$/, "");
  const preload = (href, type) => {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    if (type) link.type = type;
    link.href = href;
    document.head.append(link);
  };

  const LANGUAGES = ["nl", "fr", "en"];
  const pick = (code) => LANGUAGES.find((l) => l === String(code ?? "").trim().split(/[-_]/)[0].toLowerCase());
  let stored = null;
  try {
    stored = localStorage.getItem("mijn-lexus.language");
  } catch {
    // Storage refused (private mode): the browser's languages decide.
  }
  const lang = pick(stored) ?? [...(navigator.languages ?? []), navigator.language].map(pick).find(Boolean) ?? "nl";
  const base = meta("mijn-lexus-base", "").replace(/^\/+/, "");
  const root = base ? `/${base}` : "";
  preload(`${root}/i18n/${lang}.json`);
  preload(`${meta("mijn-lexus-api", "/api")}/session`);

  let manifest;
  try {
    manifest = JSON.parse(document.getElementById("mijn-lexus-preload")?.textContent ?? "null");
  } catch {
    manifest = null;
  }
  if (!manifest) return;
  // The address within the portal, matched like the router does: in table
  // order, ":name" standing for one segment.
  let path = location.pathname;
  if (root && (path === root || path.startsWith(`${root}/`))) path = path.slice(root.length) || "/";
  const segments = (p) => p.split("/").filter(Boolean);
  const here = segments(path);
  const route = manifest.routes.find(([pattern]) => {
    const parts = segments(pattern);
    return parts.length === here.length && parts.every((part, i) => part.startsWith(":") || part === here[i]);
  });
  for (const file of (route && manifest.files[route[1]]) ?? []) {
    preload(`${manifest.pkg}/${file}`, "application/wasm");
  }
})();
