// The first page's fetches, started while the page is parsed:
// scripts/first-paint.mjs puts this code into index.html's head as an inline
// script, before the style sheets (a script after them would wait for them),
// right after the preload manifest build-wasm.sh writes there. No request of
// its own; the CSP allows it by its hash, which the server computes from
// index.html.
//
// It chooses the visitor's language as `i18n::initial_language` does (the
// stored choice, else the browser's languages, else Dutch) and leaves it, with
// the address within the portal, on the manifest element (`data-lang`,
// `data-path`) for the first-paint script (scripts/first-paint.js). Then,
// right after the first paint, it starts together, instead of one after the
// other once the main module runs: the main module, the text pack, the wasm
// chunks of the address's area (from the manifest), GET /api/session. The app's own requests then find the
// preloaded responses.
//
// Why after the first paint: the skeleton needs only the page and its style
// sheet. Started with them, some 200 KB of wasm, texts and session would share
// the line with the style sheet (six connections over HTTP/1.1) and hold the
// first paint back; started one frame later, they cost the app about one
// round trip on a slow line (measured with Lighthouse's mobile preset, which
// counts every request finished before the largest paint into its LCP:
// 2.3-2.7 s -> 1.2-1.8 s; docs/architecture.md, "First paint").
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
  let stored = null;
  try {
    stored = localStorage.getItem("mijn-lexus.language");
  } catch {
    // Storage refused (private mode): the browser's languages decide.
  }
  const LANGUAGES = ["nl", "fr", "en"];
  const pick = (code) => LANGUAGES.find((l) => l === String(code ?? "").trim().split(/[-_]/)[0].toLowerCase());
  const lang = pick(stored) ?? [...(navigator.languages ?? []), navigator.language].map(pick).find(Boolean) ?? "nl";
  const base = meta("mijn-lexus-base", "").replace(/^\/+/, "");
  const root = base ? `/${base}` : "";
  // The address within the portal.
  let path = location.pathname;
  if (root && (path === root || path.startsWith(`${root}/`))) path = path.slice(root.length) || "/";
  if (path.length > 1) path = path.replace(/\/+$/, "");

  const element = document.getElementById("mijn-lexus-preload");
  let manifest = null;
  try {
    manifest = JSON.parse(element?.textContent ?? "null");
  } catch {
    manifest = null;
  }
  if (element) {
    element.dataset.lang = lang;
    element.dataset.path = path;
  }

  // Links into the head a few per task: each costs the main thread 1-3 ms
  // on a slow phone, and dozens at once made a long task.
  const linkAll = (files, link) => {
    const batch = () => {
      for (const file of files.splice(0, 4)) link(`${root}/${manifest.pkg}/${file}`);
      if (files.length) setTimeout(batch, 0);
    };
    batch();
  };
  // The app (src/areas.rs, `prefetch_areas`) asks here, a few seconds after
  // its first page, for the files of the areas (names separated by spaces)
  // the visitor is likely to open next: they go into the browser's cache at
  // low priority, and a module is instantiated only when its page opens.
  if (manifest?.files) {
    window.mijnLexusPrefetch = (areas) => {
      const files = new Set(String(areas).split(" ").flatMap((area) => manifest.files[area] ?? []));
      linkAll([...files], (href) => {
        const link = document.createElement("link");
        link.rel = "prefetch";
        link.href = href;
        document.head.append(link);
      });
    };
  }

  const start = () => {
    preload(`${root}/i18n/${lang}.json`);
    preload(`${meta("mijn-lexus-api", "/api")}/session`);
    if (!manifest) return;
    // The main module: boot.js starts it at this moment too, but only once
    // the JS glue has been evaluated; the request need not wait for that.
    preload(`${root}/${manifest.pkg}/${manifest.entry}`, "application/wasm");
    // The address's route, matched like the router does: in table order,
    // ":name" standing for one segment.
    const segments = (p) => p.split("/").filter(Boolean);
    const here = segments(path);
    const route = manifest.routes.find(([pattern]) => {
      const parts = segments(pattern);
      return parts.length === here.length && parts.every((part, i) => part.startsWith(":") || part === here[i]);
    });
    linkAll([...((route && manifest.files[route[1]]) ?? [])], (href) => preload(href, "application/wasm"));
  };
  // Once the first contentful paint (the skeleton) is on screen: its timing
  // entry arrives only then. At once in a tab in the background (it paints
  // nothing) or without paint timing; after 3 s at the latest.
  let started = false;
  const once = () => {
    if (!started) {
      started = true;
      start();
    }
  };
  if (document.visibilityState !== "visible" || !PerformanceObserver.supportedEntryTypes?.includes("paint")) {
    once();
  } else {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        once();
      }
    }).observe({ type: "paint", buffered: true });
    setTimeout(once, 3000);
  }
})();
