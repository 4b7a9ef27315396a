//! Adding and removing vehicles (C1-C2): the proof of access decides
//! ([`super::proof`]); the activation code takes a vehicle over from its
//! main user, the odometer only adds a vehicle nobody has.

use mijn_lexus_contract::vehicle::{AccessProof, NewVehicle, Nickname, VehicleRole};
use mijn_lexus_contract::ErrorCode;
use sqlx::{Sqlite, Transaction};

use super::proof::{self, MainLink};
use super::UserVehicle;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::telematics::VehicleRow;

/// A vehicle added to the user's garage.
pub struct Added {
    pub vehicle: UserVehicle,
    /// The main user it was taken from (to be told).
    pub previous_main: Option<i64>,
}

/// Why a vehicle was not added.
pub struct Refused {
    pub error: AppError,
    /// Set when this wrong proof locked the VIN: the main user to be told.
    pub locked_vin_of: Option<MainUser>,
}

/// The main user of a vehicle and their plate.
pub struct MainUser {
    pub user_id: i64,
    pub model: String,
    pub licence_plate: String,
}

impl From<AppError> for Refused {
    fn from(error: AppError) -> Refused {
        Refused {
            error,
            locked_vin_of: None,
        }
    }
}

impl From<ErrorCode> for Refused {
    fn from(code: ErrorCode) -> Refused {
        AppError::from(code).into()
    }
}

impl From<sqlx::Error> for Refused {
    fn from(e: sqlx::Error) -> Refused {
        AppError::from(e).into()
    }
}

/// Adds a vehicle with proof of access. Wrong proofs count toward the
/// user's lock and, for the odometer, the VIN's lock.
pub async fn add(state: &AppState, user_id: i64, new: &NewVehicle) -> Result<Added, Refused> {
    let now = state.clock.unix();
    let vin = new.vin.as_str();
    let subject = format!("vin:{vin}");
    let mut tx = crate::db::begin_write(&state.db).await?;
    super::check_lock(&mut tx, user_id, &subject, now).await?;
    if matches!(new.proof, AccessProof::Odometer(_)) {
        proof::check_vin_lock(&mut tx, vin, now).await?;
    }
    let vehicle = crate::telematics::find_vehicle(&mut tx, vin).await?;
    let main = match &vehicle {
        Some(v) => proof::main_user(&mut tx, v.id).await?,
        None => None,
    };
    if main.as_ref().is_some_and(|m| m.user_id == user_id) {
        return Err(ErrorCode::AlreadyInGarage.into());
    }
    let verdict = proof::judge(&mut tx, vehicle.as_ref(), user_id, &new.proof).await?;
    let Some(error) = verdict.error() else {
        let vehicle = vehicle.ok_or(ErrorCode::Internal)?;
        return Ok(grant(state, user_id, new, vehicle, main, tx).await?);
    };
    let mut locked_vin_of = None;
    if let proof::Verdict::Wrong(..) = verdict {
        super::record_failure(&mut tx, user_id, &subject, now).await?;
        let locked = proof::record_vin_failure(&mut tx, vin, now).await?;
        tx.commit().await?;
        if let (true, Some(v), Some(main)) = (locked, &vehicle, main) {
            locked_vin_of = Some(MainUser {
                user_id: main.user_id,
                model: v.model.clone(),
                licence_plate: main.licence_plate,
            });
        }
    }
    Err(Refused {
        error,
        locked_vin_of,
    })
}

/// The proof was good: `user_id` becomes the main user, every earlier link
/// and pending invitation ends.
async fn grant(
    state: &AppState,
    user_id: i64,
    new: &NewVehicle,
    vehicle: VehicleRow,
    main: Option<MainLink>,
    mut tx: Transaction<'_, Sqlite>,
) -> AppResult<Added> {
    let now = state.clock.unix();
    let vin = new.vin.as_str();
    super::clear_failures(&mut tx, user_id, &format!("vin:{vin}")).await?;
    proof::clear_vin_failures(&mut tx, vin).await?;
    super::end_all_access(&mut tx, vehicle.id, now).await?;
    // ---- services, invoices (F1, F3) ----
    // A new owner: the services of the vehicle end (not transferable).
    crate::services::end_for_vehicle(&mut tx, vehicle.id, now).await?;
    sqlx::query(
        "INSERT INTO vehicle_users (vehicle_id, user_id, role, licence_plate, nickname, since)
         VALUES (?, ?, 'main', ?, ?, ?)",
    )
    .bind(vehicle.id)
    .bind(user_id)
    .bind(new.licence_plate.as_str())
    .bind(new.nickname.as_ref().map(Nickname::as_str).unwrap_or(""))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(user_id, took_over = main.is_some(), "vehicle added");
    let mut conn = state.db.acquire().await?;
    let added = super::user_vehicle(&mut conn, user_id, vin)
        .await?
        .ok_or(ErrorCode::Internal)?;
    Ok(Added {
        vehicle: added,
        previous_main: main.map(|m| m.user_id),
    })
}

/// Changes the user's nickname and/or plate of the vehicle (validated by
/// the caller; `None` keeps a value) and returns the vehicle as it is now.
pub async fn rename(
    state: &AppState,
    v: &UserVehicle,
    nickname: Option<String>,
    plate: Option<String>,
) -> AppResult<UserVehicle> {
    sqlx::query(
        "UPDATE vehicle_users SET nickname = COALESCE(?, nickname), licence_plate = COALESCE(?, licence_plate)
         WHERE vehicle_id = ? AND user_id = ?",
    )
    .bind(nickname)
    .bind(plate)
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .execute(&state.db)
    .await?;
    let mut conn = state.db.acquire().await?;
    Ok(super::user_vehicle(&mut conn, v.user_id, &v.vehicle.vin)
        .await?
        .ok_or(ErrorCode::NotFound)?)
}

/// The main user removes the vehicle for everyone (secondary users and
/// pending invitations included); a secondary user ends only their own
/// access.
pub async fn remove(state: &AppState, v: &UserVehicle) -> AppResult<()> {
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    if v.role == VehicleRole::Main {
        super::end_all_access(&mut tx, v.vehicle.id, now).await?;
        // ---- services, invoices (F1, F3) ----
        crate::services::end_for_vehicle(&mut tx, v.vehicle.id, now).await?;
    } else {
        sqlx::query("DELETE FROM vehicle_users WHERE vehicle_id = ? AND user_id = ?")
            .bind(v.vehicle.id)
            .bind(v.user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    tracing::info!(user_id = v.user_id, vin = %v.vehicle.vin, role = v.role.code(), "vehicle removed");
    Ok(())
}
