//! Share to car (D3), rules and SQL in [`crate::sharing`]:
//! - GET, POST /vehicles/{vin}/destinations: the user's history and a new
//!   send (`can_use_remote`: the main user);
//! - GET /ingest/vehicles/{vin}/commands and POST
//!   /ingest/vehicles/{vin}/commands/{id}/ack: the vehicle's side, with its
//!   ingest key (401 `ingest_key_invalid` otherwise), no CSRF.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use mijn_lexus_contract::routes::{ingest_command_ack, ingest_commands, vehicle_destinations};
use mijn_lexus_contract::share::{
    CommandAck, PendingCommands, ShareDestinationRequest, SharedDestinationList,
};
use mijn_lexus_contract::ErrorCode;

use super::ingest::{bearer, parse_json};
use super::ApiJson;
use crate::error::AppResult;
use crate::garage::UserVehicle;
use crate::paging::PageQuery;
use crate::remote;
use crate::sharing;
use crate::state::AppState;
use crate::telematics::{self, VehicleRow};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(&vehicle_destinations("{vin}"), get(history).post(send))
        .route(&ingest_commands("{vin}"), get(pending))
        .route(&ingest_command_ack("{vin}", "{id}"), post(acknowledge))
}

/// GET /vehicles/{vin}/destinations: newest first, `limit` (default 20,
/// max 100), `before_id`; places hidden in privacy mode.
pub async fn history(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(page): Query<PageQuery>,
) -> AppResult<Json<SharedDestinationList>> {
    v.require(|p| p.can_use_remote)?;
    Ok(Json(sharing::history(&state.db, &v, &page).await?))
}

/// POST /vehicles/{vin}/destinations -> 201 `SharedDestination` (queued).
pub async fn send(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<ShareDestinationRequest>,
) -> AppResult<Response> {
    v.require(|p| p.can_use_remote)?;
    let created = sharing::send(&state, &v, &req).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// The vehicle in the path, authenticated by its ingest key.
pub async fn vehicle(state: &AppState, vin: &str, headers: &HeaderMap) -> AppResult<VehicleRow> {
    let key = bearer(headers).ok_or(ErrorCode::IngestKeyInvalid)?;
    match telematics::vehicle_for_ingest(&state.db, vin, key).await? {
        Some(v) => Ok(v),
        None => {
            tracing::warn!("command fetch refused: unknown vehicle or wrong key");
            Err(ErrorCode::IngestKeyInvalid.into())
        }
    }
}

/// GET /ingest/vehicles/{vin}/commands: queued destinations and remote
/// commands (F4), oldest first.
pub async fn pending(
    State(state): State<AppState>,
    Path(vin): Path<String>,
    headers: HeaderMap,
) -> AppResult<Json<PendingCommands>> {
    let v = vehicle(&state, &vin, &headers).await?;
    let mut pending = sharing::pending(&state.db, v.id).await?;
    // ---- remote (F4) ----
    pending.remote = remote::pending(&state.db, v.id, state.clock.unix()).await?;
    Ok(Json(pending))
}

/// POST /ingest/vehicles/{vin}/commands/{id}/ack -> 204.
pub async fn acknowledge(
    State(state): State<AppState>,
    Path((vin, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<StatusCode> {
    let v = vehicle(&state, &vin, &headers).await?;
    let id: i64 = id.parse().map_err(|_| ErrorCode::NotFound)?;
    let ack: CommandAck = parse_json(&headers, &body)?;
    sharing::acknowledge(&state.db, v.id, id, &ack, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
