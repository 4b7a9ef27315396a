//! The map section: /map (D1 where the car is parked and the walk there,
//! D2 the walk from the car to where its navigation was heading) and
//! /map/share (D3 destinations sent to the car). Every page of the section
//! reads the map's configuration and the garage, shows the section's
//! navigation and lets the visitor choose a vehicle (`?vin=`).
//!
//! /map reads the chosen vehicle's location once: privacy mode hides every
//! position, so it is said once, for the page.

mod car_to_door;
pub mod charging;
mod find_car;
mod place_search;
mod position;
mod route;
mod share;
mod share_history;

pub use share::SharePage;

use leptos::prelude::*;
use mijn_lexus_contract::map::MapConfig;
use mijn_lexus_contract::vehicle::{Place, VehicleList, VehicleSummary};

use crate::api::garage as garage_api;
use crate::api::map as api;
use crate::components::loading::Loaded;
use crate::components::map::Basemap;
use crate::components::page_frame::PageFrame;
use crate::components::section_nav::SectionNav;
use crate::components::vehicle_choice;
use crate::config::config;
use crate::format::fixed;
use crate::i18n::t;
use car_to_door::CarToDoorView;
use find_car::FindMyCar;

#[component]
pub fn MapPage() -> impl IntoView {
    let m = &t().map;
    view! {
        <MapSection title=m.title.as_str() path="/map" page=|v, basemap, config| {
            let routing = config.routing;
            view! { <VehicleMaps v basemap routing /> }.into_any()
        } />
    }
}

/// What a page of the section draws for the chosen vehicle.
pub type VehicleView = fn(VehicleSummary, Basemap, MapConfig) -> AnyView;

/// What a page that is of use without a vehicle draws for a visitor whose
/// garage is empty.
pub type NoVehicleView = fn(Basemap, MapConfig) -> AnyView;

/// A page of the map section: its frame, the section's navigation, the
/// vehicle choice and `page` for the chosen vehicle (or `without_vehicle`
/// when the garage is empty; without it the page says how to add one).
#[component]
pub fn MapSection(
    title: &'static str,
    path: &'static str,
    page: VehicleView,
    #[prop(optional)] without_vehicle: Option<NoVehicleView>,
) -> impl IntoView {
    let map_config = LocalResource::new(api::config);
    let vehicles = LocalResource::new(garage_api::vehicles);
    view! {
        <PageFrame title class="ml-map-page">
            <MapNav current=path />
            <Loaded resource=map_config let:map_config>
                <Loaded resource=vehicles let:list>
                    <VehicleChoice list map_config=map_config.clone() path page without_vehicle />
                </Loaded>
            </Loaded>
        </PageFrame>
    }
}

/// The pages of the section.
#[component]
fn MapNav(current: &'static str) -> impl IntoView {
    let m = &t().map;
    let links = vec![
        ("/map", m.nav_find.as_str()),
        ("/map/share", m.nav_share.as_str()),
        ("/map/charging", m.nav_charging.as_str()),
    ];
    view! { <SectionNav label=m.nav_label.as_str() current links /> }
}

/// The section's vehicle choice, or what a page shows without a vehicle.
#[component]
fn VehicleChoice(
    list: VehicleList,
    map_config: MapConfig,
    path: &'static str,
    page: VehicleView,
    without_vehicle: Option<NoVehicleView>,
) -> impl IntoView {
    let m = &t().map;
    let basemap = Basemap::from_config(&map_config);
    if list.vehicles.is_empty() {
        return match without_vehicle {
            Some(view) => view(basemap, map_config),
            None => view! {
                <p>{m.no_vehicles.as_str()}</p>
                <p><a href=config().href("/garage/add")>{t().garage.add_vehicle.as_str()}</a></p>
            }
            .into_any(),
        };
    }
    view! {
        <vehicle_choice::VehicleChoice vehicles=list.vehicles path id="map-vehicle"
            label=m.vehicle_choice.as_str()
            page=move |v| page(v, basemap.clone(), map_config.clone()) />
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

/// The place's address, or its coordinates when it has none.
pub fn place_text(p: &Place) -> String {
    match p.label.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(label) => label.to_owned(),
        None => format!("{}, {}", fixed(p.lat, 5), fixed(p.lon, 5)),
    }
}
