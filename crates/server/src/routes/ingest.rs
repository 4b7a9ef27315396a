//! The telematics backend's side of the API (no user session, no CSRF):
//! - POST /ingest/vehicles/{vin}/messages, `Authorization: Bearer <ingest key>`
//!   of that vehicle (401 `ingest_key_invalid` otherwise);
//! - PUT /telematics/vehicles/{vin}, PUT /telematics/chargers/{serial},
//!   POST /telematics/chargers/{serial}/status with the backend token
//!   (`--telematics-token`; 404 when none is configured).

use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{post, put};
use axum::{Json, Router};
use mijn_lexus_contract::charger::ChargerSerial;
use mijn_lexus_contract::routes::{
    ingest_messages, telematics_charger, telematics_charger_status, telematics_vehicle,
};
use mijn_lexus_contract::telematics::{
    ChargerRegistration, ChargerReport, IngestRequest, IngestResponse, VehicleRegistration,
};
use mijn_lexus_contract::vehicle::Vin;
use mijn_lexus_contract::{ErrorCode, FieldError};
use serde::de::DeserializeOwned;

use crate::chargers;
use crate::error::{AppError, AppResult};
use crate::security::constant_time_eq;
use crate::state::AppState;
use crate::telematics;

/// Largest ingest body (a batch with long routes).
pub const INGEST_BODY_LIMIT: usize = 4 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            &ingest_messages("{vin}"),
            // Only here a larger body than the API's limit.
            post(ingest).layer(DefaultBodyLimit::max(INGEST_BODY_LIMIT)),
        )
        .route(&telematics_vehicle("{vin}"), put(provision_vehicle))
        .route(&telematics_charger("{serial}"), put(provision_charger))
        .route(&telematics_charger_status("{serial}"), post(charger_status))
}

pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Strict JSON: the content type must be JSON; a syntax error is 400
/// `malformed_request`; a wrong type, unknown field or missing field is 422
/// with the path of the field.
pub fn parse_json<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, AppError> {
    let is_json = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if !is_json {
        return Err(ErrorCode::UnsupportedMediaType.into());
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() {
            let field = if path == "." || path.is_empty() {
                "body".to_owned()
            } else {
                path
            };
            let code = if inner.to_string().starts_with("missing field") {
                ErrorCode::Required
            } else {
                ErrorCode::InvalidValue
            };
            // A missing field is reported at its parent; name it.
            let field = match (code, inner.to_string().split('`').nth(1)) {
                (ErrorCode::Required, Some(name)) if field == "body" => name.to_owned(),
                (ErrorCode::Required, Some(name)) => format!("{field}.{name}"),
                _ => field,
            };
            AppError::Validation(vec![FieldError::new(&field, code)])
        } else {
            AppError::Code(ErrorCode::MalformedRequest)
        }
    })
}

/// POST /ingest/vehicles/{vin}/messages
pub async fn ingest(
    State(state): State<AppState>,
    Path(vin): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Json<IngestResponse>> {
    let key = bearer(&headers).ok_or(ErrorCode::IngestKeyInvalid)?;
    let Some(vehicle) = telematics::vehicle_for_ingest(&state.db, &vin, key).await? else {
        tracing::warn!("ingest refused: unknown vehicle or wrong key");
        return Err(ErrorCode::IngestKeyInvalid.into());
    };
    let req: IngestRequest = parse_json(&headers, &body)?;
    let now = state.clock.now();
    req.validate(vehicle.powertrain(), now)?;
    let results = telematics::ingest(&state.db, vehicle.id, &req.messages, now.timestamp()).await?;
    Ok(Json(IngestResponse { results }))
}

fn backend(state: &AppState, headers: &HeaderMap) -> Result<(), AppError> {
    let Some(expected) = state.config.telematics_token.as_deref() else {
        return Err(ErrorCode::NotFound.into());
    };
    match bearer(headers) {
        Some(t) if constant_time_eq(t.as_bytes(), expected.as_bytes()) => Ok(()),
        _ => Err(ErrorCode::Unauthenticated.into()),
    }
}

/// PUT /telematics/vehicles/{vin}
pub async fn provision_vehicle(
    State(state): State<AppState>,
    Path(vin): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<StatusCode> {
    backend(&state, &headers)?;
    let vin = Vin::parse(&vin).map_err(|c| AppError::field("vin", c))?;
    let reg: VehicleRegistration = parse_json(&headers, &body)?;
    let mut conn = state.db.acquire().await?;
    telematics::provision_vehicle(&mut conn, &vin, &reg, state.clock.unix()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// PUT /telematics/chargers/{serial}
pub async fn provision_charger(
    State(state): State<AppState>,
    Path(serial): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<StatusCode> {
    backend(&state, &headers)?;
    let serial = ChargerSerial::parse(&serial).map_err(|c| AppError::field("serial", c))?;
    let reg: ChargerRegistration = parse_json(&headers, &body)?;
    let mut conn = state.db.acquire().await?;
    chargers::provision(&mut conn, &serial, &reg, state.clock.unix()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// POST /telematics/chargers/{serial}/status
pub async fn charger_status(
    State(state): State<AppState>,
    Path(serial): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<StatusCode> {
    backend(&state, &headers)?;
    let serial = ChargerSerial::parse(&serial).map_err(|_| ErrorCode::NotFound)?;
    let report: ChargerReport = parse_json(&headers, &body)?;
    chargers::check_report(&report, state.clock.unix())?;
    let mut conn = state.db.acquire().await?;
    chargers::record_status(&mut conn, &serial, &report).await?;
    Ok(StatusCode::NO_CONTENT)
}
