//! The map API (D1-D3): what the server's map providers offer, walking
//! routes to the car and from the car to the destination, address search
//! and destinations sent to the car.

use mijn_lexus_contract::map::{CarToDoor, GeocodeResults, LatLon, MapConfig, WalkToCar};
use mijn_lexus_contract::routes;
use mijn_lexus_contract::share::{
    ShareDestinationRequest, SharedDestination, SharedDestinationList,
};
use mijn_lexus_contract::vehicle::VehicleLocation;

use super::{get, path_segment, post, ApiResult};
use crate::config::encode_query_value;
use crate::session::Session;

pub async fn config() -> ApiResult<MapConfig> {
    get(routes::MAP_CONFIG).await
}

pub async fn location(vin: &str) -> ApiResult<VehicleLocation> {
    get(&routes::vehicle_location(&path_segment(vin))).await
}

/// The walk from `from` (the browser's position, sent for this request only)
/// to the parked car.
pub async fn walk_to_car(vin: &str, from: LatLon) -> ApiResult<WalkToCar> {
    get(&format!(
        "{}?from_lat={}&from_lon={}",
        routes::vehicle_walk(&path_segment(vin)),
        from.lat,
        from.lon
    ))
    .await
}

pub async fn car_to_door(vin: &str) -> ApiResult<CarToDoor> {
    get(&routes::vehicle_car_to_door(&path_segment(vin))).await
}

/// Addresses and named places matching `q`, best first (D3, D4).
pub async fn geocode(q: &str) -> ApiResult<GeocodeResults> {
    get(&format!(
        "{}?q={}",
        routes::MAP_GEOCODE,
        encode_query_value(q)
    ))
    .await
}

/// What was sent to the vehicle, newest first; `before_id` pages back.
pub async fn destinations(vin: &str, before_id: Option<i64>) -> ApiResult<SharedDestinationList> {
    let route = routes::vehicle_destinations(&path_segment(vin));
    match before_id {
        Some(id) => get(&format!("{route}?before_id={id}")).await,
        None => get(&route).await,
    }
}

/// Sends a destination to the vehicle (D3).
pub async fn share(
    session: Session,
    vin: &str,
    body: &ShareDestinationRequest,
) -> ApiResult<SharedDestination> {
    post(
        session,
        &routes::vehicle_destinations(&path_segment(vin)),
        body,
    )
    .await
}
