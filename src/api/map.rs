//! The map API (D1, D2): what the server's map providers offer, walking
//! routes to the car and from the car to the destination.

use mijn_lexus_contract::map::{CarToDoor, GeocodeResults, LatLon, MapConfig, WalkToCar};
use mijn_lexus_contract::routes;
use mijn_lexus_contract::vehicle::VehicleLocation;

use crate::config::encode_query_value;

use super::{get, path_segment, ApiResult};

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

/// Addresses and named places matching `q`, best first.
pub async fn geocode(q: &str) -> ApiResult<GeocodeResults> {
    get(&format!(
        "{}?q={}",
        routes::MAP_GEOCODE,
        encode_query_value(q)
    ))
    .await
}
