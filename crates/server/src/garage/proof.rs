//! Proof of access when adding a vehicle (C1), and how guessing is bounded.
//!
//! - The activation code shown in the car proves possession: it adds any
//!   vehicle, taking it over from its main user.
//! - The odometer (±50 km or 1 %) is weaker: anyone who once sat in the car
//!   or read the status page knows it. It adds a vehicle only when nobody is
//!   its main user and the account never had access to it (main, secondary,
//!   invited). Otherwise a right reading answers `activation_code_required`.
//! - Wrong proofs count per user and VIN ([`super::record_failure`], 5 lock
//!   15 min) and per VIN across all accounts (here: [`VIN_MAX_FAILURES`] in
//!   [`VIN_WINDOW_SECS`] lock the odometer proof for [`VIN_LOCK_SECS`]), so
//!   more accounts do not buy more guesses. The activation code is not
//!   guessable and stays usable, so a lock cannot keep a real owner out.
//! - An unknown VIN answers and counts exactly like a wrong proof, so VINs
//!   cannot be probed.

use mijn_lexus_contract::vehicle::{add_vehicle_fields, AccessProof, VehicleRole};
use mijn_lexus_contract::ErrorCode;
use sqlx::SqliteConnection;

use crate::error::AppError;
use crate::security::constant_time_eq;
use crate::telematics::{activation_code_hash, VehicleRow};

/// Wrong proofs for one VIN, from all accounts together, before the lock.
pub const VIN_MAX_FAILURES: i64 = 10;
/// The window in which they count.
pub const VIN_WINDOW_SECS: i64 = 24 * 3600;
/// How long the odometer proof stays locked for that VIN.
pub const VIN_LOCK_SECS: i64 = 24 * 3600;

/// What a proof is worth for this user and vehicle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Granted,
    /// Wrong proof, or a VIN we do not know: the field and code to answer.
    Wrong(&'static str, ErrorCode),
    /// The odometer is right but cannot prove access here.
    ActivationCodeRequired,
}

impl Verdict {
    /// The field error this verdict answers with, if it refuses.
    pub fn error(self) -> Option<AppError> {
        match self {
            Verdict::Granted => None,
            Verdict::Wrong(field, code) => Some(AppError::field(field, code)),
            Verdict::ActivationCodeRequired => Some(AppError::field(
                add_vehicle_fields::ODOMETER_KM,
                ErrorCode::ActivationCodeRequired,
            )),
        }
    }
}

fn wrong(proof: &AccessProof) -> Verdict {
    match proof {
        AccessProof::ActivationCode(_) => Verdict::Wrong(
            add_vehicle_fields::ACTIVATION_CODE,
            ErrorCode::ActivationCodeInvalid,
        ),
        AccessProof::Odometer(_) => {
            Verdict::Wrong(add_vehicle_fields::ODOMETER_KM, ErrorCode::OdometerMismatch)
        }
    }
}

/// Judges `proof` for `user_id` and `vehicle` (`None`: unknown VIN).
pub async fn judge(
    conn: &mut SqliteConnection,
    vehicle: Option<&VehicleRow>,
    user_id: i64,
    proof: &AccessProof,
) -> Result<Verdict, AppError> {
    let Some(vehicle) = vehicle else {
        return Ok(wrong(proof));
    };
    match proof {
        AccessProof::ActivationCode(code) => {
            let ok = constant_time_eq(
                activation_code_hash(code).as_bytes(),
                vehicle.activation_code_hash.as_bytes(),
            );
            Ok(if ok { Verdict::Granted } else { wrong(proof) })
        }
        AccessProof::Odometer(km) => {
            let last: Option<Option<f64>> =
                sqlx::query_scalar("SELECT odometer_km FROM vehicle_state WHERE vehicle_id = ?")
                    .bind(vehicle.id)
                    .fetch_optional(&mut *conn)
                    .await?;
            let ok = last
                .flatten()
                .is_some_and(|last| super::odometer_matches(*km, last));
            if !ok {
                return Ok(wrong(proof));
            }
            Ok(if odometer_may_add(conn, vehicle.id, user_id).await? {
                Verdict::Granted
            } else {
                Verdict::ActivationCodeRequired
            })
        }
    }
}

/// True when nobody is the vehicle's main user and the account never had
/// access to it nor was invited to it.
async fn odometer_may_add(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    user_id: i64,
) -> Result<bool, AppError> {
    let blocked: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM vehicle_users WHERE vehicle_id = ?1 AND role = 'main')
             OR EXISTS (SELECT 1 FROM vehicle_access_history WHERE vehicle_id = ?1 AND user_id = ?2)
             OR EXISTS (SELECT 1 FROM vehicle_invitations i JOIN users u ON lower(u.email) = lower(i.email)
                        WHERE i.vehicle_id = ?1 AND u.id = ?2)",
    )
    .bind(vehicle_id)
    .bind(user_id)
    .fetch_one(conn)
    .await?;
    Ok(!blocked)
}

/// 429 `proof_locked` (with Retry-After) while the odometer proof of `vin`
/// is locked for everyone.
pub async fn check_vin_lock(
    conn: &mut SqliteConnection,
    vin: &str,
    now: i64,
) -> Result<(), AppError> {
    let until: Option<Option<i64>> =
        sqlx::query_scalar("SELECT locked_until FROM vin_proof_failures WHERE vin = ?")
            .bind(vin)
            .fetch_optional(conn)
            .await?;
    match until {
        Some(Some(until)) if until > now => Err(AppError::RetryLater {
            code: ErrorCode::ProofLocked,
            retry_after_secs: (until - now) as u64,
        }),
        _ => Ok(()),
    }
}

#[derive(sqlx::FromRow)]
struct FailureCount {
    failures: i64,
    locked_until: Option<i64>,
}

/// Counts a wrong proof for `vin`; true when this one locked it (the moment
/// to tell the main user).
pub async fn record_vin_failure(
    conn: &mut SqliteConnection,
    vin: &str,
    now: i64,
) -> Result<bool, AppError> {
    // A new window starts when the last one is over or a lock has ended.
    let count: FailureCount = sqlx::query_as(
        "INSERT INTO vin_proof_failures (vin, failures, window_start, locked_until)
         VALUES (?1, 1, ?2, NULL)
         ON CONFLICT (vin) DO UPDATE SET
             failures = CASE WHEN window_start <= ?2 - ?3 OR locked_until <= ?2 THEN 1 ELSE failures + 1 END,
             locked_until = CASE WHEN window_start <= ?2 - ?3 OR locked_until <= ?2 THEN NULL ELSE locked_until END,
             window_start = CASE WHEN window_start <= ?2 - ?3 OR locked_until <= ?2 THEN ?2 ELSE window_start END
         RETURNING failures, locked_until",
    )
    .bind(vin)
    .bind(now)
    .bind(VIN_WINDOW_SECS)
    .fetch_one(&mut *conn)
    .await?;
    if count.failures < VIN_MAX_FAILURES || count.locked_until.is_some() {
        return Ok(false);
    }
    sqlx::query("UPDATE vin_proof_failures SET locked_until = ? WHERE vin = ?")
        .bind(now + VIN_LOCK_SECS)
        .bind(vin)
        .execute(conn)
        .await?;
    tracing::warn!("odometer proof locked for a vehicle after repeated wrong proofs");
    Ok(true)
}

/// A right proof ends the count for the VIN.
pub async fn clear_vin_failures(conn: &mut SqliteConnection, vin: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM vin_proof_failures WHERE vin = ?")
        .bind(vin)
        .execute(conn)
        .await?;
    Ok(())
}

/// A vehicle's main user and the plate they gave it.
#[derive(Debug, sqlx::FromRow)]
pub struct MainLink {
    pub user_id: i64,
    pub licence_plate: String,
}

/// The vehicle's main user and the plate they gave it, if it has one.
pub async fn main_user(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
) -> Result<Option<MainLink>, AppError> {
    Ok(sqlx::query_as(
        "SELECT user_id, licence_plate FROM vehicle_users WHERE vehicle_id = ? AND role = ?",
    )
    .bind(vehicle_id)
    .bind(VehicleRole::Main.code())
    .fetch_optional(conn)
    .await?)
}
