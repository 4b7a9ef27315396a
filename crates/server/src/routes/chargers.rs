//! /api/chargers: HomeCharge chargers in the garage (C5). Added with the
//! serial number and PIN; wrong PINs lock like wrong odometer values.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::DateTime;
use mijn_lexus_contract::charger::{
    AddChargerRequest, Charger, ChargerList, ChargerSerial, ChargerState,
};
use mijn_lexus_contract::telematics::{ChargerRegistration, ChargerReport};
use mijn_lexus_contract::{ErrorCode, FieldError};
use sqlx::SqliteConnection;

use super::{find_user, ApiJson};
use crate::error::{AppError, AppResult};
use crate::garage;
use crate::mail;
use crate::security::password;
use crate::security::session::SignedIn;
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
struct ChargerRow {
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
    fn to_charger(&self) -> Charger {
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
            added_at: DateTime::from_timestamp(self.added_at.unwrap_or_default(), 0)
                .unwrap_or_default(),
        }
    }
}

const COLUMNS: &str =
    "serial, model, nickname, state, power_kw, session_energy_kwh, last_seen_at, added_at";

/// GET /chargers
pub async fn list(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
) -> AppResult<Json<ChargerList>> {
    let rows: Vec<ChargerRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM chargers WHERE owner_user_id = ? ORDER BY added_at, serial"
    ))
    .bind(s.user_id)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(ChargerList {
        chargers: rows.iter().map(ChargerRow::to_charger).collect(),
    }))
}

async fn own(state: &AppState, user_id: i64, serial: &str) -> Result<ChargerRow, AppError> {
    let serial = ChargerSerial::parse(serial).map_err(|_| ErrorCode::NotFound)?;
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM chargers WHERE serial = ? AND owner_user_id = ?"
    ))
    .bind(serial.as_str())
    .bind(user_id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// GET /chargers/{serial}
pub async fn get(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    axum::extract::Path(serial): axum::extract::Path<String>,
) -> AppResult<Json<Charger>> {
    Ok(Json(own(&state, s.user_id, &serial).await?.to_charger()))
}

/// DELETE /chargers/{serial}
pub async fn remove(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    axum::extract::Path(serial): axum::extract::Path<String>,
) -> AppResult<StatusCode> {
    let row = own(&state, s.user_id, &serial).await?;
    sqlx::query(
        "UPDATE chargers SET owner_user_id = NULL, nickname = '', added_at = NULL WHERE serial = ?",
    )
    .bind(&row.serial)
    .execute(&state.db)
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// POST /chargers: pairs the charger with the user; its previous owner is
/// mailed.
pub async fn add(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    ApiJson(req): ApiJson<AddChargerRequest>,
) -> AppResult<Response> {
    let new = req.parse()?;
    let now = state.clock.unix();
    let subject = format!("charger:{}", new.serial.as_str());
    let mut conn = state.db.acquire().await?;
    garage::check_lock(&mut conn, s.user_id, &subject, now).await?;
    let row: Option<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT model, pin_hash, owner_user_id FROM chargers WHERE serial = ?")
            .bind(new.serial.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    drop(conn);
    let Some((model, hash, owner)) = row else {
        return Err(AppError::field("serial", ErrorCode::ChargerUnknown));
    };
    if owner == Some(s.user_id) {
        return Err(ErrorCode::AlreadyInGarage.into());
    }
    // Verified outside the write transaction: Argon2 takes a while.
    let matches = pin_matches(&state, &new.serial, &new.pin, &hash).await?;
    // The upgrade of a legacy hash is computed before the write lock is taken.
    let upgraded = if matches && is_legacy_pin_hash(&hash) {
        Some(state.passwords.hash(new.pin.trim().to_owned()).await?)
    } else {
        None
    };
    let mut tx = crate::db::begin_write(&state.db).await?;
    if !matches {
        garage::record_failure(&mut tx, s.user_id, &subject, now).await?;
        tx.commit().await?;
        return Err(AppError::field("pin", ErrorCode::ChargerPinInvalid));
    }
    garage::clear_failures(&mut tx, s.user_id, &subject).await?;
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
    .bind(s.user_id)
    .bind(new.nickname.as_ref().map(|n| n.as_str()).unwrap_or(""))
    .bind(now)
    .bind(new.serial.as_str())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if let Some(previous) = owner {
        if let Some(user) = find_user(&state.db, previous).await? {
            state
                .mailer
                .send(mail::charger_taken_over(
                    &user.recipient(),
                    &model,
                    new.serial.as_str(),
                    &state.public_url,
                ))
                .await;
        }
    }
    let charger = own(&state, s.user_id, new.serial.as_str())
        .await?
        .to_charger();
    Ok((StatusCode::CREATED, Json(charger)).into_response())
}
