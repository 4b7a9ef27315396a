//! Public charge points (D4), rules and SQL in [`crate::charging`]:
//! - GET /charge-points?lat=&lon=&...: near a place (signed in);
//! - GET /vehicles/{vin}/charge-points?...: near the car's last parked
//!   position, for users who may see the location (the main user); in
//!   privacy mode 409 `privacy_mode_on` (the position is not used).

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use mijn_lexus_contract::charging::{ChargePointList, ChargePointQuery};
use mijn_lexus_contract::routes::{vehicle_charge_points, CHARGE_POINTS};
use mijn_lexus_contract::ErrorCode;

use crate::charging;
use crate::error::AppResult;
use crate::garage::{status, UserVehicle};
use crate::security::session::SignedIn;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(CHARGE_POINTS, get(near_place))
        .route(&vehicle_charge_points("{vin}"), get(near_vehicle))
}

/// GET /charge-points
pub async fn near_place(
    State(state): State<AppState>,
    SignedIn(_): SignedIn,
    Query(q): Query<ChargePointQuery>,
) -> AppResult<Json<ChargePointList>> {
    let (origin, filter) = q.near_place()?;
    Ok(Json(charging::near(&state.db, origin, &filter).await?))
}

/// GET /vehicles/{vin}/charge-points
pub async fn near_vehicle(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(q): Query<ChargePointQuery>,
) -> AppResult<Json<ChargePointList>> {
    v.require(|p| p.can_see_location)?;
    let filter = q.near_vehicle()?;
    let location = status::location(&state.db, &v).await?;
    if location.privacy_mode {
        return Err(ErrorCode::PrivacyModeOn.into());
    }
    let parked = location.parked.ok_or(ErrorCode::NoParkedPosition)?;
    Ok(Json(
        charging::near(&state.db, (parked.lat, parked.lon), &filter).await?,
    ))
}
