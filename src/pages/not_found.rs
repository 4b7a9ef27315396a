//! Any path the portal does not know.

use leptos::prelude::*;

use crate::config::config;
use crate::forms::set_title;
use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    let tx = t();
    set_title(tx.not_found_title);
    view! {
        <div class="ml-page ml-page--narrow">
            <h1 class="ml-title" tabindex="-1">{tx.not_found_title}</h1>
            <p>{tx.not_found_text}</p>
            <p>
                <a class="ml-button ml-button--primary" href=config().href("/")>
                    {tx.not_found_link}
                </a>
            </p>
        </div>
    }
}
