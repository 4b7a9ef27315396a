//! Telematics: provisioning of vehicles and storage of what they send.
//!
//! [`store_messages`] is the one way data gets in: the ingest API calls it
//! per request, the demo seed calls it for a whole fleet in one transaction.

use chrono::{DateTime, Utc};
use mijn_lexus_contract::telematics::{
    IngestResult, StatusReport, TelemetryMessage, TripReport, VehicleRegistration,
};
use mijn_lexus_contract::vehicle::{Powertrain, Vin};
use mijn_lexus_contract::{ErrorCode, FieldError};
use sqlx::{SqliteConnection, SqlitePool};

use crate::clock::from_unix;
use crate::error::AppError;
use crate::security::{constant_time_eq, sha256_hex};

/// A row of `vehicles`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VehicleRow {
    pub id: i64,
    pub vin: String,
    pub model: String,
    pub model_family: String,
    pub model_year: i64,
    pub powertrain: String,
    pub ingest_key_hash: String,
    pub activation_code_hash: String,
}

pub const VEHICLE_COLUMNS: &str =
    "id, vin, model, model_family, model_year, powertrain, ingest_key_hash, activation_code_hash";

impl VehicleRow {
    pub fn powertrain(&self) -> Powertrain {
        Powertrain::from_code(&self.powertrain).unwrap_or(Powertrain::Hybrid)
    }
}

pub async fn find_vehicle(
    conn: &mut SqliteConnection,
    vin: &str,
) -> Result<Option<VehicleRow>, AppError> {
    Ok(sqlx::query_as::<_, VehicleRow>(&format!(
        "SELECT {VEHICLE_COLUMNS} FROM vehicles WHERE vin = ?"
    ))
    .bind(vin)
    .fetch_optional(conn)
    .await?)
}

/// The vehicle with `vin` whose ingest key is `key` (hashes compared in
/// constant time); `None` for a malformed or unknown VIN and a wrong key
/// alike, so the answer does not tell which.
pub async fn vehicle_for_ingest(
    db: &SqlitePool,
    vin: &str,
    key: &str,
) -> Result<Option<VehicleRow>, AppError> {
    let Ok(vin) = Vin::parse(vin) else {
        return Ok(None);
    };
    let mut conn = db.acquire().await?;
    let vehicle = find_vehicle(&mut conn, vin.as_str()).await?;
    Ok(vehicle
        .filter(|v| constant_time_eq(sha256_hex(key).as_bytes(), v.ingest_key_hash.as_bytes())))
}

/// Stores a validated batch of one vehicle in one transaction
/// ([`store_messages`]).
pub async fn ingest(
    db: &SqlitePool,
    vehicle_id: i64,
    messages: &[TelemetryMessage],
    now: i64,
) -> Result<Vec<IngestResult>, AppError> {
    let mut tx = crate::db::begin_write(db).await?;
    let results = store_messages(&mut tx, vehicle_id, messages, now).await?;
    tx.commit().await?;
    Ok(results)
}

/// Activation codes are compared case- and space-insensitively.
pub fn activation_code_hash(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    sha256_hex(&normal)
}

/// Registers (or updates) a vehicle of the telematics side.
pub async fn provision_vehicle(
    conn: &mut SqliteConnection,
    vin: &Vin,
    reg: &VehicleRegistration,
    now: i64,
) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    let text = |field: &str, v: &str, max: usize, errors: &mut Vec<FieldError>| {
        if v.trim().is_empty() {
            errors.push(FieldError::new(field, ErrorCode::Required));
        } else if v.chars().count() > max {
            errors.push(FieldError::new(field, ErrorCode::TooLong));
        }
    };
    text("model", &reg.model, 40, &mut errors);
    text("model_family", &reg.model_family, 20, &mut errors);
    text("activation_code", &reg.activation_code, 64, &mut errors);
    if reg.ingest_key.len() < 32 || reg.ingest_key.len() > 128 {
        errors.push(FieldError::new("ingest_key", ErrorCode::InvalidValue));
    }
    if !(1990..=2100).contains(&reg.model_year) {
        errors.push(FieldError::new("model_year", ErrorCode::OutOfRange));
    }
    if !reg
        .model_family
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errors.push(FieldError::new("model_family", ErrorCode::InvalidValue));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO vehicles (vin, model, model_family, model_year, powertrain, ingest_key_hash,
                               activation_code_hash, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (vin) DO UPDATE SET model = ?2, model_family = ?3, model_year = ?4,
             powertrain = ?5, ingest_key_hash = ?6, activation_code_hash = ?7, updated_at = ?8
         RETURNING id",
    )
    .bind(vin.as_str())
    .bind(reg.model.trim())
    .bind(reg.model_family.trim())
    .bind(i64::from(reg.model_year))
    .bind(reg.powertrain.code())
    .bind(sha256_hex(&reg.ingest_key))
    .bind(activation_code_hash(&reg.activation_code))
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct StoredMessage {
    body_sha256: String,
    received_at: i64,
}

#[derive(sqlx::FromRow)]
struct OpenWarning {
    id: i64,
    code: String,
}

fn ts(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// Stores validated messages of one vehicle; a message already stored with
/// the same content is skipped and answered with its first `received_at`;
/// the same id with other content is 409 `message_id_conflict`. Call within
/// a transaction.
pub async fn store_messages(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    messages: &[TelemetryMessage],
    now: i64,
) -> Result<Vec<IngestResult>, AppError> {
    let mut results = Vec::with_capacity(messages.len());
    let mut conflicts = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        let body = serde_json::to_vec(m).map_err(anyhow::Error::from)?;
        let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&body));
        let existing: Option<StoredMessage> = sqlx::query_as(
            "SELECT body_sha256, received_at FROM telemetry_messages WHERE vehicle_id = ? AND message_id = ?",
        )
        .bind(vehicle_id)
        .bind(&m.message_id)
        .fetch_optional(&mut *conn)
        .await?;
        let received_at = match existing {
            Some(stored) if stored.body_sha256 == hash => stored.received_at,
            Some(_) => {
                conflicts.push(FieldError::new(
                    &format!("messages[{i}].message_id"),
                    ErrorCode::MessageIdConflict,
                ));
                continue;
            }
            None => {
                sqlx::query(
                    "INSERT INTO telemetry_messages (vehicle_id, message_id, body_sha256, recorded_at, received_at)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(vehicle_id)
                .bind(&m.message_id)
                .bind(&hash)
                .bind(ts(m.recorded_at))
                .bind(now)
                .execute(&mut *conn)
                .await?;
                apply(conn, vehicle_id, m).await?;
                now
            }
        };
        results.push(IngestResult {
            message_id: m.message_id.clone(),
            received_at: from_unix(received_at),
        });
    }
    if !conflicts.is_empty() {
        return Err(AppError::CodeWithFields(
            ErrorCode::MessageIdConflict,
            conflicts,
        ));
    }
    Ok(results)
}

async fn apply(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    m: &TelemetryMessage,
) -> Result<(), AppError> {
    let at = ts(m.recorded_at);
    if let Some(s) = &m.status {
        apply_status(conn, vehicle_id, at, s).await?;
    }
    if let Some(p) = &m.parked {
        sqlx::query(
            "INSERT INTO vehicle_positions (vehicle_id, recorded_at, lat, lon, label,
                 destination_lat, destination_lon, destination_label)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(vehicle_id)
        .bind(at)
        .bind(p.position.lat)
        .bind(p.position.lon)
        .bind(p.position.label.as_deref())
        .bind(p.destination.as_ref().map(|d| d.lat))
        .bind(p.destination.as_ref().map(|d| d.lon))
        .bind(p.destination.as_ref().and_then(|d| d.label.as_deref()))
        .execute(&mut *conn)
        .await?;
    }
    if let Some(t) = &m.trip {
        apply_trip(conn, vehicle_id, t).await?;
    }
    Ok(())
}

/// (value column, time column) pairs updated from a status report.
const STATE_FIELDS: [(&str, &str); 6] = [
    ("odometer_km", "odometer_at"),
    ("fuel_percent", "fuel_at"),
    ("range_km", "range_at"),
    ("battery_percent", "battery_at"),
    ("electric_range_km", "electric_range_at"),
    ("privacy_mode", "privacy_at"),
];

async fn apply_status(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    at: i64,
    s: &StatusReport,
) -> Result<(), AppError> {
    let values = [
        s.odometer_km,
        s.fuel_percent,
        s.range_km,
        s.battery_percent,
        s.electric_range_km,
        s.privacy_mode.map(|b| if b { 1.0 } else { 0.0 }),
    ];
    if values.iter().any(Option::is_some) {
        sqlx::query(
            "INSERT INTO vehicle_readings (vehicle_id, recorded_at, odometer_km, fuel_percent, range_km,
                 battery_percent, electric_range_km, privacy_mode)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(vehicle_id)
        .bind(at)
        .bind(s.odometer_km)
        .bind(s.fuel_percent)
        .bind(s.range_km)
        .bind(s.battery_percent)
        .bind(s.electric_range_km)
        .bind(s.privacy_mode)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("INSERT INTO vehicle_state (vehicle_id) VALUES (?) ON CONFLICT DO NOTHING")
        .bind(vehicle_id)
        .execute(&mut *conn)
        .await?;
    // One UPDATE: each field only when reported and newer than what is stored.
    // Parameters: ?1 vehicle, ?2 time, ?3.. values.
    let mut sets = Vec::new();
    for (i, (col, at_col)) in STATE_FIELDS.iter().enumerate() {
        let p = i + 3;
        let newer = format!("?{p} IS NOT NULL AND ({at_col} IS NULL OR {at_col} <= ?2)");
        sets.push(format!(
            "{col} = CASE WHEN {newer} THEN ?{p} ELSE {col} END"
        ));
        sets.push(format!(
            "{at_col} = CASE WHEN {newer} THEN ?2 ELSE {at_col} END"
        ));
    }
    let service_p = STATE_FIELDS.len() + 3;
    let service_newer = format!(
        "(?{a} IS NOT NULL OR ?{b} IS NOT NULL) AND (service_at IS NULL OR service_at <= ?2)",
        a = service_p,
        b = service_p + 1
    );
    sets.push(format!(
        "service_due_km = CASE WHEN {service_newer} THEN ?{service_p} ELSE service_due_km END"
    ));
    sets.push(format!(
        "service_due_date = CASE WHEN {service_newer} THEN ?{} ELSE service_due_date END",
        service_p + 1
    ));
    sets.push(format!(
        "service_at = CASE WHEN {service_newer} THEN ?2 ELSE service_at END"
    ));
    let sql = format!(
        "UPDATE vehicle_state SET {} WHERE vehicle_id = ?1",
        sets.join(", ")
    );
    let mut q = sqlx::query(&sql).bind(vehicle_id).bind(at);
    for (i, v) in values.iter().enumerate() {
        q = if i == 5 {
            q.bind(s.privacy_mode.map(i64::from))
        } else {
            q.bind(*v)
        };
    }
    q.bind(s.service_due_km.map(i64::from))
        .bind(s.service_due_date.map(|d| d.to_string()))
        .execute(&mut *conn)
        .await?;

    if let Some(lights) = &s.warning_lights {
        let warnings_at: Option<i64> =
            sqlx::query_scalar("SELECT warnings_at FROM vehicle_state WHERE vehicle_id = ?")
                .bind(vehicle_id)
                .fetch_one(&mut *conn)
                .await?;
        if warnings_at.is_none_or(|w| w <= at) {
            let open: Vec<OpenWarning> = sqlx::query_as(
                "SELECT id, code FROM vehicle_warnings WHERE vehicle_id = ? AND cleared_at IS NULL",
            )
            .bind(vehicle_id)
            .fetch_all(&mut *conn)
            .await?;
            for OpenWarning { id, code } in &open {
                let q = if lights.contains(code) {
                    "UPDATE vehicle_warnings SET last_seen_at = ?1 WHERE id = ?2"
                } else {
                    "UPDATE vehicle_warnings SET cleared_at = ?1 WHERE id = ?2"
                };
                sqlx::query(q).bind(at).bind(id).execute(&mut *conn).await?;
            }
            let mut seen = Vec::new();
            for code in lights {
                if open.iter().any(|w| &w.code == code) || seen.contains(&code) {
                    continue;
                }
                seen.push(code);
                sqlx::query(
                    "INSERT INTO vehicle_warnings (vehicle_id, code, since, last_seen_at) VALUES (?, ?, ?, ?)",
                )
                .bind(vehicle_id)
                .bind(code)
                .bind(at)
                .bind(at)
                .execute(&mut *conn)
                .await?;
            }
            sqlx::query("UPDATE vehicle_state SET warnings_at = ? WHERE vehicle_id = ?")
                .bind(at)
                .bind(vehicle_id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

async fn apply_trip(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    t: &TripReport,
) -> Result<(), AppError> {
    let trip_id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO trips (vehicle_id, started_at, ended_at, start_lat, start_lon, start_label,
             end_lat, end_lon, end_label, distance_km, duration_s, fuel_used_l, ev_distance_km,
             ev_time_s, eco_distance_km, power_distance_km, odometer_start_km, odometer_end_km,
             hybrid_score, score_acceleration, score_braking, score_constant_speed, purpose)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                 -- New trips take the main user's default purpose (E2).
                 (SELECT default_trip_purpose FROM vehicle_users WHERE vehicle_id = ? AND role = 'main'))
         ON CONFLICT (vehicle_id, started_at) DO NOTHING
         RETURNING id",
    )
    .bind(vehicle_id)
    .bind(ts(t.started_at))
    .bind(ts(t.ended_at))
    .bind(t.start.lat)
    .bind(t.start.lon)
    .bind(t.start.label.as_deref())
    .bind(t.end.lat)
    .bind(t.end.lon)
    .bind(t.end.label.as_deref())
    .bind(t.distance_km)
    .bind((t.ended_at - t.started_at).num_seconds())
    .bind(t.fuel_used_l)
    .bind(t.ev_distance_km)
    .bind(i64::from(t.ev_time_s))
    .bind(t.eco_distance_km)
    .bind(t.power_distance_km)
    .bind(t.odometer_start_km)
    .bind(t.odometer_end_km)
    .bind(t.hybrid_score.map(i64::from))
    .bind(t.score_acceleration.map(i64::from))
    .bind(t.score_braking.map(i64::from))
    .bind(t.score_constant_speed.map(i64::from))
    .bind(vehicle_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(trip_id) = trip_id else {
        // The same trip arrived in another message: keep the first.
        return Ok(());
    };
    sqlx::query("INSERT INTO trip_routes (trip_id, points) VALUES (?, ?)")
        .bind(trip_id)
        .bind(crate::trips::list::encode_route(&t.route))
        .execute(&mut *conn)
        .await?;
    for e in &t.events {
        sqlx::query(
            "INSERT INTO trip_events (trip_id, vehicle_id, at, kind, lat, lon) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(trip_id)
        .bind(vehicle_id)
        .bind(ts(e.at))
        .bind(e.kind.code())
        .bind(e.lat)
        .bind(e.lon)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
