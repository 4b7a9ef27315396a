//! Remote functions (F4): climate now and charge now, sent to a car whose
//! Remote service runs.
//!
//! Who may send: the user needs `can_use_remote` (seed 002 §5: remote
//! services are the main user's; a secondary user has none). The vehicle
//! needs the Remote service running ([`crate::services::is_running`]); a
//! trial, a paid plan, a plan past due and a cancelled plan until its end
//! all count. Charging needs a plug: a full hybrid is refused.
//!
//! A command is stored `queued`; the car fetches it with its other pending
//! commands (GET /ingest/vehicles/{vin}/commands, ingest key) and reports
//! `delivered`, then `done` or `failed` with a reason. Only commands whose
//! sender still may use remote services on the vehicle and whose service
//! still runs are handed out, so a former owner's command never reaches the
//! next owner's car. The owner sees their own commands since they have the
//! vehicle, newest first.
//!
//! A "now" command the car has not fetched within [`NOW_COMMAND_TTL_SECS`]
//! fails as `unreachable` (warming the cabin an hour late is not what was
//! asked, and the owner should not watch "queued" forever); schedules wait
//! for the car however long it takes, as they still apply when it comes.
//! The check is made whenever commands are read, so no job is needed.
//!
//! Weekly schedules ([`schedules`]) are a list per vehicle and kind; saving
//! one stores it and sends the whole list to the car as a command.

pub mod schedules;

use chrono::{DateTime, Utc};
use mijn_lexus_contract::remote::{
    ClimateRequest, PendingRemoteCommand, RemoteAck, RemoteAction, RemoteCommand,
    RemoteCommandList, RemoteFailure, RemoteStatus,
};
use mijn_lexus_contract::services::ServiceKind;
use mijn_lexus_contract::vehicle::{Powertrain, VehicleRole};
use mijn_lexus_contract::ErrorCode;
use sqlx::SqlitePool;

use crate::clock::from_unix;
use crate::error::{AppError, AppResult};
use crate::garage::UserVehicle;
use crate::services;
use crate::state::AppState;

/// How many commands the owner's list shows.
pub const LIST_SIZE: i64 = 20;

/// How long a climate-now or charge-now command waits for the car.
pub const NOW_COMMAND_TTL_SECS: i64 = 10 * 60;

/// Fails the vehicle's "now" commands that waited longer than
/// [`NOW_COMMAND_TTL_SECS`] for the car.
async fn expire_stale(db: &SqlitePool, vehicle_id: i64, now: i64) -> AppResult<()> {
    let expired = sqlx::query(
        "UPDATE remote_commands SET status = 'failed', failure = 'unreachable', finished_at = ?1
         WHERE vehicle_id = ?2 AND status = 'queued' AND kind IN ('climate', 'charge_now')
           AND created_at <= ?3",
    )
    .bind(now)
    .bind(vehicle_id)
    .bind(now - NOW_COMMAND_TTL_SECS)
    .execute(db)
    .await?
    .rows_affected();
    if expired > 0 {
        tracing::info!(vehicle_id, expired, "remote commands expired unfetched");
    }
    Ok(())
}

const COLUMNS: &str = "id, action, status, failure, created_at, delivered_at, finished_at";

#[derive(sqlx::FromRow)]
struct CommandRow {
    id: i64,
    action: String,
    status: String,
    failure: Option<String>,
    created_at: i64,
    delivered_at: Option<i64>,
    finished_at: Option<i64>,
}

impl CommandRow {
    fn action(&self) -> AppResult<RemoteAction> {
        Ok(serde_json::from_str(&self.action).map_err(anyhow::Error::from)?)
    }

    fn command(&self) -> AppResult<RemoteCommand> {
        Ok(RemoteCommand {
            id: self.id,
            action: self.action()?,
            status: RemoteStatus::from_code(&self.status).unwrap_or(RemoteStatus::Queued),
            failure: self.failure.as_deref().and_then(RemoteFailure::from_code),
            created_at: from_unix(self.created_at),
            delivered_at: self.delivered_at.map(from_unix),
            finished_at: self.finished_at.map(from_unix),
        })
    }
}

/// The checks every command passes: the right, then the service.
pub(crate) async fn allowed(state: &AppState, v: &UserVehicle) -> AppResult<()> {
    v.require(|p| p.can_use_remote)?;
    let now = state.clock.unix();
    if !services::is_running(&state.db, v.vehicle.id, ServiceKind::Remote, now).await? {
        return Err(ErrorCode::RemoteServiceRequired.into());
    }
    Ok(())
}

/// Climate now: 422 per field for a bad request.
pub async fn climate(
    state: &AppState,
    v: &UserVehicle,
    req: &ClimateRequest,
) -> AppResult<RemoteCommand> {
    allowed(state, v).await?;
    req.validate()?;
    queue(state, v, &RemoteAction::Climate(req.clone())).await
}

/// Charge now: plug-in hybrids and electric cars only.
pub async fn charge_now(state: &AppState, v: &UserVehicle) -> AppResult<RemoteCommand> {
    allowed(state, v).await?;
    plug_in(v)?;
    queue(state, v, &RemoteAction::ChargeNow).await
}

/// Charging needs a plug: a full hybrid has none.
pub(crate) fn plug_in(v: &UserVehicle) -> AppResult<()> {
    if v.powertrain() == Powertrain::Hybrid {
        return Err(ErrorCode::RemoteChargingUnavailable.into());
    }
    Ok(())
}

/// Stores a checked command (429 over the vehicle's per-minute limit).
pub(crate) async fn queue(
    state: &AppState,
    v: &UserVehicle,
    action: &RemoteAction,
) -> AppResult<RemoteCommand> {
    let now = state.clock.now();
    state
        .limits
        .remote_vehicle
        .hit(&v.vehicle.id.to_string(), now)
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    let kind = action.kind();
    let json = serde_json::to_string(action).map_err(anyhow::Error::from)?;
    let row: CommandRow = sqlx::query_as(&format!(
        "INSERT INTO remote_commands (vehicle_id, user_id, kind, action, status, created_at)
         VALUES (?, ?, ?, ?, 'queued', ?) RETURNING {COLUMNS}"
    ))
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(kind)
    .bind(json)
    .bind(now.timestamp())
    .fetch_one(&state.db)
    .await?;
    tracing::info!(
        vehicle_id = v.vehicle.id,
        command_id = row.id,
        kind,
        "remote command queued"
    );
    row.command()
}

/// The user's recent commands to the vehicle since they have it, newest first.
pub async fn list(db: &SqlitePool, v: &UserVehicle, now: i64) -> AppResult<RemoteCommandList> {
    v.require(|p| p.can_use_remote)?;
    expire_stale(db, v.vehicle.id, now).await?;
    let rows: Vec<CommandRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM remote_commands
         WHERE vehicle_id = ? AND user_id = ? AND created_at >= ?
         ORDER BY id DESC LIMIT ?"
    ))
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(v.since)
    .bind(LIST_SIZE)
    .fetch_all(db)
    .await?;
    Ok(RemoteCommandList {
        commands: rows
            .iter()
            .map(CommandRow::command)
            .collect::<AppResult<_>>()?,
    })
}

/// One of the user's commands to the vehicle; another's is 404.
pub async fn get(db: &SqlitePool, v: &UserVehicle, id: i64, now: i64) -> AppResult<RemoteCommand> {
    v.require(|p| p.can_use_remote)?;
    expire_stale(db, v.vehicle.id, now).await?;
    let row: Option<CommandRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM remote_commands
         WHERE id = ? AND vehicle_id = ? AND user_id = ? AND created_at >= ?"
    ))
    .bind(id)
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(v.since)
    .fetch_optional(db)
    .await?;
    row.ok_or(ErrorCode::NotFound)?.command()
}

#[derive(sqlx::FromRow)]
struct PendingRow {
    #[sqlx(flatten)]
    command: CommandRow,
    role: String,
}

/// The vehicle's queued commands, oldest first, whose sender still may use
/// remote services on it while its Remote service runs.
pub async fn pending(
    db: &SqlitePool,
    vehicle_id: i64,
    now: i64,
) -> AppResult<Vec<PendingRemoteCommand>> {
    if !services::is_running(db, vehicle_id, ServiceKind::Remote, now).await? {
        return Ok(Vec::new());
    }
    expire_stale(db, vehicle_id, now).await?;
    let rows: Vec<PendingRow> = sqlx::query_as(
        "SELECT c.id, c.action, c.status, c.failure, c.created_at, c.delivered_at,
                c.finished_at, u.role
         FROM remote_commands c
         JOIN vehicle_users u ON u.vehicle_id = c.vehicle_id AND u.user_id = c.user_id
         WHERE c.vehicle_id = ? AND c.status = 'queued' AND c.created_at >= u.since
         ORDER BY c.id",
    )
    .bind(vehicle_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .filter(|r| {
            VehicleRole::from_code(&r.role).is_some_and(|role| role.permissions().can_use_remote)
        })
        .map(|r| {
            Ok(PendingRemoteCommand {
                id: r.command.id,
                action: r.command.action()?,
                created_at: from_unix(r.command.created_at),
            })
        })
        .collect()
}

/// The car's report on one of its commands: queued -> delivered -> done |
/// failed (a step may be skipped). The same report again is fine; going
/// back or changing a final outcome is 409 `command_already_final`; a
/// command of another vehicle is 404.
pub async fn acknowledge(
    db: &SqlitePool,
    vehicle_id: i64,
    id: i64,
    ack: &RemoteAck,
    now: DateTime<Utc>,
) -> AppResult<()> {
    ack.validate()?;
    let status = ack.status.code();
    let failure = ack.failure.map(RemoteFailure::code);
    let from: &[&str] = if ack.status == RemoteStatus::Delivered {
        &["queued"]
    } else {
        &["queued", "delivered"]
    };
    // One statement, so parallel reports cannot both win.
    let updated = sqlx::query(
        "UPDATE remote_commands SET status = ?1, failure = ?2,
                delivered_at = CASE WHEN ?1 = 'delivered' THEN ?3 ELSE delivered_at END,
                finished_at = CASE WHEN ?1 IN ('done', 'failed') THEN ?3 ELSE finished_at END
         WHERE id = ?4 AND vehicle_id = ?5 AND status IN (?6, ?7)",
    )
    .bind(status)
    .bind(failure)
    .bind(now.timestamp())
    .bind(id)
    .bind(vehicle_id)
    .bind(from[0])
    .bind(from[from.len() - 1])
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
        "SELECT status, failure FROM remote_commands WHERE id = ? AND vehicle_id = ?",
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

/// Vehicles with commands still open (queued or delivered) created at or
/// before `before` (the simulator answers those).
pub async fn vehicles_with_open_commands(db: &SqlitePool, before: i64) -> AppResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT vehicle_id FROM remote_commands
         WHERE status IN ('queued', 'delivered') AND created_at <= ? ORDER BY vehicle_id",
    )
    .bind(before)
    .fetch_all(db)
    .await?)
}

/// The vehicle's delivered commands not finished yet, oldest first.
pub async fn delivered(db: &SqlitePool, vehicle_id: i64) -> AppResult<Vec<(i64, Option<i64>)>> {
    Ok(sqlx::query_as(
        "SELECT id, delivered_at FROM remote_commands
         WHERE vehicle_id = ? AND status = 'delivered' ORDER BY id",
    )
    .bind(vehicle_id)
    .fetch_all(db)
    .await?)
}

/// What the car's last status says of its energy: the traction battery's
/// charge, else the fuel level, in percent.
pub async fn energy_percent(db: &SqlitePool, vehicle_id: i64) -> AppResult<Option<f64>> {
    let level: Option<Option<f64>> = sqlx::query_scalar(
        "SELECT COALESCE(battery_percent, fuel_percent) FROM vehicle_state WHERE vehicle_id = ?",
    )
    .bind(vehicle_id)
    .fetch_optional(db)
    .await?;
    Ok(level.flatten())
}
