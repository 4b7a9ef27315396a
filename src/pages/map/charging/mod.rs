//! D4 charging points: public charge points near the car or near a place,
//! filtered by plug, power and availability, on the map and in words.
//!
//! Where to search and the filters are signals; the search is one
//! `LocalResource` over them, so every change fetches again, and whatever
//! the answer (an error included) the choices stay as they were. The car's
//! position is used by the server and never sent: in privacy mode, or
//! before the car has parked, the page says so and offers the place search.

mod place;
mod results;

use leptos::prelude::*;
use mijn_lexus_contract::charging::{ChargePointList, ConnectorStandard};
use mijn_lexus_contract::map::{GeocodeResult, MapConfig};
use mijn_lexus_contract::vehicle::{VehicleList, VehicleSummary};
use mijn_lexus_contract::ErrorCode;

use super::{vehicle_name, MapNav};
use crate::api::charging::{self as api, ChargeFilter};
use crate::api::garage as garage_api;
use crate::api::map as map_api;
use crate::api::ApiResult;
use crate::components::field::{CheckboxField, SelectField};
use crate::components::loading::Loaded;
use crate::components::map::{Basemap, MapView};
use crate::components::page_frame::PageFrame;
use crate::format::{fixed, plural, Plural};
use crate::forms::focus_id;
use crate::i18n::{error_text, t};
use place::{PlaceSearch, PLACE_FIELD};
use results::{common_plug_name, pins, PinLegend, StationList, COMMON_STANDARDS};

#[component]
pub fn ChargingPage() -> impl IntoView {
    let c = &t().charging;
    let map_config = LocalResource::new(map_api::config);
    let vehicles = LocalResource::new(garage_api::vehicles);
    view! {
        <PageFrame title=c.title.as_str() class="ml-map-page">
            <MapNav current="/map/charging" />
            <p>{c.intro.as_str()}</p>
            <Loaded resource=map_config let:map_config>
                <Loaded resource=vehicles let:list>
                    <ChargingSearch list map_config=map_config.clone() />
                </Loaded>
            </Loaded>
        </PageFrame>
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
    Place(GeocodeResult),
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
        Some(Origin::Place(place)) => {
            let (lat, lon) = (place.location.lat, place.location.lon);
            Ok(Found::Stations(api::near_place(lat, lon, &filter).await?))
        }
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

/// Where to search, the filters, and what was found.
#[component]
fn ChargingSearch(list: VehicleList, map_config: MapConfig) -> impl IntoView {
    let c = &t().charging;
    let has_vehicles = !list.vehicles.is_empty();
    let cars: Vec<VehicleSummary> = list
        .vehicles
        .into_iter()
        .filter(|v| v.permissions.can_see_location)
        .collect();
    let near = RwSignal::new(if cars.is_empty() {
        Near::Place
    } else {
        Near::Car
    });
    let vin = RwSignal::new(cars.first().map(|v| v.vin.clone()).unwrap_or_default());
    // Kept here, not in the place search: switching to the car and back
    // loses neither what was typed nor the place chosen.
    let place_query = RwSignal::new(String::new());
    let place: RwSignal<Option<GeocodeResult>> = RwSignal::new(None);
    let standard = RwSignal::new(String::new());
    let min_power = RwSignal::new(String::new());
    let available = RwSignal::new(false);

    let search = Memo::new(move |_| {
        let origin = match near.get() {
            Near::Car => Some(Origin::Car(vin.get())),
            Near::Place => place.get().map(Origin::Place),
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
    let station_pins = Memo::new(move |_| {
        found.with(|f| match f {
            Some(Found::Stations(list)) => pins(&list.charge_points),
            _ => Vec::new(),
        })
    });
    let show_map = Memo::new(move |_| station_pins.with(|p| !p.is_empty()));
    let basemap = Basemap::from_config(&map_config);
    let geocoding = map_config.geocoding;
    let car_search = !cars.is_empty();
    let search_place_instead = move |_| {
        near.set(Near::Place);
        focus_id(PLACE_FIELD);
    };

    view! {
        <section class="ml-card ml-charging__search" aria-labelledby="charging-where">
            <h2 id="charging-where">{c.near_legend.as_str()}</h2>
            {car_search.then(|| view! { <NearChoice near /> })}
            {(has_vehicles && !car_search).then(|| view! { <p>{c.no_car_search.as_str()}</p> })}
            {move || match near.get() {
                Near::Car => view! { <CarChoice cars=cars.clone() vin /> }.into_any(),
                Near::Place => view! { <PlaceSearch query=place_query chosen=place geocoding /> }.into_any(),
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
                    <MapView basemap=basemap.clone() pins=station_pins label=c.map_label.to_string() />
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
                            <StationList stations=list.charge_points />
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

/// Near my car or near a place.
#[component]
fn NearChoice(near: RwSignal<Near>) -> impl IntoView {
    let c = &t().charging;
    let option = move |value: Near, id: &'static str, label: &'static str| {
        view! {
            <div class="ml-radio">
                <input
                    type="radio"
                    class="ml-radio__input"
                    id=id
                    name="charging-near"
                    prop:checked=move || near.get() == value
                    on:change=move |_| near.set(value)
                />
                <label class="ml-radio__label" for=id>{label}</label>
            </div>
        }
    };
    // Named by the section's heading, which asks the question.
    view! {
        <div class="ml-radios" role="radiogroup" aria-labelledby="charging-where">
            {option(Near::Car, "charging-near-car", c.near_car.as_str())}
            {option(Near::Place, "charging-near-place", c.near_place.as_str())}
        </div>
    }
}

/// The car to search around (a choice when there are several).
#[component]
fn CarChoice(cars: Vec<VehicleSummary>, vin: RwSignal<String>) -> impl IntoView {
    let c = &t().charging;
    let choice = (cars.len() > 1).then(|| {
        view! {
            <p class="ml-field">
                <label for="charging-vehicle">{c.vehicle_choice.as_str()}</label>
                <select id="charging-vehicle" on:change=move |ev| vin.set(event_target_value(&ev))>
                    {cars.iter().map(|v| {
                        let this = v.vin.clone();
                        view! {
                            <option value=v.vin.clone() selected=move || vin.with(|chosen| *chosen == this)>
                                {vehicle_name(v)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </p>
        }
    });
    view! {
        {choice}
        <p class="ml-hint">{c.near_car_hint.as_str()}</p>
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
