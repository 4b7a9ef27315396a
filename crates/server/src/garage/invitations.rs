//! Secondary users (C3): the main user invites by e-mail, lists and revokes;
//! the invited person accepts with the mailed token (signed in, same
//! address). Callers check that the user may manage users first.

use chrono::Duration;
use mijn_lexus_contract::validation::Email;
use mijn_lexus_contract::vehicle::{Invitation, InvitationStatus, SecondaryUser, VehicleUsers};
use mijn_lexus_contract::{ErrorCode, FieldError, Language};
use sqlx::SqlitePool;

use super::UserVehicle;
use crate::accounts::{find_user_by_email, signed_in_user, UserRow};
use crate::clock::from_unix;
use crate::error::{AppError, AppResult};
use crate::paging::{self, PageQuery};
use crate::security::{is_token_shaped, random_token, sha256_hex};
use crate::state::AppState;

/// Invitations are valid this long.
pub const INVITATION_DAYS: i64 = 7;
/// SPA page the invitation link opens.
pub const INVITATION_PATH: &str = "/invitation";

/// Open invitations per page: default and maximum.
pub const INVITATION_PAGE: (u32, u32) = (20, 100);
/// Invitations a user may send per day (all their vehicles) and a vehicle
/// may get per day: each one mails an address of the user's choosing.
pub const INVITATIONS_PER_USER_PER_DAY: u32 = 20;
pub const INVITATIONS_PER_VEHICLE_PER_DAY: u32 = 10;
const DAY_SECS: i64 = 24 * 3600;

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    email: String,
    first_name: String,
    last_name: String,
    since: i64,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    email: String,
    created_at: i64,
    expires_at: i64,
}

/// Every secondary user, and one page of open invitations, newest first.
pub async fn list(
    db: &SqlitePool,
    v: &UserVehicle,
    page: &PageQuery,
    now: i64,
) -> AppResult<VehicleUsers> {
    let users: Vec<MemberRow> = sqlx::query_as(
        "SELECT u.id, u.email, u.first_name, u.last_name, l.since
         FROM vehicle_users l JOIN users u ON u.id = l.user_id
         WHERE l.vehicle_id = ? AND l.role = 'secondary' ORDER BY l.since, u.id",
    )
    .bind(v.vehicle.id)
    .fetch_all(db)
    .await?;
    let size = page.size(INVITATION_PAGE.0, INVITATION_PAGE.1);
    let invitations: Vec<InvitationRow> = sqlx::query_as(
        "SELECT id, email, created_at, expires_at FROM vehicle_invitations
         WHERE vehicle_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND id < ?
         ORDER BY id DESC LIMIT ?",
    )
    .bind(v.vehicle.id)
    .bind(page.before())
    .bind(i64::from(size) + 1)
    .fetch_all(db)
    .await?;
    let (invitations, next_before_id) = paging::split(invitations, size, |r| r.id);
    Ok(VehicleUsers {
        next_before_id,
        users: users
            .into_iter()
            .map(|m| SecondaryUser {
                user_id: m.id,
                email: m.email,
                first_name: m.first_name,
                last_name: m.last_name,
                added_at: from_unix(m.since),
            })
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|i| Invitation {
                id: i.id,
                email: i.email,
                status: if i.expires_at > now {
                    InvitationStatus::Pending
                } else {
                    InvitationStatus::Expired
                },
                created_at: from_unix(i.created_at),
                expires_at: from_unix(i.expires_at),
            })
            .collect(),
    })
}

/// 429 `rate_limited` (Retry-After: until the oldest invitation that
/// counts is a day old) when `limit` invitations with `column` = `value`
/// were made in the last 24 hours.
async fn within_daily_limit(
    db: &SqlitePool,
    column: &'static str,
    value: i64,
    limit: u32,
    now: i64,
) -> Result<(), AppError> {
    // The limit-th newest invitation of the day: when it is a day old, a
    // slot frees.
    let oldest_counted: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT created_at FROM vehicle_invitations WHERE {column} = ? AND created_at > ?
         ORDER BY created_at DESC LIMIT 1 OFFSET ?"
    ))
    .bind(value)
    .bind(now - DAY_SECS)
    .bind(i64::from(limit) - 1)
    .fetch_optional(db)
    .await?;
    match oldest_counted {
        Some(at) => Err(AppError::RateLimited {
            retry_after_secs: (at + DAY_SECS - now).max(1) as u64,
        }),
        None => Ok(()),
    }
}

/// An invitation that was stored, with what its mail needs.
pub struct Sent {
    pub invitation: Invitation,
    pub link: String,
    pub inviter: UserRow,
    /// The invited person's language when the address has an account, the
    /// inviter's otherwise.
    pub language: Language,
}

/// Stores an invitation to `email` with a single-use link. Not to oneself,
/// not to someone who uses or is invited to the vehicle, within the daily
/// limits per inviter and per vehicle.
pub async fn invite(state: &AppState, v: &UserVehicle, email: Email) -> AppResult<Sent> {
    let inviter = signed_in_user(&state.db, v.user_id).await?;
    if inviter.email == email.as_str() {
        return Err(AppError::field("email", ErrorCode::InvitationSelf));
    }
    let now = state.clock.unix();
    within_daily_limit(
        &state.db,
        "invited_by",
        v.user_id,
        INVITATIONS_PER_USER_PER_DAY,
        now,
    )
    .await?;
    within_daily_limit(
        &state.db,
        "vehicle_id",
        v.vehicle.id,
        INVITATIONS_PER_VEHICLE_PER_DAY,
        now,
    )
    .await?;
    let members: i64 = sqlx::query_scalar(
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
            vec![FieldError::new("email", ErrorCode::AlreadyMember)],
        ));
    }
    let token = random_token();
    let expires_at = now + Duration::days(INVITATION_DAYS).num_seconds();
    let id: i64 = sqlx::query_scalar(
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
    let language = match find_user_by_email(&state.db, email.as_str()).await? {
        Some(invited) => invited.language(),
        None => inviter.language(),
    };
    tracing::info!(vin = %v.vehicle.vin, invitation = id, "secondary user invited");
    Ok(Sent {
        invitation: Invitation {
            id,
            email: email.into_string(),
            status: InvitationStatus::Pending,
            created_at: from_unix(now),
            expires_at: from_unix(expires_at),
        },
        link,
        inviter,
        language,
    })
}

/// Withdraws an open invitation of the vehicle; 404 when there is none.
pub async fn withdraw(db: &SqlitePool, v: &UserVehicle, id: i64, now: i64) -> AppResult<()> {
    let done = sqlx::query(
        "UPDATE vehicle_invitations SET revoked_at = ? WHERE id = ? AND vehicle_id = ? AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(v.vehicle.id)
    .execute(db)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(())
}

/// Ends a secondary user's access; 404 when they have none.
pub async fn revoke(db: &SqlitePool, v: &UserVehicle, user_id: i64) -> AppResult<()> {
    let done = sqlx::query(
        "DELETE FROM vehicle_users WHERE vehicle_id = ? AND user_id = ? AND role = 'secondary'",
    )
    .bind(v.vehicle.id)
    .bind(user_id)
    .execute(db)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ErrorCode::NotFound.into());
    }
    tracing::info!(vin = %v.vehicle.vin, user_id, "secondary user revoked");
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PendingRow {
    id: i64,
    vehicle_id: i64,
    email: String,
    invited_by: i64,
    expires_at: i64,
    accepted_at: Option<i64>,
    revoked_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct MainLink {
    user_id: i64,
    licence_plate: String,
    nickname: String,
}

/// Accepts an invitation with its token: the signed-in user, who must have
/// the invited address, becomes a secondary user while the inviter is still
/// the main user. Returns the user's link to the vehicle.
pub async fn accept(state: &AppState, user_id: i64, token: &str) -> AppResult<UserVehicle> {
    let token = token.trim();
    if !is_token_shaped(token) {
        return Err(ErrorCode::TokenInvalid.into());
    }
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let row: Option<PendingRow> = sqlx::query_as(
        "SELECT id, vehicle_id, email, invited_by, expires_at, accepted_at, revoked_at
         FROM vehicle_invitations WHERE token_hash = ?",
    )
    .bind(sha256_hex(token))
    .fetch_optional(&mut *tx)
    .await?;
    let PendingRow {
        id,
        vehicle_id,
        email,
        invited_by,
        expires_at,
        accepted_at,
        revoked_at,
    } = row.ok_or(ErrorCode::TokenInvalid)?;
    if accepted_at.is_some() {
        return Err(ErrorCode::TokenUsed.into());
    }
    if revoked_at.is_some() {
        return Err(ErrorCode::TokenInvalid.into());
    }
    if expires_at <= now {
        return Err(ErrorCode::TokenExpired.into());
    }
    let user = signed_in_user(&state.db, user_id).await?;
    if user.email != email {
        return Err(ErrorCode::InvitationWrongAccount.into());
    }
    let main: Option<MainLink> = sqlx::query_as(
        "SELECT user_id, licence_plate, nickname FROM vehicle_users WHERE vehicle_id = ? AND role = 'main'",
    )
    .bind(vehicle_id)
    .fetch_optional(&mut *tx)
    .await?;
    // The inviter must still be the main user.
    let Some(main) = main.filter(|m| m.user_id == invited_by) else {
        return Err(ErrorCode::TokenInvalid.into());
    };
    if main.user_id == user_id {
        return Err(ErrorCode::AlreadyInGarage.into());
    }
    let inserted = sqlx::query(
        "INSERT INTO vehicle_users (vehicle_id, user_id, role, licence_plate, nickname, since, invited_by)
         VALUES (?, ?, 'secondary', ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(vehicle_id)
    .bind(user_id)
    .bind(&main.licence_plate)
    .bind(&main.nickname)
    .bind(now)
    .bind(invited_by)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(ErrorCode::AlreadyMember.into());
    }
    sqlx::query("UPDATE vehicle_invitations SET accepted_at = ?, accepted_by = ? WHERE id = ?")
        .bind(now)
        .bind(user_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let vin: String = sqlx::query_scalar("SELECT vin FROM vehicles WHERE id = ?")
        .bind(vehicle_id)
        .fetch_one(&mut *tx)
        .await?;
    let v = super::user_vehicle(&mut tx, user_id, &vin)
        .await?
        .ok_or(ErrorCode::Internal)?;
    tx.commit().await?;
    tracing::info!(vin = %vin, user_id, "invitation accepted");
    Ok(v)
}
