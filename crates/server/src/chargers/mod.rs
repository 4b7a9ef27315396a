//! HomeCharge chargers (C5): provisioned by the telematics backend, paired
//! by a user with the serial number and PIN; wrong PINs lock like wrong
//! odometer values.

use chrono::DateTime;
use mijn_lexus_contract::charger::{Charger, ChargerSerial, ChargerState, NewCharger};
use mijn_lexus_contract::telematics::{ChargerRegistration, ChargerReport, FUTURE_TOLERANCE_SECS};
use mijn_lexus_contract::{ErrorCode, FieldError};
use sqlx::{SqliteConnection, SqlitePool};

use crate::clock::from_unix;
use crate::error::{AppError, AppResult};
use crate::garage;
use crate::security::password;
use crate::security::{constant_time_eq, sha256_hex};
use crate::state::AppState;

// PINs are short (4-16 characters, often 4-6 digits), so a fast hash of
// one is reversed by trying them all. They are stored like passwords
// (Argon2id, random salt per row, ~50 ms per try): a leaked database then
// costs hours per charger instead of microseconds. A keyed HMAC would be
// stronger still but needs a server secret that this server does not have
// (and must never lose); Argon2id reuses the password hashing.

/// Before issue 9: unsalted SHA-256 of "serial:pin". Such hashes still
/// verify and are replaced by an Argon2id hash at the next pairing.
fn legacy_pin_hash(serial: &ChargerSerial, pin: &str) -> String {
    sha256_hex(&format!("{}:{}", serial.as_str(), pin.trim()))
}

fn is_legacy_pin_hash(stored: &str) -> bool {
    !stored.starts_with("$argon2")
}

async fn pin_matches(
    state: &AppState,
    serial: &ChargerSerial,
    pin: &str,
    stored: &str,
) -> Result<bool, AppError> {
    if is_legacy_pin_hash(stored) {
        let given = legacy_pin_hash(serial, pin);
        return Ok(constant_time_eq(given.as_bytes(), stored.as_bytes()));
    }
    // Bounded like sign-in: a burst of pairing attempts answers 503, not a queue.
    state
        .passwords
        .verify(pin.trim().to_owned(), stored.to_owned())
        .await
}

/// Registers a charger (or its new model and PIN) from the backend.
pub async fn provision(
    conn: &mut SqliteConnection,
    serial: &ChargerSerial,
    reg: &ChargerRegistration,
    now: i64,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if reg.model.trim().is_empty() {
        errors.push(FieldError::new("model", ErrorCode::Required));
    }
    if reg.pin.trim().len() < 4 || reg.pin.trim().len() > 16 {
        errors.push(FieldError::new("pin", ErrorCode::InvalidValue));
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let pin_hash = password::hash(reg.pin.trim().to_owned()).await?;
    sqlx::query(
        "INSERT INTO chargers (serial, model, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (serial) DO UPDATE SET model = ?2, pin_hash = ?3",
    )
    .bind(serial.as_str())
    .bind(reg.model.trim())
    .bind(pin_hash)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Checks a status report from the backend.
pub fn check_report(r: &ChargerReport, now: i64) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if !r.power_kw.is_finite() || !(0.0..=350.0).contains(&r.power_kw) {
        errors.push(FieldError::new("power_kw", ErrorCode::OutOfRange));
    }
    if !r.session_energy_kwh.is_finite() || !(0.0..=500.0).contains(&r.session_energy_kwh) {
        errors.push(FieldError::new("session_energy_kwh", ErrorCode::OutOfRange));
    }
    if r.recorded_at.timestamp() > now + FUTURE_TOLERANCE_SECS {
        errors.push(FieldError::new("recorded_at", ErrorCode::TimeInFuture));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

/// Stores a status report unless a newer one is stored.
pub async fn record_status(
    conn: &mut SqliteConnection,
    serial: &ChargerSerial,
    r: &ChargerReport,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE chargers SET state = ?1, power_kw = ?2, session_energy_kwh = ?3, last_seen_at = ?4
         WHERE serial = ?5 AND (last_seen_at IS NULL OR last_seen_at <= ?4)",
    )
    .bind(r.state.code())
    .bind(r.power_kw)
    .bind(r.session_energy_kwh)
    .bind(r.recorded_at.timestamp())
    .bind(serial.as_str())
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        tracing::debug!(
            serial = serial.as_str(),
            "charger status not newer or unknown charger"
        );
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct ChargerRow {
    serial: String,
    model: String,
    nickname: String,
    state: Option<String>,
    power_kw: Option<f64>,
    session_energy_kwh: Option<f64>,
    last_seen_at: Option<i64>,
    added_at: Option<i64>,
}

impl ChargerRow {
    pub fn to_charger(&self) -> Charger {
        Charger {
            serial: self.serial.clone(),
            model: self.model.clone(),
            nickname: self.nickname.clone(),
            state: self.state.as_deref().and_then(ChargerState::from_code),
            power_kw: self.power_kw,
            session_energy_kwh: self.session_energy_kwh,
            last_seen_at: self
                .last_seen_at
                .and_then(|t| DateTime::from_timestamp(t, 0)),
            added_at: from_unix(self.added_at.unwrap_or_default()),
        }
    }
}

const COLUMNS: &str =
    "serial, model, nickname, state, power_kw, session_energy_kwh, last_seen_at, added_at";

/// The user's chargers, oldest first.
pub async fn list(db: &SqlitePool, user_id: i64) -> AppResult<Vec<Charger>> {
    let rows: Vec<ChargerRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM chargers WHERE owner_user_id = ? ORDER BY added_at, serial"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(ChargerRow::to_charger).collect())
}

/// The user's charger with `serial`; 404 when it is not theirs (or the
/// serial is malformed).
pub async fn own(db: &SqlitePool, user_id: i64, serial: &str) -> AppResult<ChargerRow> {
    let serial = ChargerSerial::parse(serial).map_err(|_| ErrorCode::NotFound)?;
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM chargers WHERE serial = ? AND owner_user_id = ?"
    ))
    .bind(serial.as_str())
    .bind(user_id)
    .fetch_optional(db)
    .await?
    .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// Takes the user's charger out of their garage; it can be paired again.
pub async fn release(db: &SqlitePool, user_id: i64, serial: &str) -> AppResult<()> {
    let row = own(db, user_id, serial).await?;
    sqlx::query(
        "UPDATE chargers SET owner_user_id = NULL, nickname = '', added_at = NULL WHERE serial = ?",
    )
    .bind(&row.serial)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PairingRow {
    model: String,
    pin_hash: String,
    owner_user_id: Option<i64>,
}

/// A charger paired with a new owner.
pub struct Paired {
    pub charger: Charger,
    pub model: String,
    /// Whoever had it before (to be told).
    pub previous_owner: Option<i64>,
}

/// Pairs the charger with the user when the PIN is right. Wrong PINs count
/// toward the same lock as wrong proofs for vehicles.
pub async fn pair(state: &AppState, user_id: i64, new: &NewCharger) -> AppResult<Paired> {
    let now = state.clock.unix();
    let subject = format!("charger:{}", new.serial.as_str());
    let mut conn = state.db.acquire().await?;
    garage::check_lock(&mut conn, user_id, &subject, now).await?;
    let row: Option<PairingRow> =
        sqlx::query_as("SELECT model, pin_hash, owner_user_id FROM chargers WHERE serial = ?")
            .bind(new.serial.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    drop(conn);
    let Some(row) = row else {
        return Err(AppError::field("serial", ErrorCode::ChargerUnknown));
    };
    if row.owner_user_id == Some(user_id) {
        return Err(ErrorCode::AlreadyInGarage.into());
    }
    // Verified outside the write transaction: Argon2 takes a while.
    let matches = pin_matches(state, &new.serial, &new.pin, &row.pin_hash).await?;
    // The upgrade of a legacy hash is computed before the write lock is taken.
    let upgraded = if matches && is_legacy_pin_hash(&row.pin_hash) {
        Some(state.passwords.hash(new.pin.trim().to_owned()).await?)
    } else {
        None
    };
    let mut tx = crate::db::begin_write(&state.db).await?;
    if !matches {
        garage::record_failure(&mut tx, user_id, &subject, now).await?;
        tx.commit().await?;
        return Err(AppError::field("pin", ErrorCode::ChargerPinInvalid));
    }
    garage::clear_failures(&mut tx, user_id, &subject).await?;
    if let Some(upgraded) = upgraded {
        sqlx::query("UPDATE chargers SET pin_hash = ? WHERE serial = ?")
            .bind(upgraded)
            .bind(new.serial.as_str())
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "UPDATE chargers SET owner_user_id = ?, nickname = ?, added_at = ? WHERE serial = ?",
    )
    .bind(user_id)
    .bind(new.nickname.as_ref().map(|n| n.as_str()).unwrap_or(""))
    .bind(now)
    .bind(new.serial.as_str())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let charger = own(&state.db, user_id, new.serial.as_str())
        .await?
        .to_charger();
    Ok(Paired {
        charger,
        model: row.model,
        previous_owner: row.owner_user_id,
    })
}
