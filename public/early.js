// Runs before the wasm (index.html loads it with `async`): asks for the text
// pack of the visitor's language at once, so it arrives while the wasm is
// still loading instead of after it (the app fetches it before it mounts and
// then finds the preloaded response). The language is chosen as
// `i18n::initial_language` does: the stored choice, else the browser's
// languages, else Dutch. A file, not an inline script: the CSP allows
// scripts from 'self' only.
(() => {
  const LANGUAGES = ["nl", "fr", "en"];
  const pick = (code) => LANGUAGES.find((l) => l === String(code ?? "").trim().split(/[-_]/)[0].toLowerCase());
  let stored = null;
  try {
    stored = localStorage.getItem("mijn-lexus.language");
  } catch {
    // Storage refused (private mode): the browser's languages decide.
  }
  const lang = pick(stored) ?? [...(navigator.languages ?? []), navigator.language].map(pick).find(Boolean) ?? "nl";
  const base = (document.querySelector('meta[name="mijn-lexus-base"]')?.content ?? "").trim().replace(/^\/+|\/+$/g, "");
  const link = document.createElement("link");
  link.rel = "preload";
  link.as = "fetch";
  link.crossOrigin = "anonymous";
  link.href = `${base ? `/${base}` : ""}/i18n/${lang}.json`;
  document.head.append(link);
})();
