//! Notice about the one cookie the portal uses (the session cookie, which is
//! strictly necessary, so no consent is asked). Dismissed once per browser.

use leptos::prelude::*;

use crate::i18n::t;

const STORAGE_KEY: &str = "mijn-lexus.cookie-notice";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn dismissed() -> bool {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .is_some()
}

#[component]
pub fn CookieNotice() -> impl IntoView {
    let visible = RwSignal::new(!dismissed());
    let dismiss = move |_| {
        if let Some(s) = storage() {
            // Private mode may refuse; the notice then returns next visit.
            let _ = s.set_item(STORAGE_KEY, "1");
        }
        visible.set(false);
    };
    move || {
        visible.get().then(|| {
            view! {
                <section class="ml-cookie" aria-label=t().common.cookie_label.as_str()>
                    <div class="ml-cookie__inner">
                        <p class="ml-cookie__text">{t().common.cookie_text.as_str()}</p>
                        <button type="button" class="ml-button ml-button--secondary" on:click=dismiss>
                            {t().common.cookie_ok.as_str()}
                        </button>
                    </div>
                </section>
            }
        })
    }
}
