// The first paint, before any wasm: scripts/first-paint.mjs puts this code
// into index.html as an inline script (no request of its own; the CSP allows
// it by its hash, which the server computes from index.html) right after the
// mount element, with the texts it needs in every language.
//
// 1. It chooses the visitor's language as `i18n::initial_language` does: the
//    stored choice, else the browser's languages, else Dutch.
// 2. It draws the skeleton for the address: the public pages where visits
//    start (sign-in, register) in full, with their real texts, the others as
//    placeholders; and the cookie notice and the header's menu button as the
//    app draws them. The skeleton then stays until the app has drawn the
//    first page (`data-ml-hold`: style/main.css keeps the app hidden
//    meanwhile), so the page does not blink or jump, and the app's own
//    elements, drawn in the same place at the same size, are no larger
//    content than what the visitor already sees.
// 3. It starts at once every fetch the first page needs, so they travel in
//    parallel with the main module instead of one after the other once it
//    runs: the text pack, the wasm chunks of the address's area (from the
//    preload manifest build-wasm.sh writes into the head), GET /api/session.
//    The app's own requests then find the preloaded responses.
(() => {
  const meta = (name, fallback) =>
    (document.querySelector(`meta[name="${name}"]`)?.content ?? fallback).trim().replace(/\/+$/, "");
  const json = (id) => {
    try {
      return JSON.parse(document.getElementById(id)?.textContent ?? "null");
    } catch {
      return null;
    }
  };
  const stored = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      // Storage refused (private mode): as if nothing were stored.
      return null;
    }
  };
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
  const lang =
    pick(stored("mijn-lexus.language")) ??
    [...(navigator.languages ?? []), navigator.language].map(pick).find(Boolean) ??
    "nl";
  const base = meta("mijn-lexus-base", "").replace(/^\/+/, "");
  const root = base ? `/${base}` : "";
  // The address within the portal.
  let path = location.pathname;
  if (root && (path === root || path.startsWith(`${root}/`))) path = path.slice(root.length) || "/";
  if (path.length > 1) path = path.replace(/\/+$/, "");

  // 2. The skeleton.
  const skeleton = document.querySelector("#mijn-lexus > .ml-skeleton");
  const texts = json("mijn-lexus-texts")?.[lang];
  if (skeleton && texts) {
    skeleton.lang = lang;
    for (const el of skeleton.querySelectorAll("[data-ml-text]")) el.textContent = texts[el.dataset.mlText] ?? "";
    const page = skeleton.querySelector(`[data-ml-route="${CSS.escape(path)}"]`);
    if (page) {
      skeleton.querySelector('[data-ml-route=""]')?.remove();
      page.hidden = false;
    }
    for (const el of skeleton.querySelectorAll("[data-ml-shown]")) el.hidden = false;
    const cookie = skeleton.querySelector(".ml-cookie");
    if (cookie && stored("mijn-lexus.cookie-notice") === null) cookie.hidden = false;
    // Held until the app's main holds a page (src/main.rs leaves a held
    // skeleton in place when it mounts the app beside it).
    skeleton.dataset.mlHold = "";
    const mount = skeleton.parentElement;
    const drawn = () => mount.querySelector(".ml-app:not(.ml-skeleton) .ml-main > *");
    const watch = new MutationObserver(() => {
      if (drawn()) {
        watch.disconnect();
        skeleton.remove();
      }
    });
    watch.observe(mount, { childList: true, subtree: true });
  }

  // 3. The fetches.
  preload(`${root}/i18n/${lang}.json`);
  preload(`${meta("mijn-lexus-api", "/api")}/session`);
  const manifest = json("mijn-lexus-preload");
  if (!manifest) return;
  // The address's route, matched like the router does: in table order, ":name"
  // standing for one segment.
  const segments = (p) => p.split("/").filter(Boolean);
  const here = segments(path);
  const route = manifest.routes.find(([pattern]) => {
    const parts = segments(pattern);
    return parts.length === here.length && parts.every((part, i) => part.startsWith(":") || part === here[i]);
  });
  for (const file of (route && manifest.files[route[1]]) ?? []) {
    preload(`${root}/${manifest.pkg}/${file}`, "application/wasm");
  }
})();
