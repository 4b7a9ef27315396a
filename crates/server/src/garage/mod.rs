//! The garage: who may see which vehicle, proof of access, lockout.
//!
//! Every `/vehicles/{vin}/...` handler takes a [`UserVehicle`]: the signed-in
//! user's link to that vehicle. A VIN the user has no link to (unknown,
//! someone else's, malformed) is 404 `not_found`, so VINs do not leak.

pub mod invitations;
pub mod ownership;
pub mod proof;
pub mod service;
pub mod status;

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use mijn_lexus_contract::vehicle::{
    Powertrain, VehiclePermissions, VehicleRole, VehicleSummary, Vin,
};
use mijn_lexus_contract::ErrorCode;
use sqlx::SqliteConnection;

use crate::clock::from_unix;
use crate::error::AppError;
use crate::security::session::SignedIn;
use crate::state::AppState;
use crate::telematics::{VehicleRow, VEHICLE_COLUMNS};

/// Wrong proofs in a row before the lock.
pub const MAX_FAILURES: i64 = 5;
/// How long a lock lasts.
pub const LOCK_SECS: i64 = 15 * 60;

/// The signed-in user's access to the vehicle in the path.
#[derive(Clone, Debug)]
pub struct UserVehicle {
    pub user_id: i64,
    pub vehicle: VehicleRow,
    pub role: VehicleRole,
    pub licence_plate: String,
    pub nickname: String,
    /// Data before this time is not shown to this user.
    pub since: i64,
}

impl UserVehicle {
    pub fn permissions(&self) -> VehiclePermissions {
        self.role.permissions()
    }

    /// 403 `permission_denied` unless the role allows it.
    pub fn require(&self, allowed: fn(&VehiclePermissions) -> bool) -> Result<(), AppError> {
        if allowed(&self.permissions()) {
            Ok(())
        } else {
            Err(ErrorCode::PermissionDenied.into())
        }
    }

    pub fn powertrain(&self) -> Powertrain {
        self.vehicle.powertrain()
    }

    pub fn summary(&self) -> VehicleSummary {
        VehicleSummary {
            vin: self.vehicle.vin.clone(),
            model: self.vehicle.model.clone(),
            model_family: self.vehicle.model_family.clone(),
            model_year: u16::try_from(self.vehicle.model_year).unwrap_or_default(),
            powertrain: self.vehicle.powertrain(),
            licence_plate: self.licence_plate.clone(),
            nickname: self.nickname.clone(),
            role: self.role,
            permissions: self.permissions(),
            added_at: from_unix(self.since),
        }
    }
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    role: String,
    licence_plate: String,
    nickname: String,
    since: i64,
}

impl LinkRow {
    fn into_user_vehicle(self, user_id: i64, vehicle: VehicleRow) -> UserVehicle {
        UserVehicle {
            user_id,
            role: VehicleRole::from_code(&self.role).unwrap_or(VehicleRole::Secondary),
            licence_plate: self.licence_plate,
            nickname: self.nickname,
            since: self.since,
            vehicle,
        }
    }
}

/// A link with its vehicle, read in one query.
#[derive(sqlx::FromRow)]
struct LinkedVehicleRow {
    #[sqlx(flatten)]
    link: LinkRow,
    #[sqlx(flatten)]
    vehicle: VehicleRow,
}

/// The user's access to `vin`, if any.
pub async fn user_vehicle(
    conn: &mut SqliteConnection,
    user_id: i64,
    vin: &str,
) -> Result<Option<UserVehicle>, AppError> {
    let Ok(vin) = Vin::parse(vin) else {
        return Ok(None);
    };
    let Some(vehicle) = crate::telematics::find_vehicle(conn, vin.as_str()).await? else {
        return Ok(None);
    };
    let link: Option<LinkRow> = sqlx::query_as(
        "SELECT role, licence_plate, nickname, since FROM vehicle_users WHERE vehicle_id = ? AND user_id = ?",
    )
    .bind(vehicle.id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(link.map(|l| l.into_user_vehicle(user_id, vehicle)))
}

/// Every vehicle of a user, in the order they were added.
pub async fn user_vehicles(
    conn: &mut SqliteConnection,
    user_id: i64,
) -> Result<Vec<UserVehicle>, AppError> {
    let cols = VEHICLE_COLUMNS
        .split(", ")
        .map(|c| format!("v.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows: Vec<LinkedVehicleRow> = sqlx::query_as(&format!(
        "SELECT u.role, u.licence_plate, u.nickname, u.since, {cols}
             FROM vehicle_users u JOIN vehicles v ON v.id = u.vehicle_id
             WHERE u.user_id = ? ORDER BY u.since, v.vin"
    ))
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| r.link.into_user_vehicle(user_id, r.vehicle))
        .collect())
}

impl FromRequestParts<AppState> for UserVehicle {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let SignedIn(session) = SignedIn::from_request_parts(parts, state).await?;
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::Code(ErrorCode::NotFound))?;
        let vin = params.get("vin").ok_or(ErrorCode::NotFound)?;
        let mut conn = state.db.acquire().await?;
        user_vehicle(&mut conn, session.user_id, vin)
            .await?
            .ok_or(AppError::Code(ErrorCode::NotFound))
    }
}

/// 429 `proof_locked` (with Retry-After) while `subject` is locked for the user.
pub async fn check_lock(
    conn: &mut SqliteConnection,
    user_id: i64,
    subject: &str,
    now: i64,
) -> Result<(), AppError> {
    let locked: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT locked_until FROM access_attempts WHERE user_id = ? AND subject = ?",
    )
    .bind(user_id)
    .bind(subject)
    .fetch_optional(&mut *conn)
    .await?;
    match locked {
        Some(Some(until)) if until > now => Err(AppError::RetryLater {
            code: ErrorCode::ProofLocked,
            retry_after_secs: (until - now) as u64,
        }),
        _ => Ok(()),
    }
}

/// Counts a wrong proof; the fifth in a row locks for [`LOCK_SECS`].
pub async fn record_failure(
    conn: &mut SqliteConnection,
    user_id: i64,
    subject: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO access_attempts (user_id, subject, failures, locked_until, updated_at)
         VALUES (?1, ?2, 1, NULL, ?3)
         ON CONFLICT (user_id, subject) DO UPDATE SET
             failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?3 THEN 1 ELSE failures + 1 END,
             locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?3 THEN NULL ELSE locked_until END,
             updated_at = ?3",
    )
    .bind(user_id)
    .bind(subject)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE access_attempts SET locked_until = ?3 + ?4, failures = 0
         WHERE user_id = ?1 AND subject = ?2 AND failures >= ?5",
    )
    .bind(user_id)
    .bind(subject)
    .bind(now)
    .bind(LOCK_SECS)
    .bind(MAX_FAILURES)
    .execute(&mut *conn)
    .await?;
    tracing::warn!(user_id, subject, "wrong proof of access");
    Ok(())
}

/// Ends every user's access to a vehicle: its main and secondary users go and
/// pending invitations are revoked (takeover, removal by the main user,
/// erasure of the main user's account).
pub async fn end_all_access(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM vehicle_users WHERE vehicle_id = ?")
        .bind(vehicle_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE vehicle_invitations SET revoked_at = ? WHERE vehicle_id = ? AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(vehicle_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn clear_failures(
    conn: &mut SqliteConnection,
    user_id: i64,
    subject: &str,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM access_attempts WHERE user_id = ? AND subject = ?")
        .bind(user_id)
        .bind(subject)
        .execute(conn)
        .await?;
    Ok(())
}

/// The odometer proof's tolerance around the last reading: ±50 km or ±1 %,
/// whichever is larger.
pub fn odometer_matches(reported: f64, last: f64) -> bool {
    let tolerance = (last * 0.01).max(50.0);
    (reported - last).abs() <= tolerance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odometer_tolerance() {
        assert!(odometer_matches(1040.0, 1000.0));
        assert!(!odometer_matches(1051.0, 1000.0));
        assert!(odometer_matches(20_190.0, 20_000.0));
        assert!(!odometer_matches(20_201.0, 20_000.0));
        assert!(odometer_matches(19_800.0, 20_000.0));
    }
}
