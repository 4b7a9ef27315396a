//! D2 car to door: from where the car was parked to the destination its
//! navigation had, on foot.

use leptos::prelude::*;
use mijn_lexus_contract::map::{CarToDoor, LatLon};
use mijn_lexus_contract::ErrorCode;

use super::place_text;
use super::route::{line, HandOff, RouteDetails};
use crate::api::map as api;
use crate::api::ApiResult;
use crate::components::loading::Loaded;
use crate::components::map::{Basemap, MapPin, MapView, PinKind};
use crate::i18n::t;

/// What the last trip leaves to walk.
#[derive(Clone, Debug)]
enum LastMile {
    Route(Box<CarToDoor>),
    /// The last trip ended without a navigation destination.
    NoDestination,
}

async fn last_mile(vin: String) -> ApiResult<LastMile> {
    match api::car_to_door(&vin).await {
        Ok(door) => Ok(LastMile::Route(Box::new(door))),
        Err(e) if e.code() == Some(ErrorCode::NoDestination) => Ok(LastMile::NoDestination),
        Err(e) => Err(e),
    }
}

#[component]
pub fn CarToDoorView(vin: String, basemap: Basemap) -> impl IntoView {
    let m = &t().map;
    let door = LocalResource::new(move || last_mile(vin.clone()));
    view! {
        <section class="ml-card ml-map-card" aria-labelledby="car-to-door">
            <h2 id="car-to-door">{m.door_heading.as_str()}</h2>
            <p>{m.door_intro.as_str()}</p>
            <Loaded resource=door let:last>
                {match last {
                    LastMile::NoDestination => view! { <p>{m.no_destination.as_str()}</p> }.into_any(),
                    LastMile::Route(door) => walk_view(*door, basemap.clone()),
                }}
            </Loaded>
        </section>
    }
}

fn walk_view(door: CarToDoor, basemap: Basemap) -> AnyView {
    let m = &t().map;
    let pins = vec![
        MapPin {
            lat: door.parked.lat,
            lon: door.parked.lon,
            name: m.pin_car.to_string(),
            kind: PinKind::Car,
        },
        MapPin {
            lat: door.destination.lat,
            lon: door.destination.lon,
            name: m.pin_destination.to_string(),
            kind: PinKind::Destination,
        },
    ];
    let to = LatLon {
        lat: door.destination.lat,
        lon: door.destination.lon,
    };
    view! {
        <dl class="ml-facts">
            <dt>{m.parked_address.as_str()}</dt>
            <dd>{place_text(&door.parked)}</dd>
            <dt>{m.destination.as_str()}</dt>
            <dd>{place_text(&door.destination)}</dd>
        </dl>
        <MapView basemap pins=Signal::stored(pins) route=Signal::stored(line(&door.route))
            label=m.map_of_door.to_string() />
        <RouteDetails route=door.route heading_id="door-steps" />
        <HandOff to />
    }
    .into_any()
}
