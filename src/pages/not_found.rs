//! Any path the portal does not know.

use leptos::prelude::*;

use crate::config::config;
use crate::forms::set_title;
use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    let tx = t();
    set_title(tx.common.not_found_title.as_str());
    view! {
        <div class="ml-page ml-page--narrow">
            <h1 class="ml-title" tabindex="-1">{tx.common.not_found_title.as_str()}</h1>
            <p>{tx.common.not_found_text.as_str()}</p>
            <p>
                <a class="ml-button ml-button--primary" href=config().href("/")>
                    {tx.common.not_found_link.as_str()}
                </a>
            </p>
        </div>
    }
}
