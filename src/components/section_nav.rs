//! A section's pages as a row of tabs (`.ml-subnav`): the map section, the
//! trips section. The tabs keep the chosen vehicle (`?vin=`), so moving
//! between the pages of a section stays with the same car.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::config::{config, encode_query_value};

/// `links` (path, text); the one at `current` is marked as the page.
#[component]
pub fn SectionNav(
    label: &'static str,
    current: &'static str,
    links: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let query = use_query_map();
    let vin = move || {
        query
            .with(|q| q.get("vin"))
            .map(|vin| format!("?vin={}", encode_query_value(&vin)))
            .unwrap_or_default()
    };
    view! {
        <nav class="ml-subnav" aria-label=label>
            <ul>
                {links.into_iter().map(|(path, text)| view! {
                    <li>
                        <a href=move || format!("{}{}", config().href(path), vin())
                            aria-current=(path == current).then_some("page")>{text}</a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}
