//! The garage API (C1-C5): vehicles, status, service requests, secondary
//! users, invitations and HomeCharge chargers.

use gloo_net::http::Method;
use leptos::prelude::GetUntracked;
use mijn_lexus_contract::charger::{AddChargerRequest, Charger, ChargerList};
use mijn_lexus_contract::routes;
use mijn_lexus_contract::vehicle::{
    AcceptInvitationRequest, AddVehicleRequest, Invitation, InviteRequest, ServiceRequest,
    ServiceRequestCreate, UpdateVehicleRequest, VehicleList, VehicleStatus, VehicleSummary,
    VehicleUsers,
};
use mijn_lexus_contract::ErrorCode;

use super::{
    delete, error_from, get, json, mutate, path_segment, post, request, to_json, ApiResult,
    ClientError,
};
use crate::session::Session;

pub async fn vehicles() -> ApiResult<VehicleList> {
    get(routes::VEHICLES).await
}

pub async fn vehicle(vin: &str) -> ApiResult<VehicleSummary> {
    get(&routes::vehicle(&path_segment(vin))).await
}

pub async fn status(vin: &str) -> ApiResult<VehicleStatus> {
    get(&routes::vehicle_status(&path_segment(vin))).await
}

/// Why adding a vehicle failed; `retry_after_secs` comes with `proof_locked`.
pub struct AddVehicleError {
    pub error: ClientError,
    pub retry_after_secs: Option<u64>,
}

/// POST /vehicles. Like [`post`], but keeps the `Retry-After` of a lockout so
/// the page can say when to try again.
pub async fn add_vehicle(
    session: Session,
    body: &AddVehicleRequest,
) -> Result<VehicleSummary, AddVehicleError> {
    let plain = |error| AddVehicleError {
        error,
        retry_after_secs: None,
    };
    let body = to_json(body).map_err(plain)?;
    super::SessionLoaded(session).await;
    let mut refreshed = false;
    loop {
        let built = request(Method::POST, routes::VEHICLES)
            .header(routes::CSRF_HEADER, &session.csrf.get_untracked())
            .header("Content-Type", "application/json")
            .body(body.clone())
            .map_err(|_| plain(ClientError::from_code(ErrorCode::Internal)))?;
        let response = built
            .send()
            .await
            .map_err(|_| plain(ClientError::Network))?;
        if response.ok() {
            return json(response).await.map_err(plain);
        }
        let retry_after_secs = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.trim().parse().ok());
        let error = error_from(response).await;
        if error.code() == Some(ErrorCode::CsrfFailed) && !refreshed {
            refreshed = true;
            super::refresh_session(session).await.map_err(plain)?;
            continue;
        }
        super::notice_session_change(&error).await;
        return Err(AddVehicleError {
            error,
            retry_after_secs,
        });
    }
}

pub async fn rename(
    session: Session,
    vin: &str,
    body: &UpdateVehicleRequest,
) -> ApiResult<VehicleSummary> {
    let response = mutate(
        session,
        Method::PATCH,
        &routes::vehicle(&path_segment(vin)),
        Some(to_json(body)?),
    )
    .await?;
    json(response).await
}

pub async fn remove(session: Session, vin: &str) -> ApiResult<()> {
    delete(session, &routes::vehicle(&path_segment(vin))).await
}

pub async fn request_service(
    session: Session,
    vin: &str,
    body: &ServiceRequestCreate,
) -> ApiResult<ServiceRequest> {
    post(
        session,
        &routes::vehicle_service_requests(&path_segment(vin)),
        body,
    )
    .await
}

/// Secondary users and one page of open invitations, newest first;
/// `before_id`: the `next_before_id` of the page before.
pub async fn users(vin: &str, before_id: Option<i64>) -> ApiResult<VehicleUsers> {
    let path = routes::vehicle_users(&path_segment(vin));
    match before_id {
        None => get(&path).await,
        Some(id) => get(&format!("{path}?before_id={id}")).await,
    }
}

pub async fn invite(session: Session, vin: &str, body: &InviteRequest) -> ApiResult<Invitation> {
    post(
        session,
        &routes::vehicle_invitations(&path_segment(vin)),
        body,
    )
    .await
}

pub async fn withdraw_invitation(session: Session, vin: &str, id: i64) -> ApiResult<()> {
    delete(session, &routes::vehicle_invitation(&path_segment(vin), id)).await
}

pub async fn revoke_user(session: Session, vin: &str, user_id: i64) -> ApiResult<()> {
    delete(session, &routes::vehicle_user(&path_segment(vin), user_id)).await
}

pub async fn accept_invitation(session: Session, token: String) -> ApiResult<VehicleSummary> {
    post(
        session,
        routes::ACCEPT_INVITATION,
        &AcceptInvitationRequest { token },
    )
    .await
}

pub async fn chargers() -> ApiResult<ChargerList> {
    get(routes::CHARGERS).await
}

pub async fn add_charger(session: Session, body: &AddChargerRequest) -> ApiResult<Charger> {
    post(session, routes::CHARGERS, body).await
}
