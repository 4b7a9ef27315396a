//! D1 find my car: where it was parked, since when, and on request the walk
//! there from the visitor's position.

use chrono::Utc;
use leptos::prelude::*;
use mijn_lexus_contract::map::{LatLon, WalkToCar};
use mijn_lexus_contract::vehicle::{Place, VehicleLocation};

use super::place_text;
use super::position::{current_position, PositionError};
use super::route::{line, HandOff, RouteDetails};
use crate::api::map as api;
use crate::components::loading::RequestError;
use crate::components::map::{Basemap, MapPin, MapView, PinKind};
use crate::format::date_time;
use crate::forms::FormState;
use crate::i18n::t;
use crate::pages::garage::format::ago;
use crate::task::PageScope;

/// The car's parked position (privacy mode is handled by the page).
#[component]
pub fn FindMyCar(
    vin: String,
    found: VehicleLocation,
    basemap: Basemap,
    routing: bool,
) -> impl IntoView {
    let m = &t().map;
    let body = match (found.parked, found.parked_at) {
        (Some(parked), Some(parked_at)) => {
            let car = LatLon {
                lat: parked.lat,
                lon: parked.lon,
            };
            view! {
                <dl class="ml-facts">
                    <dt>{m.parked_address.as_str()}</dt>
                    <dd>{place_text(&parked)}</dd>
                    <dt>{m.parked_since.as_str()}</dt>
                    <dd>{date_time(parked_at)} " (" {ago(parked_at, Utc::now())} ")"</dd>
                </dl>
                <WalkToCarView vin parked basemap routing />
                <HandOff to=car />
            }
            .into_any()
        }
        _ => view! { <p>{m.no_parked_position.as_str()}</p> }.into_any(),
    };
    view! {
        <section class="ml-card ml-map-card" aria-labelledby="find-car">
            <h2 id="find-car">{m.find_heading.as_str()}</h2>
            {body}
        </section>
    }
}

/// The car on the map; "walk to my car" adds the visitor and the route.
#[component]
fn WalkToCarView(vin: String, parked: Place, basemap: Basemap, routing: bool) -> impl IntoView {
    let m = &t().map;
    let walk: RwSignal<Option<WalkToCar>> = RwSignal::new(None);
    let position_error: RwSignal<Option<PositionError>> = RwSignal::new(None);
    let locating = RwSignal::new(false);
    let form = FormState::new();
    let scope = PageScope::new();

    let car_pin = MapPin {
        lat: parked.lat,
        lon: parked.lon,
        name: m.pin_car.to_string(),
        kind: PinKind::Car,
    };
    let pins = Signal::derive(move || {
        let mut pins = vec![car_pin.clone()];
        if let Some(w) = walk.get() {
            pins.push(MapPin {
                lat: w.from.lat,
                lon: w.from.lon,
                name: m.pin_you.to_string(),
                kind: PinKind::You,
            });
        }
        pins
    });
    let route = Signal::derive(move || {
        walk.with(|w| w.as_ref().map(|w| line(&w.route)).unwrap_or_default())
    });

    let start = move |_| {
        if locating.get_untracked() || !form.begin() {
            return;
        }
        position_error.set(None);
        locating.set(true);
        let vin = vin.clone();
        scope.spawn(async move {
            let position = current_position().await;
            locating.set(false);
            match position {
                Ok(from) => form.submit(
                    async move { api::walk_to_car(&vin, from).await },
                    move |w| walk.set(Some(w)),
                ),
                Err(e) => position_error.set(Some(e)),
            }
        });
    };
    let busy = move || locating.get() || form.pending.get();

    view! {
        <MapView basemap pins route label=m.map_of_car.to_string() />
        {routing.then(|| view! {
            <p>
                <button type="button" class="ml-button ml-button--primary" on:click=start
                    disabled=busy aria-describedby="walk-privacy">
                    {m.walk_button.as_str()}
                </button>
            </p>
            <p id="walk-privacy" class="ml-field__hint">{m.walk_position_hint.as_str()}</p>
        })}
        <div role="status" class="ml-status">
            {move || locating.get().then(|| view! { <p class="ml-loading">{m.locating.as_str()}</p> })}
        </div>
        {move || position_error.get().map(|e| view! {
            <div class="ml-notice ml-notice--error" role="alert">
                <p>{match e {
                    PositionError::Denied => m.position_denied.as_str(),
                    PositionError::Unavailable => m.position_unavailable.as_str(),
                    PositionError::Unsupported => m.position_unsupported.as_str(),
                }}</p>
            </div>
        })}
        {move || form.request_error().map(|error| view! { <RequestError error /> })}
        {move || walk.get().map(|w| view! { <RouteDetails route=w.route heading_id="walk-steps" /> })}
    }
}
