//! What a vehicle reports (C4, D1-D2): its status with warning lights and
//! the last parked position. Callers check the user's permissions first.

use chrono::NaiveDate;
use mijn_lexus_contract::vehicle::{
    warning_light, Measured, Place, ServiceDue, VehicleLocation, VehicleStatus, WarningLight,
};
use mijn_lexus_contract::Language;
use sqlx::SqlitePool;

use super::UserVehicle;
use crate::clock::from_unix;
use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct StateRow {
    odometer_km: Option<f64>,
    odometer_at: Option<i64>,
    fuel_percent: Option<f64>,
    fuel_at: Option<i64>,
    range_km: Option<f64>,
    range_at: Option<i64>,
    battery_percent: Option<f64>,
    battery_at: Option<i64>,
    electric_range_km: Option<f64>,
    electric_range_at: Option<i64>,
    privacy_mode: Option<i64>,
    privacy_at: Option<i64>,
    service_due_km: Option<i64>,
    service_due_date: Option<String>,
    service_at: Option<i64>,
    warnings_at: Option<i64>,
}

fn measured<T>(v: Option<T>, at: Option<i64>) -> Option<Measured<T>> {
    Some(Measured {
        value: v?,
        measured_at: from_unix(at?),
    })
}

#[derive(sqlx::FromRow)]
struct WarningRow {
    code: String,
    since: i64,
    last_seen_at: i64,
}

/// The status snapshot; warning lights in `lang`, most severe first.
pub async fn status(db: &SqlitePool, v: &UserVehicle, lang: Language) -> AppResult<VehicleStatus> {
    let row: Option<StateRow> = sqlx::query_as("SELECT * FROM vehicle_state WHERE vehicle_id = ?")
        .bind(v.vehicle.id)
        .fetch_optional(db)
        .await?;
    let powertrain = v.powertrain();
    let warnings: Vec<WarningRow> = sqlx::query_as(
        "SELECT code, since, last_seen_at FROM vehicle_warnings WHERE vehicle_id = ? AND cleared_at IS NULL ORDER BY since",
    )
    .bind(v.vehicle.id)
    .fetch_all(db)
    .await?;
    let mut warning_lights: Vec<WarningLight> = warnings
        .iter()
        .filter_map(|r| {
            warning_light(&r.code).map(|w| {
                WarningLight::from_catalog(w, lang, from_unix(r.since), from_unix(r.last_seen_at))
            })
        })
        .collect();
    warning_lights.sort_by_key(|w| std::cmp::Reverse(w.severity));
    let Some(r) = row else {
        return Ok(VehicleStatus {
            vin: v.vehicle.vin.clone(),
            powertrain,
            odometer_km: None,
            fuel_percent: None,
            range_km: None,
            battery_percent: None,
            electric_range_km: None,
            warning_lights,
            warning_lights_measured_at: None,
            service_due: None,
            privacy_mode: None,
            last_contact_at: None,
        });
    };
    let service_due = r.service_at.and_then(|at| {
        if r.service_due_km.is_none() && r.service_due_date.is_none() {
            return None;
        }
        Some(ServiceDue {
            due_at_km: r.service_due_km.and_then(|k| u32::try_from(k).ok()),
            km_left: match (r.service_due_km, r.odometer_km) {
                (Some(due), Some(odo)) => Some(due - odo.round() as i64),
                _ => None,
            },
            due_date: r
                .service_due_date
                .as_deref()
                .and_then(|d| d.parse::<NaiveDate>().ok()),
            measured_at: from_unix(at),
        })
    });
    let last_contact_at = [
        r.odometer_at,
        r.fuel_at,
        r.range_at,
        r.battery_at,
        r.electric_range_at,
        r.privacy_at,
        r.service_at,
        r.warnings_at,
    ]
    .into_iter()
    .flatten()
    .max()
    .map(from_unix);
    Ok(VehicleStatus {
        vin: v.vehicle.vin.clone(),
        powertrain,
        odometer_km: measured(r.odometer_km, r.odometer_at),
        fuel_percent: measured(r.fuel_percent, r.fuel_at).filter(|_| powertrain.has_fuel()),
        range_km: measured(r.range_km, r.range_at),
        battery_percent: measured(r.battery_percent, r.battery_at)
            .filter(|_| powertrain.has_battery()),
        electric_range_km: measured(r.electric_range_km, r.electric_range_at)
            .filter(|_| powertrain.has_battery()),
        warning_lights,
        warning_lights_measured_at: r.warnings_at.map(from_unix),
        service_due,
        privacy_mode: measured(r.privacy_mode.map(|p| p != 0), r.privacy_at),
        last_contact_at,
    })
}

#[derive(sqlx::FromRow)]
struct PositionRow {
    recorded_at: i64,
    lat: f64,
    lon: f64,
    label: Option<String>,
    destination_lat: Option<f64>,
    destination_lon: Option<f64>,
    destination_label: Option<String>,
}

/// Whether the vehicle last reported privacy mode on: then no position of it
/// is shown or used anywhere (location, trips, share history, charge points
/// near the car).
pub async fn privacy_mode(db: &SqlitePool, vehicle_id: i64) -> AppResult<bool> {
    let privacy: Option<Option<i64>> =
        sqlx::query_scalar("SELECT privacy_mode FROM vehicle_state WHERE vehicle_id = ?")
            .bind(vehicle_id)
            .fetch_optional(db)
            .await?;
    Ok(privacy.flatten().is_some_and(|p| p != 0))
}

/// The last parked position since this user has the vehicle; nothing in
/// privacy mode.
pub async fn location(db: &SqlitePool, v: &UserVehicle) -> AppResult<VehicleLocation> {
    let privacy_mode = privacy_mode(db, v.vehicle.id).await?;
    if privacy_mode {
        return Ok(VehicleLocation {
            privacy_mode,
            parked: None,
            parked_at: None,
            destination: None,
        });
    }
    let row: Option<PositionRow> = sqlx::query_as(
        "SELECT recorded_at, lat, lon, label, destination_lat, destination_lon, destination_label
             FROM vehicle_positions WHERE vehicle_id = ? AND recorded_at >= ?
             ORDER BY recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(v.vehicle.id)
    .bind(v.since)
    .fetch_optional(db)
    .await?;
    Ok(match row {
        None => VehicleLocation {
            privacy_mode,
            parked: None,
            parked_at: None,
            destination: None,
        },
        Some(p) => VehicleLocation {
            privacy_mode,
            parked: Some(Place {
                lat: p.lat,
                lon: p.lon,
                label: p.label,
            }),
            parked_at: Some(from_unix(p.recorded_at)),
            destination: match (p.destination_lat, p.destination_lon) {
                (Some(lat), Some(lon)) => Some(Place {
                    lat,
                    lon,
                    label: p.destination_label,
                }),
                _ => None,
            },
        },
    })
}
