//! /api/vehicles: the garage (C1-C2), status (C4), service requests,
//! location (D1-D2). Rules and SQL: [`crate::garage`]. Trips: `routes::trips`.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mijn_lexus_contract::routes::{
    vehicle, vehicle_location, vehicle_service_requests, vehicle_status, VEHICLES,
};
use mijn_lexus_contract::vehicle::{
    AddVehicleRequest, LicencePlate, Nickname, ServiceRequest, ServiceRequestCreate,
    ServiceRequestList, UpdateVehicleRequest, VehicleList, VehicleLocation, VehicleStatus,
    VehicleSummary,
};
use mijn_lexus_contract::{ErrorCode, FieldError};

use super::ApiJson;
use crate::accounts::find_user;
use crate::error::AppResult;
use crate::garage::{self, ownership, service, status as vehicle_state, UserVehicle};
use crate::mail;
use crate::paging::PageQuery;
use crate::security::session::{ClientInfo, SignedIn};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(VEHICLES, get(list).post(add))
        .route(&vehicle("{vin}"), get(get_one).patch(update).delete(remove))
        .route(&vehicle_status("{vin}"), get(status))
        .route(&vehicle_location("{vin}"), get(location))
        .route(
            &vehicle_service_requests("{vin}"),
            get(service_requests).post(request_service),
        )
}

/// GET /vehicles
pub async fn list(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
) -> AppResult<Json<VehicleList>> {
    let mut conn = state.db.acquire().await?;
    let vehicles = garage::user_vehicles(&mut conn, s.user_id)
        .await?
        .iter()
        .map(UserVehicle::summary)
        .collect();
    Ok(Json(VehicleList { vehicles }))
}

/// POST /vehicles: add with proof of access ([`ownership::add`]); a main
/// user it was taken from is mailed, and so is the main user when wrong
/// odometer values lock the VIN.
pub async fn add(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    ApiJson(req): ApiJson<AddVehicleRequest>,
) -> AppResult<Response> {
    let new = req.parse()?;
    match ownership::add(&state, s.user_id, &new).await {
        Ok(added) => {
            if let Some(prev) = added.previous_main {
                if let Some(user) = find_user(&state.db, prev).await? {
                    state
                        .mailer
                        .send(mail::vehicle_taken_over(
                            &user.recipient(),
                            &added.vehicle.vehicle.model,
                            new.licence_plate.as_str(),
                            &state.public_url,
                        ))
                        .await;
                }
            }
            Ok((StatusCode::CREATED, Json(added.vehicle.summary())).into_response())
        }
        Err(refused) => {
            if let Some(main) = refused.locked_vin_of {
                if let Some(user) = find_user(&state.db, main.user_id).await? {
                    state
                        .mailer
                        .send(mail::vehicle_proof_attempts(
                            &user.recipient(),
                            &main.model,
                            &main.licence_plate,
                            &state.public_url,
                        ))
                        .await;
                }
            }
            Err(refused.error)
        }
    }
}

/// GET /vehicles/{vin}
pub async fn get_one(v: UserVehicle) -> Json<VehicleSummary> {
    Json(v.summary())
}

/// PATCH /vehicles/{vin}: nickname and/or plate (main user).
pub async fn update(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<UpdateVehicleRequest>,
) -> AppResult<Json<VehicleSummary>> {
    v.require(|p| p.can_rename)?;
    let mut errors = Vec::new();
    let nickname = match req.nickname.as_deref().map(Nickname::parse) {
        None => None,
        Some(Ok(n)) => Some(n.map(|n| n.as_str().to_owned()).unwrap_or_default()),
        Some(Err(code)) => {
            errors.push(FieldError::new("nickname", code));
            None
        }
    };
    let plate = match req.licence_plate.as_deref().map(LicencePlate::parse) {
        None => None,
        Some(Ok(p)) => Some(p.as_str().to_owned()),
        Some(Err(code)) => {
            errors.push(FieldError::new("licence_plate", code));
            None
        }
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let v = ownership::rename(&state, &v, nickname, plate).await?;
    Ok(Json(v.summary()))
}

/// DELETE /vehicles/{vin}: the main user removes it for everyone; a
/// secondary user ends only their own access.
pub async fn remove(State(state): State<AppState>, v: UserVehicle) -> AppResult<StatusCode> {
    ownership::remove(&state, &v).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// GET /vehicles/{vin}/status
pub async fn status(
    State(state): State<AppState>,
    v: UserVehicle,
    client: ClientInfo,
) -> AppResult<Json<VehicleStatus>> {
    v.require(|p| p.can_see_status)?;
    Ok(Json(
        vehicle_state::status(&state.db, &v, client.lang).await?,
    ))
}

/// GET /vehicles/{vin}/location: last parked position since this user has
/// the vehicle; nothing in privacy mode.
pub async fn location(
    State(state): State<AppState>,
    v: UserVehicle,
) -> AppResult<Json<VehicleLocation>> {
    v.require(|p| p.can_see_location)?;
    Ok(Json(vehicle_state::location(&state.db, &v).await?))
}

/// POST /vehicles/{vin}/service-requests
pub async fn request_service(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<ServiceRequestCreate>,
) -> AppResult<Response> {
    v.require(|p| p.can_request_service)?;
    let now = state.clock.now();
    req.validate(now.date_naive())?;
    let date = req.preferred_date.ok_or(ErrorCode::ValidationFailed)?;
    let note = req.note.trim().to_owned();
    let created = service::create(&state.db, &v, date, &note, now.timestamp()).await?;
    if let Some(user) = find_user(&state.db, v.user_id).await? {
        state
            .mailer
            .send(mail::service_request(
                &user.recipient(),
                &v.vehicle.model,
                &v.licence_plate,
                &date.format("%d/%m/%Y").to_string(),
                &note,
            ))
            .await;
    }
    Ok((StatusCode::CREATED, Json::<ServiceRequest>(created)).into_response())
}

/// GET /vehicles/{vin}/service-requests: this user's requests, newest first.
pub async fn service_requests(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(page): Query<PageQuery>,
) -> AppResult<Json<ServiceRequestList>> {
    v.require(|p| p.can_request_service)?;
    Ok(Json(service::list(&state.db, &v, &page).await?))
}
