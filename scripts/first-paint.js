// The first paint, before any wasm: scripts/first-paint.mjs puts this code
// into index.html as an inline script right after the mount element, with
// the texts it needs in every language (the CSP allows it by its hash, which
// the server computes from index.html).
//
// It draws the skeleton for the address, in the language the first-fetch
// script chose (scripts/first-fetch.js, `data-lang` and `data-path` on the
// preload manifest): the public pages where visits start (sign-in, register)
// with their real texts, the others as a placeholder; and the cookie notice,
// the header's menu button and the footer as the app draws them. The
// skeleton then stays until the app has drawn its first page (`data-ml-hold`:
// src/main.rs mounts the app beside it, style/main.css keeps the app hidden
// meanwhile), so the page neither blinks nor jumps, and the app's elements,
// drawn in the same place at the same size, are no larger content than what
// the visitor already sees.
(() => {
  const chosen = document.getElementById("mijn-lexus-preload")?.dataset;
  const skeleton = document.querySelector("#mijn-lexus > .ml-skeleton");
  let texts = null;
  try {
    texts = JSON.parse(document.getElementById("mijn-lexus-texts")?.textContent ?? "null")?.[chosen?.lang];
  } catch {
    texts = null;
  }
  if (!skeleton || !texts) return;
  skeleton.lang = chosen.lang;
  for (const el of skeleton.querySelectorAll("[data-ml-text]")) el.textContent = texts[el.dataset.mlText] ?? "";
  const page = skeleton.querySelector(`[data-ml-route="${CSS.escape(chosen.path ?? "")}"]`);
  if (page) {
    skeleton.querySelector('[data-ml-route=""]')?.remove();
    page.hidden = false;
  }
  for (const el of skeleton.querySelectorAll("[data-ml-shown]")) el.hidden = false;
  let dismissed = null;
  try {
    dismissed = localStorage.getItem("mijn-lexus.cookie-notice");
  } catch {
    // Storage refused (private mode): the notice shows, as in the app.
  }
  const cookie = skeleton.querySelector(".ml-cookie");
  if (cookie && dismissed === null) cookie.hidden = false;
  // Held until the app's main holds a page.
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
})();
