//! /: the signed-in start page.

use leptos::prelude::*;

use crate::components::shell::sections;
use crate::config::config;
use crate::forms::set_title;
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn Home() -> impl IntoView {
    let tx = t();
    set_title(tx.common.home_document_title.as_str());
    let tx = t();
    let session = use_session();
    let first_name = move || {
        session
            .user
            .with(|u| u.as_ref().map(|u| u.first_name.clone()).unwrap_or_default())
    };
    let descriptions = [
        tx.common.profile_tile.as_str(),
        tx.common.garage_tile.as_str(),
        tx.common.map_tile.as_str(),
        tx.common.trips_tile.as_str(),
        tx.common.wallet_tile.as_str(),
    ];
    let tiles = sections()
        .into_iter()
        .zip(descriptions)
        .map(|((path, title), text)| {
            view! {
                <li class="ml-tile">
                    <a class="ml-tile__link" href=config().href(path)>
                        <span class="ml-tile__title">{title}</span>
                        <span class="ml-tile__text">{text}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="ml-page">
            <h1 class="ml-title" tabindex="-1">{move || tx.common.home_title(&first_name())}</h1>
            <p class="ml-lead">{tx.common.home_intro.as_str()}</p>
            <ul class="ml-tiles">{tiles}</ul>
        </div>
    }
}
