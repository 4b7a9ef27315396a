//! D4 charging points: public charge points near the car or near a place,
//! filtered by plug, power and availability, on the map and in words.
//!
//! Where to search and the filters are signals; the search is one
//! `LocalResource` over them, so every change fetches again, and whatever
//! the answer (an error included) the choices stay as they were. The car's
//! position is used by the server and never sent: in privacy mode, or
//! before the car has parked, the page says so and offers the place search.

mod results;
mod send;

use leptos::prelude::*;
use mijn_lexus_contract::charging::{ChargePointList, ConnectorStandard};
use mijn_lexus_contract::share::SharePlace;
use mijn_lexus_contract::vehicle::VehicleSummary;
use mijn_lexus_contract::ErrorCode;

use super::place_search::{PlaceField, PlaceSearch};
use super::MapSection;
use crate::api::charging::{self as api, ChargeFilter};
use crate::api::ApiResult;
use crate::components::field::{CheckboxField, RadioOption, SelectField};
use crate::components::loading::Loaded;
use crate::components::map::{Basemap, MapPin, MapView, PinKind};
use crate::format::{fixed, plural, Plural};
use crate::forms::focus_id;
use crate::i18n::{error_text, t};
use results::{common_plug_name, pins, PinLegend, StationList, COMMON_STANDARDS};

/// The address search's field id.
const PLACE_FIELD: &str = "charging-place";

#[component]
pub fn ChargingPage() -> impl IntoView {
    view! {
        <MapSection
            title=t().charging.title.as_str()
            path="/map/charging"
            page=|v, basemap, config| {
                view! { <ChargingSearch car=Some(v) basemap geocoding=config.geocoding /> }.into_any()
            }
            without_vehicle=|basemap, config| {
                view! { <ChargingSearch car=None basemap geocoding=config.geocoding /> }.into_any()
            }
        />
    }
}

/// Around what the charge points are searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Near {
    Car,
    Place,
}

/// The origin of one search.
#[derive(Clone, Debug, PartialEq)]
enum Origin {
    Car(String),
    Place(SharePlace),
}

/// What one search found.
#[derive(Clone, Debug, PartialEq)]
enum Found {
    /// Near a place, before one is chosen.
    NoPlace,
    /// The car's position cannot be used: `privacy_mode_on` or
    /// `no_parked_position`.
    CarUnknown(ErrorCode),
    Stations(ChargePointList),
}

async fn find(origin: Option<Origin>, filter: ChargeFilter) -> ApiResult<Found> {
    match origin {
        None => Ok(Found::NoPlace),
        Some(Origin::Place(place)) => Ok(Found::Stations(
            api::near_place(place.lat, place.lon, &filter).await?,
        )),
        Some(Origin::Car(vin)) => match api::near_vehicle(&vin, &filter).await {
            Ok(list) => Ok(Found::Stations(list)),
            Err(e) => match e.code() {
                Some(code @ (ErrorCode::PrivacyModeOn | ErrorCode::NoParkedPosition)) => {
                    Ok(Found::CarUnknown(code))
                }
                _ => Err(e),
            },
        },
    }
}

/// Where to search (around `car`, the section's chosen vehicle, when its
/// user may see where it is; or around a place), the filters, and what was
/// found.
#[component]
fn ChargingSearch(car: Option<VehicleSummary>, basemap: Basemap, geocoding: bool) -> impl IntoView {
    let c = &t().charging;
    let car_search = car.as_ref().is_some_and(|v| v.permissions.can_see_location);
    let near = RwSignal::new(if car_search { Near::Car } else { Near::Place });
    let vin = car.as_ref().map(|v| v.vin.clone()).unwrap_or_default();
    // Kept here, not in the place search: switching to the car and back
    // loses neither what was typed nor the place chosen.
    let place = PlaceField::new();
    let standard = RwSignal::new(String::new());
    let min_power = RwSignal::new(String::new());
    let available = RwSignal::new(false);

    let search = Memo::new(move |_| {
        let origin = match near.get() {
            Near::Car => Some(Origin::Car(vin.clone())),
            Near::Place => place.chosen.get().map(Origin::Place),
        };
        let filter = ChargeFilter {
            standard: ConnectorStandard::from_code(&standard.get()),
            min_power_kw: min_power.get().parse().ok(),
            available: available.get(),
        };
        (origin, filter)
    });
    let results = LocalResource::new(move || {
        let (origin, filter) = search.get();
        find(origin, filter)
    });
    // The last answer, kept while the next one is on its way.
    let found = Memo::new(move |_| results.get().and_then(Result::ok));
    let map_pins = Memo::new(move |_| {
        let mut all = found.with(|f| match f {
            Some(Found::Stations(list)) => pins(&list.charge_points),
            _ => Vec::new(),
        });
        if near.get() == Near::Place {
            if let Some(p) = place.chosen.get() {
                all.push(MapPin {
                    lat: p.lat,
                    lon: p.lon,
                    // Unnamed: see `PinKind::Searched`.
                    name: String::new(),
                    kind: PinKind::Searched,
                });
            }
        }
        all
    });
    // Near a place the map is a way to choose one; near the car it shows
    // what was found.
    let show_map =
        Memo::new(move |_| near.get() == Near::Place || map_pins.with(|p| !p.is_empty()));
    let pick = Callback::new(move |(lat, lon): (f64, f64)| {
        place.set(SharePlace {
            label: t().map.picked_point(&fixed(lat, 5), &fixed(lon, 5)),
            address: String::new(),
            lat,
            lon,
        });
        near.set(Near::Place);
    });
    let search_place_instead = move |_| {
        near.set(Near::Place);
        focus_id(PLACE_FIELD);
    };
    let no_error = Signal::<Option<&'static str>>::stored(None);

    view! {
        <p>{c.intro.as_str()}</p>
        <section class="ml-card ml-charging__search" aria-labelledby="charging-where">
            <h2 id="charging-where">{c.near_legend.as_str()}</h2>
            {car_search.then(|| view! {
                // Named by the section's heading, which asks the question.
                <div class="ml-radios" role="radiogroup" aria-labelledby="charging-where">
                    <RadioOption id="charging-near-car" name="charging-near"
                        label=c.near_car.as_str() value=Near::Car chosen=near />
                    <RadioOption id="charging-near-place" name="charging-near"
                        label=c.near_place.as_str() value=Near::Place chosen=near />
                </div>
            })}
            {(car.is_some() && !car_search).then(|| view! { <p>{c.no_car_search.as_str()}</p> })}
            {move || match near.get() {
                Near::Car => view! { <p class="ml-hint">{c.near_car_hint.as_str()}</p> }.into_any(),
                Near::Place => view! {
                    <PlaceSearch id=PLACE_FIELD label=c.place_label.to_string() field=place
                        geocoding error=no_error />
                    {move || place.chosen.get().map(|p| view! {
                        <p><strong>{c.place_chosen(&p.label)}</strong></p>
                    })}
                }.into_any(),
            }}
            <Filters standard min_power available />
        </section>
        <div role="status" class="ml-status">
            {move || found.with(|f| match f {
                Some(Found::Stations(list)) => Some(view! { <p>{count_text(list)}</p> }.into_any()),
                Some(Found::CarUnknown(code)) => Some(view! {
                    <div class="ml-notice"><p>{error_text(*code)}</p></div>
                }.into_any()),
                _ => None,
            })}
        </div>
        <div class="ml-charging__results">
            {move || show_map.get().then(|| view! {
                <div class="ml-charging__map">
                    <MapView basemap=basemap.clone() pins=map_pins label=c.map_label.to_string() on_pick=pick />
                    <p class="ml-field__hint">{c.map_pick_hint.as_str()}</p>
                    <PinLegend />
                </div>
            })}
            <div>
                <Loaded resource=results let:answer>
                    {match answer {
                        Found::NoPlace => view! { <p>{c.place_choose_first.as_str()}</p> }.into_any(),
                        Found::CarUnknown(_) => view! {
                            <p>
                                <button type="button" class="ml-button ml-button--secondary" on:click=search_place_instead>
                                    {c.search_near_place_instead.as_str()}
                                </button>
                            </p>
                        }.into_any(),
                        Found::Stations(list) => (!list.charge_points.is_empty()).then(|| view! {
                            <StationList stations=list.charge_points car=car.clone() />
                        }).into_any(),
                    }}
                </Loaded>
            </div>
        </div>
    }
}

/// "3 charging stations found within 10 km." or what to change when none.
fn count_text(list: &ChargePointList) -> String {
    let c = &t().charging;
    let n = list.charge_points.len();
    let radius = fixed(list.radius_km, 0);
    match (n, plural(n as f64)) {
        (0, _) => c.results_none(&radius),
        (_, Plural::One) => c.results_one(&n.to_string(), &radius),
        (_, Plural::Other) => c.results_other(&n.to_string(), &radius),
    }
}

/// Plug, minimum power, available now: each change searches again.
#[component]
fn Filters(
    standard: RwSignal<String>,
    min_power: RwSignal<String>,
    available: RwSignal<bool>,
) -> impl IntoView {
    let c = &t().charging;
    let standards: Vec<(&'static str, &'static str)> =
        std::iter::once(("", c.standard_any.as_str()))
            .chain(
                COMMON_STANDARDS
                    .iter()
                    .filter_map(|s| common_plug_name(*s).map(|name| (s.code(), name.as_str()))),
            )
            .collect();
    let powers = vec![
        ("", c.power_any.as_str()),
        ("11", c.power_11.as_str()),
        ("22", c.power_22.as_str()),
        ("50", c.power_50.as_str()),
        ("150", c.power_150.as_str()),
    ];
    let no_error = Signal::<Option<&'static str>>::stored(None);
    view! {
        <fieldset class="ml-fieldset ml-charging__filters">
            <legend class="ml-fieldset__legend">{c.filters_legend.as_str()}</legend>
            <SelectField id="charging-standard" label=c.standard.as_str() value=standard
                options=standards error=no_error />
            <SelectField id="charging-power" label=c.min_power.as_str() value=min_power
                options=powers error=no_error />
            <CheckboxField id="charging-available" label=c.available_now.as_str()
                hint=c.available_now_hint.as_str() checked=available error=no_error />
        </fieldset>
    }
}
