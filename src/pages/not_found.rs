//! Any path the portal does not know.

use leptos::prelude::*;

use crate::components::page_frame::PageFrame;
use crate::config::config;
use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    let tx = t();
    view! {
        <PageFrame title=tx.common.not_found_title.as_str() class="ml-page--narrow">
            <p>{tx.common.not_found_text.as_str()}</p>
            <p>
                <a class="ml-button ml-button--primary" href=config().href("/")>
                    {tx.common.not_found_link.as_str()}
                </a>
            </p>
        </PageFrame>
    }
}
