//! Weekly climate and charging schedules (F4): one list per vehicle and
//! kind. Saving replaces the list and sends it to the car as a command, so
//! the car runs the schedules even without a connection. A user sees the
//! list only when they saved it since they have the vehicle: a former
//! owner's schedules never show to the next owner.

use mijn_lexus_contract::remote::{
    ChargingSchedules, ClimateSchedules, RemoteAction, RemoteCommand,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::SqlitePool;

use super::{allowed, plug_in, queue};
use crate::error::AppResult;
use crate::garage::UserVehicle;
use crate::state::AppState;

/// The stored list of `kind` the user saved since they have the vehicle.
async fn load<T: DeserializeOwned>(
    db: &SqlitePool,
    v: &UserVehicle,
    kind: &str,
) -> AppResult<Option<T>> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT schedules FROM remote_schedules
         WHERE vehicle_id = ? AND kind = ? AND user_id = ? AND updated_at >= ?",
    )
    .bind(v.vehicle.id)
    .bind(kind)
    .bind(v.user_id)
    .bind(v.since)
    .fetch_optional(db)
    .await?;
    json.map(|j| Ok(serde_json::from_str(&j).map_err(anyhow::Error::from)?))
        .transpose()
}

async fn store<T: Serialize>(
    state: &AppState,
    v: &UserVehicle,
    kind: &str,
    list: &T,
) -> AppResult<()> {
    let json = serde_json::to_string(list).map_err(anyhow::Error::from)?;
    sqlx::query(
        "INSERT INTO remote_schedules (vehicle_id, kind, user_id, schedules, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (vehicle_id, kind) DO UPDATE SET user_id = excluded.user_id,
             schedules = excluded.schedules, updated_at = excluded.updated_at",
    )
    .bind(v.vehicle.id)
    .bind(kind)
    .bind(v.user_id)
    .bind(json)
    .bind(state.clock.unix())
    .execute(&state.db)
    .await?;
    Ok(())
}

pub async fn climate(db: &SqlitePool, v: &UserVehicle) -> AppResult<ClimateSchedules> {
    v.require(|p| p.can_use_remote)?;
    Ok(load(db, v, "climate").await?.unwrap_or(ClimateSchedules {
        schedules: Vec::new(),
    }))
}

/// Replaces the climate schedules and sends them to the car.
pub async fn set_climate(
    state: &AppState,
    v: &UserVehicle,
    req: &ClimateSchedules,
) -> AppResult<RemoteCommand> {
    allowed(state, v).await?;
    req.validate()?;
    let command = queue(state, v, &RemoteAction::ClimateSchedules(req.clone())).await?;
    store(state, v, "climate", req).await?;
    Ok(command)
}

pub async fn charging(db: &SqlitePool, v: &UserVehicle) -> AppResult<ChargingSchedules> {
    v.require(|p| p.can_use_remote)?;
    plug_in(v)?;
    Ok(load(db, v, "charging").await?.unwrap_or(ChargingSchedules {
        schedules: Vec::new(),
    }))
}

/// Replaces the charging schedules (plug-ins only) and sends them to the car.
pub async fn set_charging(
    state: &AppState,
    v: &UserVehicle,
    req: &ChargingSchedules,
) -> AppResult<RemoteCommand> {
    allowed(state, v).await?;
    plug_in(v)?;
    req.validate()?;
    let command = queue(state, v, &RemoteAction::ChargingSchedules(req.clone())).await?;
    store(state, v, "charging", req).await?;
    Ok(command)
}
