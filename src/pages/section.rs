//! The five sections of the portal (/profile, /garage, /map, /trips, /wallet),
//! protected; later issues fill them.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::protected::Protected;
use crate::config::config;
use crate::forms::set_title;
use crate::i18n::t;
use crate::pages::not_found::NotFound;

/// The h1 of a section path, or `None` for a path that is not a section.
pub fn section_title(section: &str) -> Option<&'static str> {
    let t = t();
    Some(match section {
        "profile" => t.common.profile_title.as_str(),
        "garage" => t.common.garage_title.as_str(),
        "map" => t.common.map_title.as_str(),
        "trips" => t.common.trips_title.as_str(),
        "wallet" => t.common.wallet_title.as_str(),
        _ => return None,
    })
}

#[component]
pub fn Section() -> impl IntoView {
    let params = use_params_map();
    move || {
        let section = params.with(|p| p.get("section")).unwrap_or_default();
        match section_title(&section) {
            Some(title) => {
                set_title(title);
                view! {
                    <Protected>
                        <div class="ml-page">
                            <h1 class="ml-title" tabindex="-1">{title}</h1>
                            <p class="ml-notice">{t().common.section_under_construction.as_str()}</p>
                            <p>
                                <a href=config().href("/")>{t().common.back_home.as_str()}</a>
                            </p>
                        </div>
                    </Protected>
                }
                .into_any()
            }
            None => view! { <NotFound /> }.into_any(),
        }
    }
}
