//! Find my car (D1) and car to door (D2): walking routes to and from where
//! the car was parked, under the garage's rules: only users who may see the
//! location (the main user), nothing at all in privacy mode (seed 002 §8),
//! nothing from before the user had the vehicle.
//!
//! The user's own position (D1) is used for this one request and never
//! stored or logged.

use mijn_lexus_contract::map::{
    CarToDoor, LatLon, WalkToCar, WalkingRoute, MAX_WALK_STRAIGHT_LINE_M,
};
use mijn_lexus_contract::vehicle::{Place, VehicleLocation};
use mijn_lexus_contract::ErrorCode;

use crate::error::{AppError, AppResult};
use crate::garage::{status, UserVehicle};
use crate::state::AppState;

/// GET /vehicles/{vin}/walk: from `from` to the parked car.
pub async fn walk_to_car(state: &AppState, v: &UserVehicle, from: LatLon) -> AppResult<WalkToCar> {
    let (parked, parked_at, _) = parked(state, v).await?;
    let route = walk(state, v, from, at(&parked)).await?;
    Ok(WalkToCar {
        from,
        parked,
        parked_at,
        route,
    })
}

/// GET /vehicles/{vin}/car-to-door: from the parked car to the destination
/// its navigation had when it was parked.
pub async fn car_to_door(state: &AppState, v: &UserVehicle) -> AppResult<CarToDoor> {
    let (parked, parked_at, destination) = parked(state, v).await?;
    let destination = destination.ok_or(ErrorCode::NoDestination)?;
    let route = walk(state, v, at(&parked), at(&destination)).await?;
    Ok(CarToDoor {
        parked,
        parked_at,
        destination,
        route,
    })
}

/// The last parked position as the location page shows it; the refusals in
/// the order a user can act on them.
async fn parked(
    state: &AppState,
    v: &UserVehicle,
) -> AppResult<(Place, chrono::DateTime<chrono::Utc>, Option<Place>)> {
    v.require(|p| p.can_see_location)?;
    let VehicleLocation {
        privacy_mode,
        parked,
        parked_at,
        destination,
    } = status::location(&state.db, v).await?;
    if privacy_mode {
        return Err(ErrorCode::PrivacyModeOn.into());
    }
    match (parked, parked_at) {
        (Some(p), Some(at)) => Ok((p, at, destination)),
        _ => Err(ErrorCode::NoParkedPosition.into()),
    }
}

fn at(p: &Place) -> LatLon {
    LatLon {
        lat: p.lat,
        lon: p.lon,
    }
}

/// A walking route, within walking distance, counted against the user's
/// route budget.
async fn walk(
    state: &AppState,
    v: &UserVehicle,
    from: LatLon,
    to: LatLon,
) -> AppResult<WalkingRoute> {
    if from.distance_m(to) > MAX_WALK_STRAIGHT_LINE_M {
        return Err(ErrorCode::TooFarToWalk.into());
    }
    let router = state
        .map
        .router
        .as_ref()
        .ok_or(ErrorCode::RoutingUnavailable)?;
    state
        .map
        .routes_per_user
        .hit(&v.user_id.to_string(), state.clock.now())
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    router
        .walk(from, to)
        .await
        .map_err(|e| AppError::Code(e.into()))
}
