//! Secondary users (C3): the main user invites by e-mail, lists and revokes;
//! the invited person accepts with the mailed token (signed in, same address).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::Duration;
use mijn_lexus_contract::routes::{vehicle_invitations, vehicle_users, ACCEPT_INVITATION};
use mijn_lexus_contract::validation::Email;
use mijn_lexus_contract::vehicle::{
    AcceptInvitationRequest, Invitation, InvitationStatus, InviteRequest, SecondaryUser,
    VehicleSummary, VehicleUsers,
};
use mijn_lexus_contract::ErrorCode;

use super::ApiJson;
use crate::accounts::{find_user, find_user_by_email};
use crate::clock::from_unix;
use crate::error::{AppError, AppResult};
use crate::garage::{self, UserVehicle};
use crate::mail;
use crate::paging::{self, PageQuery};
use crate::security::session::SignedIn;
use crate::security::{is_token_shaped, random_token, sha256_hex};
use crate::state::AppState;

/// Invitations are valid this long.
pub const INVITATION_DAYS: i64 = 7;
/// SPA page the invitation link opens.
pub const INVITATION_PATH: &str = "/invitation";

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

/// Open invitations per page: default and maximum.
pub const INVITATION_PAGE: (u32, u32) = (20, 100);
/// Invitations a user may send per day (all their vehicles) and a vehicle
/// may get per day: each one mails an address of the user's choosing.
pub const INVITATIONS_PER_USER_PER_DAY: u32 = 20;
pub const INVITATIONS_PER_VEHICLE_PER_DAY: u32 = 10;
const DAY_SECS: i64 = 24 * 3600;

/// GET /vehicles/{vin}/users?limit=&before_id= (main user): every secondary
/// user, and one page of open invitations, newest first.
pub async fn list(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(page): Query<PageQuery>,
) -> AppResult<Json<VehicleUsers>> {
    v.require(|p| p.can_manage_users)?;
    let now = state.clock.unix();
    let users: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.email, u.first_name, u.last_name, l.since
         FROM vehicle_users l JOIN users u ON u.id = l.user_id
         WHERE l.vehicle_id = ? AND l.role = 'secondary' ORDER BY l.since, u.id",
    )
    .bind(v.vehicle.id)
    .fetch_all(&state.db)
    .await?;
    let size = page.size(INVITATION_PAGE.0, INVITATION_PAGE.1);
    let invitations: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT id, email, created_at, expires_at FROM vehicle_invitations
         WHERE vehicle_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND id < ?
         ORDER BY id DESC LIMIT ?",
    )
    .bind(v.vehicle.id)
    .bind(page.before())
    .bind(i64::from(size) + 1)
    .fetch_all(&state.db)
    .await?;
    let (invitations, next_before_id) = paging::split(invitations, size, |r| r.0);
    Ok(Json(VehicleUsers {
        next_before_id,
        users: users
            .into_iter()
            .map(
                |(user_id, email, first_name, last_name, since)| SecondaryUser {
                    user_id,
                    email,
                    first_name,
                    last_name,
                    added_at: from_unix(since),
                },
            )
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|(id, email, created_at, expires_at)| Invitation {
                id,
                email,
                status: if expires_at > now {
                    InvitationStatus::Pending
                } else {
                    InvitationStatus::Expired
                },
                created_at: from_unix(created_at),
                expires_at: from_unix(expires_at),
            })
            .collect(),
    }))
}

/// 429 `rate_limited` (Retry-After: until the oldest invitation that
/// counts is a day old) when `limit` invitations with `column` = `value`
/// were made in the last 24 hours.
async fn within_daily_limit(
    state: &AppState,
    column: &'static str,
    value: i64,
    limit: u32,
    now: i64,
) -> Result<(), AppError> {
    // The limit-th newest invitation of the day: when it is a day old, a
    // slot frees.
    let oldest_counted: Option<(i64,)> = sqlx::query_as(&format!(
        "SELECT created_at FROM vehicle_invitations WHERE {column} = ? AND created_at > ?
         ORDER BY created_at DESC LIMIT 1 OFFSET ?"
    ))
    .bind(value)
    .bind(now - DAY_SECS)
    .bind(i64::from(limit) - 1)
    .fetch_optional(&state.db)
    .await?;
    match oldest_counted {
        Some((at,)) => Err(AppError::RateLimited {
            retry_after_secs: (at + DAY_SECS - now).max(1) as u64,
        }),
        None => Ok(()),
    }
}

/// POST /vehicles/{vin}/invitations (main user): mails a single-use link.
pub async fn invite(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<InviteRequest>,
) -> AppResult<Response> {
    v.require(|p| p.can_manage_users)?;
    let email = Email::parse(&req.email).map_err(|c| AppError::field("email", c))?;
    let inviter = find_user(&state.db, v.user_id)
        .await?
        .ok_or(ErrorCode::Unauthenticated)?;
    if inviter.email == email.as_str() {
        return Err(AppError::field("email", ErrorCode::InvitationSelf));
    }
    let now = state.clock.unix();
    within_daily_limit(
        &state,
        "invited_by",
        v.user_id,
        INVITATIONS_PER_USER_PER_DAY,
        now,
    )
    .await?;
    within_daily_limit(
        &state,
        "vehicle_id",
        v.vehicle.id,
        INVITATIONS_PER_VEHICLE_PER_DAY,
        now,
    )
    .await?;
    let (members,): (i64,) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM vehicle_users l JOIN users u ON u.id = l.user_id
                 WHERE l.vehicle_id = ?1 AND u.email = ?2)
              + (SELECT COUNT(*) FROM vehicle_invitations
                 WHERE vehicle_id = ?1 AND email = ?2 AND accepted_at IS NULL AND revoked_at IS NULL
                   AND expires_at > ?3)",
    )
    .bind(v.vehicle.id)
    .bind(email.as_str())
    .bind(now)
    .fetch_one(&state.db)
    .await?;
    if members > 0 {
        return Err(AppError::CodeWithFields(
            ErrorCode::AlreadyMember,
            vec![mijn_lexus_contract::FieldError::new(
                "email",
                ErrorCode::AlreadyMember,
            )],
        ));
    }
    let token = random_token();
    let expires_at = now + Duration::days(INVITATION_DAYS).num_seconds();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO vehicle_invitations (vehicle_id, invited_by, email, token_hash, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(email.as_str())
    .bind(sha256_hex(&token))
    .bind(now)
    .bind(expires_at)
    .fetch_one(&state.db)
    .await?;
    let link = format!("{}{INVITATION_PATH}?token={token}", state.public_url);
    // The invited person's language when the address has an account, the
    // inviter's otherwise.
    let language = match find_user_by_email(&state.db, email.as_str()).await? {
        Some(invited) => invited.language(),
        None => inviter.language(),
    };
    state
        .mailer
        .send(mail::vehicle_invitation(
            email.as_str(),
            language,
            &format!("{} {}", inviter.first_name, inviter.last_name),
            &v.vehicle.model,
            &link,
        ))
        .await;
    tracing::info!(vin = %v.vehicle.vin, invitation = id, "secondary user invited");
    Ok((
        StatusCode::CREATED,
        Json(Invitation {
            id,
            email: email.into_string(),
            status: InvitationStatus::Pending,
            created_at: from_unix(now),
            expires_at: from_unix(expires_at),
        }),
    )
        .into_response())
}

/// DELETE /vehicles/{vin}/invitations/{id} (main user)
pub async fn withdraw(
    State(state): State<AppState>,
    v: UserVehicle,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<StatusCode> {
    v.require(|p| p.can_manage_users)?;
    let done = sqlx::query(
        "UPDATE vehicle_invitations SET revoked_at = ? WHERE id = ? AND vehicle_id = ? AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(state.clock.unix())
    .bind(id)
    .bind(v.vehicle.id)
    .execute(&state.db)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ErrorCode::NotFound.into());
    }
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
    let done = sqlx::query(
        "DELETE FROM vehicle_users WHERE vehicle_id = ? AND user_id = ? AND role = 'secondary'",
    )
    .bind(v.vehicle.id)
    .bind(user_id)
    .execute(&state.db)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ErrorCode::NotFound.into());
    }
    tracing::info!(vin = %v.vehicle.vin, user_id, "secondary user revoked");
    Ok(StatusCode::NO_CONTENT)
}

/// POST /invitations/accept
pub async fn accept(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    ApiJson(req): ApiJson<AcceptInvitationRequest>,
) -> AppResult<Json<VehicleSummary>> {
    let token = req.token.trim();
    if !is_token_shaped(token) {
        return Err(ErrorCode::TokenInvalid.into());
    }
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    #[allow(clippy::type_complexity)]
    let row: Option<(i64, i64, String, i64, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT id, vehicle_id, email, invited_by, expires_at, accepted_at, revoked_at
         FROM vehicle_invitations WHERE token_hash = ?",
    )
    .bind(sha256_hex(token))
    .fetch_optional(&mut *tx)
    .await?;
    let (id, vehicle_id, email, invited_by, expires_at, accepted_at, revoked_at) =
        row.ok_or(ErrorCode::TokenInvalid)?;
    if accepted_at.is_some() {
        return Err(ErrorCode::TokenUsed.into());
    }
    if revoked_at.is_some() {
        return Err(ErrorCode::TokenInvalid.into());
    }
    if expires_at <= now {
        return Err(ErrorCode::TokenExpired.into());
    }
    let user = find_user(&state.db, s.user_id)
        .await?
        .ok_or(ErrorCode::Unauthenticated)?;
    if user.email != email {
        return Err(ErrorCode::InvitationWrongAccount.into());
    }
    let main: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT user_id, licence_plate, nickname FROM vehicle_users WHERE vehicle_id = ? AND role = 'main'",
    )
    .bind(vehicle_id)
    .fetch_optional(&mut *tx)
    .await?;
    // The inviter must still be the main user.
    let Some((main_id, plate, nickname)) = main.filter(|(m, _, _)| *m == invited_by) else {
        return Err(ErrorCode::TokenInvalid.into());
    };
    if main_id == s.user_id {
        return Err(ErrorCode::AlreadyInGarage.into());
    }
    let inserted = sqlx::query(
        "INSERT INTO vehicle_users (vehicle_id, user_id, role, licence_plate, nickname, since, invited_by)
         VALUES (?, ?, 'secondary', ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(vehicle_id)
    .bind(s.user_id)
    .bind(&plate)
    .bind(&nickname)
    .bind(now)
    .bind(invited_by)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(ErrorCode::AlreadyMember.into());
    }
    sqlx::query("UPDATE vehicle_invitations SET accepted_at = ?, accepted_by = ? WHERE id = ?")
        .bind(now)
        .bind(s.user_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let (vin,): (String,) = sqlx::query_as("SELECT vin FROM vehicles WHERE id = ?")
        .bind(vehicle_id)
        .fetch_one(&mut *tx)
        .await?;
    let v = garage::user_vehicle(&mut tx, s.user_id, &vin)
        .await?
        .ok_or(ErrorCode::Internal)?;
    tx.commit().await?;
    tracing::info!(vin = %vin, user_id = s.user_id, "invitation accepted");
    Ok(Json(v.summary()))
}
