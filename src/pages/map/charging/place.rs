//! "Near a place": an address search (the server's geocoding provider) and
//! the places it found, each a button that chooses it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::map::{parse_geocode_query, GeocodeResult};
use mijn_lexus_contract::FieldError;

use crate::api::map as map_api;
use crate::components::field::{Field, SubmitButton};
use crate::components::loading::RequestError;
use crate::format::{plural, Plural};
use crate::forms::{focus_id, FormState};
use crate::i18n::t;

/// The search field's id (the server calls it `q`).
pub const PLACE_FIELD: &str = "charging-place";
const CHOSEN_ID: &str = "charging-place-chosen";

#[component]
pub fn PlaceSearch(
    query: RwSignal<String>,
    chosen: RwSignal<Option<GeocodeResult>>,
    geocoding: bool,
) -> impl IntoView {
    let c = &t().charging;
    if !geocoding {
        return view! { <p class="ml-notice">{c.geocoding_off.as_str()}</p> }.into_any();
    }
    let found: RwSignal<Option<Vec<GeocodeResult>>> = RwSignal::new(None);
    let form = FormState::new();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let q = match parse_geocode_query(Some(&query.get_untracked())) {
            Ok(q) => q,
            Err(code) => {
                form.fail_fields(vec![FieldError::new(PLACE_FIELD, code)]);
                focus_id(PLACE_FIELD);
                return;
            }
        };
        form.submit_mapped(
            async move { map_api::geocode(&q).await },
            move |answer| found.set(Some(answer.results)),
            |field| {
                if field == "q" {
                    PLACE_FIELD.to_owned()
                } else {
                    field.to_owned()
                }
            },
        );
    };
    let choose = move |place: GeocodeResult| {
        chosen.set(Some(place));
        found.set(None);
        focus_id(CHOSEN_ID);
    };
    let count = move || {
        found.with(|f| {
            f.as_ref().map(|places| {
                let n = places.len();
                match (n, plural(n as f64)) {
                    (0, _) => c.place_none.to_string(),
                    (_, Plural::One) => c.places_found_one(&n.to_string()),
                    (_, Plural::Other) => c.places_found_other(&n.to_string()),
                }
            })
        })
    };

    view! {
        <form class="ml-form ml-charging__place" novalidate on:submit=submit>
            <Field
                id=PLACE_FIELD
                label=c.place_label.as_str()
                hint=c.place_hint.as_str()
                value=query
                autocomplete="off"
                error=form.field(PLACE_FIELD)
            />
            <p>
                <SubmitButton label=c.place_search.as_str() pending=form.pending />
            </p>
        </form>
        {move || form.request_error().map(|error| view! { <RequestError error /> })}
        <div role="status" class="ml-status">
            {move || count().map(|text| view! { <p>{text}</p> })}
        </div>
        {move || found.get().filter(|places| !places.is_empty()).map(|places| view! {
            <ul class="ml-charging__places" aria-label=c.place_results_label.as_str()>
                {places.into_iter().map(|place| {
                    let label = place.label.clone();
                    view! {
                        <li>
                            <button type="button" class="ml-button ml-button--link"
                                on:click=move |_| choose(place.clone())>
                                {label}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        {move || chosen.get().map(|place| view! {
            <p id=CHOSEN_ID tabindex="-1"><strong>{c.place_chosen(&place.label)}</strong></p>
        })}
    }
    .into_any()
}
