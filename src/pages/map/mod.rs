//! The map (D1, D2): per vehicle where it is parked, the walk there from
//! the visitor's position, and the walk from the car to where its
//! navigation was heading.
//!
//! The page reads the map's configuration and the garage, lets the visitor
//! choose a vehicle (`?vin=`), then reads that vehicle's location once:
//! privacy mode hides every position, so it is said once, for the page.

mod car_to_door;
pub mod charging;
mod find_car;
mod position;
mod route;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use mijn_lexus_contract::map::MapConfig;
use mijn_lexus_contract::vehicle::{Place, VehicleList, VehicleSummary};

use crate::api::garage as garage_api;
use crate::api::map as api;
use crate::components::loading::Loaded;
use crate::components::map::Basemap;
use crate::components::page_frame::PageFrame;
use crate::config::{config, encode_query_value, navigate_to};
use crate::format::fixed;
use crate::i18n::t;
use car_to_door::CarToDoorView;
use find_car::FindMyCar;

#[component]
pub fn MapPage() -> impl IntoView {
    let m = &t().map;
    let map_config = LocalResource::new(api::config);
    let vehicles = LocalResource::new(garage_api::vehicles);
    view! {
        <PageFrame title=m.title.as_str() class="ml-map-page">
            <Loaded resource=map_config let:map_config>
                <Loaded resource=vehicles let:list>
                    <VehicleChoice list map_config=map_config.clone() />
                </Loaded>
            </Loaded>
        </PageFrame>
    }
}

/// The vehicle in `?vin=` (the first one otherwise) and a way to choose
/// another.
#[component]
fn VehicleChoice(list: VehicleList, map_config: MapConfig) -> impl IntoView {
    let m = &t().map;
    if list.vehicles.is_empty() {
        return view! {
            <p>{m.no_vehicles.as_str()}</p>
            <p><a href=config().href("/garage/add")>{t().garage.add_vehicle.as_str()}</a></p>
        }
        .into_any();
    }
    let query = use_query_map();
    let navigate = use_navigate();
    let vehicles = list.vehicles;
    let chosen = {
        let vehicles = vehicles.clone();
        Memo::new(move |_| {
            let wanted = query.with(|q| q.get("vin"));
            vehicles
                .iter()
                .find(|v| Some(&v.vin) == wanted.as_ref())
                .unwrap_or(&vehicles[0])
                .clone()
        })
    };
    let choose = move |ev: leptos::ev::Event| {
        let vin = event_target_value(&ev);
        navigate_to(
            &navigate,
            &format!("/map?vin={}", encode_query_value(&vin)),
            true,
        );
    };
    let basemap = Basemap::from_config(&map_config);
    let routing = map_config.routing;
    view! {
        {(vehicles.len() > 1).then(|| view! {
            <p class="ml-field">
                <label for="map-vehicle">{m.vehicle_choice.as_str()}</label>
                <select id="map-vehicle" on:change=choose>
                    {vehicles.iter().map(|v| {
                        let vin = v.vin.clone();
                        view! {
                            <option value=v.vin.clone() selected=move || chosen.with(|c| c.vin == vin)>
                                {vehicle_name(v)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </p>
        })}
        {move || {
            let v = chosen.get();
            view! { <VehicleMaps v basemap=basemap.clone() routing /> }
        }}
    }
    .into_any()
}

/// Both maps of one vehicle, when its user may see where it is.
#[component]
fn VehicleMaps(v: VehicleSummary, basemap: Basemap, routing: bool) -> impl IntoView {
    let m = &t().map;
    if !v.permissions.can_see_location {
        return view! { <p class="ml-notice">{m.no_location_right.as_str()}</p> }.into_any();
    }
    let vin = v.vin.clone();
    let location = LocalResource::new(move || {
        let vin = vin.clone();
        async move { api::location(&vin).await }
    });
    let vin = v.vin;
    view! {
        <Loaded resource=location let:found>
            {if found.privacy_mode {
                view! { <PrivacyNotice /> }.into_any()
            } else {
                // Car to door starts where the car is: nothing to say without it.
                let parked = found.parked.is_some();
                view! {
                    <FindMyCar vin=vin.clone() found basemap=basemap.clone() routing />
                    {(routing && parked).then(|| view! {
                        <CarToDoorView vin=vin.clone() basemap=basemap.clone() />
                    })}
                }
                .into_any()
            }}
        </Loaded>
    }
    .into_any()
}

/// Privacy mode is on in the car: no position is shown anywhere, and this
/// says how to turn it off.
#[component]
pub fn PrivacyNotice() -> impl IntoView {
    let m = &t().map;
    view! {
        <div class="ml-notice" role="note">
            <p><strong>{m.privacy_mode_title.as_str()}</strong></p>
            <p>{m.privacy_mode_body.as_str()}</p>
        </div>
    }
}

/// "NX 450h+ (1-ABC-234)" or the nickname.
fn vehicle_name(v: &VehicleSummary) -> String {
    let name = if v.nickname.is_empty() {
        &v.model
    } else {
        &v.nickname
    };
    if v.licence_plate.is_empty() {
        name.clone()
    } else {
        format!("{name} ({})", v.licence_plate)
    }
}

/// The place's address, or its coordinates when it has none.
pub fn place_text(p: &Place) -> String {
    match p.label.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(label) => label.to_owned(),
        None => format!("{}, {}", fixed(p.lat, 5), fixed(p.lon, 5)),
    }
}
