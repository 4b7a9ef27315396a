//! Remote functions (F4), rules and SQL in [`crate::remote`]:
//! - POST /vehicles/{vin}/remote/climate, POST /vehicles/{vin}/remote/charge-now:
//!   queue a command (`can_use_remote`: the main user; Remote service running);
//! - GET, PUT /vehicles/{vin}/remote/climate-schedules and
//!   /charging-schedules: the weekly lists (a PUT sends the list to the car);
//! - GET /vehicles/{vin}/remote/commands and /{id}: the user's commands and
//!   their status;
//! - POST /ingest/vehicles/{vin}/remote-commands/{id}/ack: the car's report,
//!   with its ingest key, no CSRF (it fetches them at
//!   GET /ingest/vehicles/{vin}/commands, in `PendingCommands::remote`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use mijn_lexus_contract::remote::{
    ChargingSchedules, ClimateRequest, ClimateSchedules, RemoteAck, RemoteCommand,
    RemoteCommandList,
};
use mijn_lexus_contract::routes::{
    ingest_remote_command_ack, vehicle_remote_charge_now, vehicle_remote_charging_schedules,
    vehicle_remote_climate, vehicle_remote_climate_schedules, vehicle_remote_command,
    vehicle_remote_commands,
};
use mijn_lexus_contract::ErrorCode;

use super::ingest::parse_json;
use super::sharing::vehicle;
use super::ApiJson;
use crate::error::AppResult;
use crate::garage::UserVehicle;
use crate::remote::{self, schedules};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(&vehicle_remote_climate("{vin}"), post(climate))
        .route(&vehicle_remote_charge_now("{vin}"), post(charge_now))
        .route(
            &vehicle_remote_climate_schedules("{vin}"),
            get(climate_schedules).put(set_climate_schedules),
        )
        .route(
            &vehicle_remote_charging_schedules("{vin}"),
            get(charging_schedules).put(set_charging_schedules),
        )
        .route(&vehicle_remote_commands("{vin}"), get(list))
        .route(&vehicle_remote_command("{vin}", "{id}"), get(one))
        .route(
            &ingest_remote_command_ack("{vin}", "{id}"),
            post(acknowledge),
        )
}

fn created(command: RemoteCommand) -> Response {
    (StatusCode::CREATED, Json(command)).into_response()
}

/// POST /vehicles/{vin}/remote/climate -> 201 `RemoteCommand` (queued).
pub async fn climate(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<ClimateRequest>,
) -> AppResult<Response> {
    Ok(created(remote::climate(&state, &v, &req).await?))
}

/// POST /vehicles/{vin}/remote/charge-now -> 201 `RemoteCommand` (queued).
pub async fn charge_now(State(state): State<AppState>, v: UserVehicle) -> AppResult<Response> {
    Ok(created(remote::charge_now(&state, &v).await?))
}

/// GET /vehicles/{vin}/remote/climate-schedules
pub async fn climate_schedules(
    State(state): State<AppState>,
    v: UserVehicle,
) -> AppResult<Json<ClimateSchedules>> {
    Ok(Json(schedules::climate(&state.db, &v).await?))
}

/// PUT /vehicles/{vin}/remote/climate-schedules -> `RemoteCommand` (queued).
pub async fn set_climate_schedules(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<ClimateSchedules>,
) -> AppResult<Json<RemoteCommand>> {
    Ok(Json(schedules::set_climate(&state, &v, &req).await?))
}

/// GET /vehicles/{vin}/remote/charging-schedules
pub async fn charging_schedules(
    State(state): State<AppState>,
    v: UserVehicle,
) -> AppResult<Json<ChargingSchedules>> {
    Ok(Json(schedules::charging(&state.db, &v).await?))
}

/// PUT /vehicles/{vin}/remote/charging-schedules -> `RemoteCommand` (queued).
pub async fn set_charging_schedules(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<ChargingSchedules>,
) -> AppResult<Json<RemoteCommand>> {
    Ok(Json(schedules::set_charging(&state, &v, &req).await?))
}

/// GET /vehicles/{vin}/remote/commands: the 20 most recent, newest first.
pub async fn list(
    State(state): State<AppState>,
    v: UserVehicle,
) -> AppResult<Json<RemoteCommandList>> {
    Ok(Json(remote::list(&state.db, &v, state.clock.unix()).await?))
}

/// GET /vehicles/{vin}/remote/commands/{id}
pub async fn one(
    State(state): State<AppState>,
    v: UserVehicle,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Json<RemoteCommand>> {
    let id: i64 = id.parse().map_err(|_| ErrorCode::NotFound)?;
    Ok(Json(
        remote::get(&state.db, &v, id, state.clock.unix()).await?,
    ))
}

/// POST /ingest/vehicles/{vin}/remote-commands/{id}/ack -> 204.
pub async fn acknowledge(
    State(state): State<AppState>,
    Path((vin, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<StatusCode> {
    let v = vehicle(&state, &vin, &headers).await?;
    let id: i64 = id.parse().map_err(|_| ErrorCode::NotFound)?;
    let ack: RemoteAck = parse_json(&headers, &body)?;
    remote::acknowledge(&state.db, v.id, id, &ack, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
