//! Mijn Lexus: the owner portal, a client-side Leptos app.

mod api;
mod app;
mod areas;
mod components;
mod config;
mod format;
mod forms;
mod i18n;
mod pages;
mod session;
mod task;

// Leptos sets up its executor only when mounting; the text pack loads before.
use wasm_bindgen_futures::spawn_local;

fn main() {
    // A panic aborts the app (panic = "abort"); the visitor must not be left
    // with a page that silently stopped working, e.g. when a part of the app
    // could not be fetched (lazy areas, see areas.rs).
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_error();
    }));
    spawn_local(async {
        let lang = i18n::initial_language();
        match api::fetch_text_pack(lang).await {
            Ok(texts) => {
                i18n::install(lang, texts);
                mount();
            }
            Err(_) => show_fatal_error(),
        }
    });
}

/// The element the portal lives in: `<div id="mijn-lexus">` in index.html,
/// or the one a brand page provides (G3, see docs/architecture.md). The style
/// sheet is scoped to this id (scripts/css-bundle.mjs).
const MOUNT_ID: &str = "mijn-lexus";

fn mount_element() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    match document.get_element_by_id(MOUNT_ID) {
        Some(element) => element.dyn_into().ok(),
        None => document.body(),
    }
}

/// Mounts the app in place of what the mount element holds. The skeleton
/// painted from index.html stays when its script holds it
/// (`data-ml-hold`, scripts/first-paint.js): the app, hidden meanwhile, takes
/// over once its first page is drawn, and the script removes the skeleton.
fn mount() {
    let Some(parent) = mount_element() else {
        return;
    };
    let held = parent
        .query_selector(":scope > .ml-skeleton[data-ml-hold]")
        .ok()
        .flatten();
    match held {
        // Removed and put back, it would be painted again.
        Some(skeleton) => {
            let mut child = parent.first_element_child();
            while let Some(element) = child {
                child = element.next_element_sibling();
                if element != skeleton {
                    element.remove();
                }
            }
        }
        None => parent.set_text_content(None),
    }
    leptos::mount::mount_to(parent, app::App).forget();
}

/// Shown when the text pack cannot load or the app panics: without its texts
/// the app cannot speak the visitor's language, so this one fixed message (in
/// the three languages) is the only text in code.
fn show_fatal_error() {
    const MESSAGE: &str =
        "Mijn Lexus kon niet laden. Controleer uw verbinding en vernieuw de pagina. \
        / Mijn Lexus n’a pas pu se charger. Vérifiez votre connexion et rechargez la page. \
        / Mijn Lexus could not load. Check your connection and reload the page.";
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let (Some(parent), Ok(p)) = (mount_element(), document.create_element("p")) {
        p.set_text_content(Some(MESSAGE));
        let _ = p.set_attribute("role", "alert");
        let _ = p.set_attribute("class", "ml-fatal");
        let _ = parent.prepend_with_node_1(&p);
    }
}
