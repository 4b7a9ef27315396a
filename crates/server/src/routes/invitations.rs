//! Secondary users (C3): the main user invites by e-mail, lists and revokes;
//! the invited person accepts with the mailed token (signed in, same address).
//! Rules and SQL: [`crate::garage::invitations`].

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use mijn_lexus_contract::routes::{vehicle_invitations, vehicle_users, ACCEPT_INVITATION};
use mijn_lexus_contract::validation::Email;
use mijn_lexus_contract::vehicle::{
    AcceptInvitationRequest, InviteRequest, VehicleSummary, VehicleUsers,
};

use super::ApiJson;
use crate::error::{AppError, AppResult};
use crate::garage::{invitations, UserVehicle};
use crate::mail;
use crate::paging::PageQuery;
use crate::security::session::SignedIn;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(&vehicle_users("{vin}"), get(list))
        .route(
            &format!("{}/{{id}}", vehicle_users("{vin}")),
            delete(revoke),
        )
        .route(&vehicle_invitations("{vin}"), post(invite))
        .route(
            &format!("{}/{{id}}", vehicle_invitations("{vin}")),
            delete(withdraw),
        )
        .route(ACCEPT_INVITATION, post(accept))
}

/// GET /vehicles/{vin}/users?limit=&before_id= (main user): every secondary
/// user, and one page of open invitations, newest first.
pub async fn list(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(page): Query<PageQuery>,
) -> AppResult<Json<VehicleUsers>> {
    v.require(|p| p.can_manage_users)?;
    let users = invitations::list(&state.db, &v, &page, state.clock.unix()).await?;
    Ok(Json(users))
}

/// POST /vehicles/{vin}/invitations (main user): mails a single-use link.
pub async fn invite(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<InviteRequest>,
) -> AppResult<Response> {
    v.require(|p| p.can_manage_users)?;
    let email = Email::parse(&req.email).map_err(|c| AppError::field("email", c))?;
    let sent = invitations::invite(&state, &v, email).await?;
    state
        .mailer
        .send(mail::vehicle_invitation(
            &sent.invitation.email,
            sent.language,
            &format!("{} {}", sent.inviter.first_name, sent.inviter.last_name),
            &v.vehicle.model,
            &sent.link,
        ))
        .await;
    Ok((StatusCode::CREATED, Json(sent.invitation)).into_response())
}

/// DELETE /vehicles/{vin}/invitations/{id} (main user)
pub async fn withdraw(
    State(state): State<AppState>,
    v: UserVehicle,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<StatusCode> {
    v.require(|p| p.can_manage_users)?;
    invitations::withdraw(&state.db, &v, id, state.clock.unix()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// DELETE /vehicles/{vin}/users/{user_id} (main user): ends a secondary
/// user's access.
pub async fn revoke(
    State(state): State<AppState>,
    v: UserVehicle,
    Path((_, user_id)): Path<(String, i64)>,
) -> AppResult<StatusCode> {
    v.require(|p| p.can_manage_users)?;
    invitations::revoke(&state.db, &v, user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// POST /invitations/accept
pub async fn accept(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    ApiJson(req): ApiJson<AcceptInvitationRequest>,
) -> AppResult<Json<VehicleSummary>> {
    let v = invitations::accept(&state, s.user_id, &req.token).await?;
    Ok(Json(v.summary()))
}
