//! Share to car (D3): destinations sent to a vehicle's navigation.
//!
//! Who may send: the user needs `can_use_remote` (seed 002 §5: remote
//! services are the main user's; a secondary user has none, and the history
//! holds places the car was sent to, location data that stays with the main
//! user too). The vehicle needs the service: connected navigation, derived
//! from the model year ([`share_to_car_available`]).
//!
//! A send is stored as a command (`queued`); the telematics side fetches the
//! vehicle's pending commands with the vehicle's ingest key and acknowledges
//! each (`delivered` or `failed` with a reason). Only commands whose sender
//! still may use remote services on the vehicle are handed out, so a
//! former owner's queued destination never reaches the next owner's car.
//! The history shows a user their own sends to the vehicle, newest first;
//! while the vehicle is in privacy mode the places are left out.
//!
//! Housekeeping (each retention pass): a destination the car has not taken
//! within [`UNANSWERED_EXPIRE`] (or by its arrival time, when that is later)
//! fails as `unreachable`, so a car switched on weeks later is not sent
//! to a trip long over; sends older than [`HISTORY_KEEP`] are deleted, as
//! the car's own positions are.

use chrono::{DateTime, Utc};
use mijn_lexus_contract::share::{
    share_fields, share_to_car_available, CommandAck, DestinationCommand, PendingCommands,
    ShareDestinationRequest, ShareFailure, SharePlace, ShareStatus, SharedDestination,
    SharedDestinationList,
};
use mijn_lexus_contract::vehicle::VehicleRole;
use mijn_lexus_contract::ErrorCode;
use sqlx::SqlitePool;

use crate::clock::from_unix;
use crate::error::{AppError, AppResult};
use crate::garage::status::privacy_mode;
use crate::garage::UserVehicle;
use crate::paging::{self, PageQuery};
use crate::security::rate_limit::hit_all;
use crate::state::AppState;

/// How long a destination waits for the car.
pub const UNANSWERED_EXPIRE: chrono::Duration = chrono::Duration::days(7);
/// How long the history keeps a send (seed 002 §9: location data, 12 months).
pub const HISTORY_KEEP: chrono::Duration = chrono::Duration::days(365);

/// History page size: default and maximum.
pub const HISTORY_PAGE: (u32, u32) = (20, 100);

const COLUMNS: &str = "id, label, address, lat, lon, arrival_at, stops, resend_of, \
                       status, failure, created_at, updated_at";

#[derive(sqlx::FromRow)]
struct DestinationRow {
    id: i64,
    label: String,
    address: String,
    lat: f64,
    lon: f64,
    arrival_at: Option<i64>,
    stops: String,
    resend_of: Option<i64>,
    status: String,
    failure: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl DestinationRow {
    fn place(&self) -> SharePlace {
        SharePlace {
            label: self.label.clone(),
            address: self.address.clone(),
            lat: self.lat,
            lon: self.lon,
        }
    }

    fn stops(&self) -> Vec<SharePlace> {
        serde_json::from_str(&self.stops).unwrap_or_default()
    }

    /// As the history shows it; places left out when `hide_positions`.
    fn shared(&self, hide_positions: bool) -> SharedDestination {
        let stops = self.stops();
        SharedDestination {
            id: self.id,
            status: ShareStatus::from_code(&self.status).unwrap_or(ShareStatus::Queued),
            failure: self.failure.as_deref().and_then(ShareFailure::from_code),
            destination: (!hide_positions).then(|| self.place()),
            stop_count: stops.len() as u32,
            stops: if hide_positions { Vec::new() } else { stops },
            arrival_at: self.arrival_at.map(from_unix),
            resend_of: self.resend_of,
            positions_hidden: hide_positions,
            created_at: from_unix(self.created_at),
            updated_at: from_unix(self.updated_at),
        }
    }

    fn command(&self) -> DestinationCommand {
        DestinationCommand {
            id: self.id,
            destination: self.place(),
            stops: self.stops(),
            arrival_at: self.arrival_at.map(from_unix),
            created_at: from_unix(self.created_at),
        }
    }
}

/// Sends a destination to the user's vehicle (the caller checked
/// `can_use_remote`): 409 `share_to_car_unavailable` when its navigation
/// takes none, 422 per field for a bad request, 429 over the limits
/// (counted only for sends that pass every check).
pub async fn send(
    state: &AppState,
    v: &UserVehicle,
    req: &ShareDestinationRequest,
) -> AppResult<SharedDestination> {
    let model_year = u16::try_from(v.vehicle.model_year).unwrap_or_default();
    if !share_to_car_available(model_year) {
        return Err(ErrorCode::ShareToCarUnavailable.into());
    }
    let now = state.clock.now();
    req.validate(now)?;
    if let Some(origin) = req.resend_of {
        let known: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM shared_destinations WHERE id = ? AND vehicle_id = ? AND user_id = ?",
        )
        .bind(origin)
        .bind(v.vehicle.id)
        .bind(v.user_id)
        .fetch_optional(&state.db)
        .await?;
        if known.is_none() {
            return Err(AppError::field(
                share_fields::RESEND_OF,
                ErrorCode::SharedDestinationUnknown,
            ));
        }
    }
    let limits = &state.limits;
    hit_all(
        &[
            (&limits.share_user, &v.user_id.to_string()),
            (&limits.share_vehicle, &v.vehicle.id.to_string()),
        ],
        now,
    )
    .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;

    let place = req.destination.trimmed();
    let stops: Vec<SharePlace> = req.stops.iter().map(SharePlace::trimmed).collect();
    let stops = serde_json::to_string(&stops).map_err(anyhow::Error::from)?;
    let unix = now.timestamp();
    let row: DestinationRow = sqlx::query_as(&format!(
        "INSERT INTO shared_destinations (vehicle_id, user_id, label, address, lat, lon, arrival_at,
                                          stops, resend_of, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?) RETURNING {COLUMNS}"
    ))
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(&place.label)
    .bind(&place.address)
    .bind(place.lat)
    .bind(place.lon)
    .bind(req.arrival_at.map(|t| t.timestamp()))
    .bind(stops)
    .bind(req.resend_of)
    .bind(unix)
    .bind(unix)
    .fetch_one(&state.db)
    .await?;
    tracing::info!(
        vehicle_id = v.vehicle.id,
        destination_id = row.id,
        "destination shared"
    );
    // What the user just typed is theirs to see, privacy mode or not.
    Ok(row.shared(false))
}

/// The user's sends to the vehicle since they have it, newest first.
pub async fn history(
    db: &SqlitePool,
    v: &UserVehicle,
    page: &PageQuery,
) -> AppResult<SharedDestinationList> {
    let privacy_mode = privacy_mode(db, v.vehicle.id).await?;
    let size = page.size(HISTORY_PAGE.0, HISTORY_PAGE.1);
    let rows: Vec<DestinationRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM shared_destinations
         WHERE vehicle_id = ? AND user_id = ? AND created_at >= ? AND id < ?
         ORDER BY id DESC LIMIT ?"
    ))
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(v.since)
    .bind(page.before())
    .bind(i64::from(size) + 1)
    .fetch_all(db)
    .await?;
    let (rows, next_before_id) = paging::split(rows, size, |r| r.id);
    Ok(SharedDestinationList {
        destinations: rows.iter().map(|r| r.shared(privacy_mode)).collect(),
        next_before_id,
        privacy_mode,
    })
}

#[derive(sqlx::FromRow)]
struct PendingRow {
    #[sqlx(flatten)]
    destination: DestinationRow,
    role: String,
}

/// The vehicle's queued commands, oldest first, whose sender still may use
/// remote services on it.
pub async fn pending(db: &SqlitePool, vehicle_id: i64) -> AppResult<PendingCommands> {
    let cols = COLUMNS
        .split(", ")
        .map(|c| format!("d.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let rows: Vec<PendingRow> = sqlx::query_as(&format!(
        "SELECT {cols}, u.role FROM shared_destinations d
         JOIN vehicle_users u ON u.vehicle_id = d.vehicle_id AND u.user_id = d.user_id
         WHERE d.vehicle_id = ? AND d.status = 'queued' AND d.created_at >= u.since
         ORDER BY d.id"
    ))
    .bind(vehicle_id)
    .fetch_all(db)
    .await?;
    Ok(PendingCommands {
        commands: rows
            .iter()
            .filter(|r| {
                VehicleRole::from_code(&r.role)
                    .is_some_and(|role| role.permissions().can_use_remote)
            })
            .map(|r| r.destination.command())
            .collect(),
        // Filled by the remote domain (F4) where the car fetches.
        remote: Vec::new(),
    })
}

/// The vehicle's acknowledgement of one of its commands: queued ->
/// delivered | failed. The same acknowledgement again is fine; another
/// outcome for a command already acknowledged is 409
/// `command_already_final`; a command of another vehicle is 404.
pub async fn acknowledge(
    db: &SqlitePool,
    vehicle_id: i64,
    id: i64,
    ack: &CommandAck,
    now: DateTime<Utc>,
) -> AppResult<()> {
    ack.validate()?;
    let status = ack.share_status().code();
    let failure = ack.failure.map(ShareFailure::code);
    // One statement, so parallel acknowledgements cannot both win.
    let updated = sqlx::query(
        "UPDATE shared_destinations SET status = ?, failure = ?, updated_at = ?
         WHERE id = ? AND vehicle_id = ? AND status = 'queued'",
    )
    .bind(status)
    .bind(failure)
    .bind(now.timestamp())
    .bind(id)
    .bind(vehicle_id)
    .execute(db)
    .await?
    .rows_affected();
    if updated == 1 {
        return Ok(());
    }
    #[derive(sqlx::FromRow)]
    struct Outcome {
        status: String,
        failure: Option<String>,
    }
    let current: Option<Outcome> = sqlx::query_as(
        "SELECT status, failure FROM shared_destinations WHERE id = ? AND vehicle_id = ?",
    )
    .bind(id)
    .bind(vehicle_id)
    .fetch_optional(db)
    .await?;
    match current {
        None => Err(ErrorCode::NotFound.into()),
        Some(c) if c.status == status && c.failure.as_deref() == failure => Ok(()),
        Some(_) => Err(ErrorCode::CommandAlreadyFinal.into()),
    }
}

/// Vehicles with commands queued at or before `queued_before` (the
/// simulator acknowledges those).
pub async fn vehicles_with_commands_before(
    db: &SqlitePool,
    queued_before: i64,
) -> AppResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT vehicle_id FROM shared_destinations
         WHERE status = 'queued' AND created_at <= ? ORDER BY vehicle_id",
    )
    .bind(queued_before)
    .fetch_all(db)
    .await?)
}

/// Fails the destinations still queued [`UNANSWERED_EXPIRE`] after they
/// were sent and past their arrival time; returns how many.
pub async fn expire_unanswered(db: &SqlitePool, now: i64) -> AppResult<u64> {
    Ok(sqlx::query(
        "UPDATE shared_destinations SET status = 'failed', failure = ?3, updated_at = ?1
         WHERE status = 'queued' AND created_at <= ?2 AND COALESCE(arrival_at, 0) <= ?1",
    )
    .bind(now)
    .bind(now - UNANSWERED_EXPIRE.num_seconds())
    .bind(ShareFailure::Unreachable.code())
    .execute(db)
    .await?
    .rows_affected())
}

/// Deletes the sends older than [`HISTORY_KEEP`]; returns how many.
pub async fn forget_old(db: &SqlitePool, now: i64) -> AppResult<u64> {
    Ok(
        sqlx::query("DELETE FROM shared_destinations WHERE created_at <= ?")
            .bind(now - HISTORY_KEEP.num_seconds())
            .execute(db)
            .await?
            .rows_affected(),
    )
}
