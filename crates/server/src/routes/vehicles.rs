//! /api/vehicles: the garage (C1-C2), status (C4), service requests,
//! location (D1-D2) and trips (E1, E3).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use mijn_lexus_contract::routes::{
    vehicle, vehicle_location, vehicle_service_requests, vehicle_status, vehicle_trips, VEHICLES,
};
use mijn_lexus_contract::telematics::{DrivingEvent, DrivingEventKind, RoutePoint};
use mijn_lexus_contract::vehicle::{
    warning_light, AccessProof, LicencePlate, Measured, Nickname, Place, ServiceDue,
    ServiceRequest, ServiceRequestCreate, ServiceRequestList, TripDetail, TripList, TripSummary,
    UpdateVehicleRequest, VehicleList, VehicleLocation, VehicleRole, VehicleStatus, WarningLight,
};
use mijn_lexus_contract::vehicle::{AddVehicleRequest, NewVehicle};
use mijn_lexus_contract::{ErrorCode, FieldError};
use serde::Deserialize;

use super::ApiJson;
use crate::accounts::find_user;
use crate::clock::from_unix;
use crate::error::AppResult;
use crate::garage::{self, proof, UserVehicle};
use crate::mail;
use crate::paging::{self, PageQuery};
use crate::security::session::{ClientInfo, SignedIn};
use crate::state::AppState;
use crate::telematics::VehicleRow;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(VEHICLES, get(list).post(add))
        .route(&vehicle("{vin}"), get(get_one).patch(update).delete(remove))
        .route(&vehicle_status("{vin}"), get(status))
        .route(&vehicle_location("{vin}"), get(location))
        .route(&vehicle_trips("{vin}"), get(trips))
        .route(&format!("{}/{{id}}", vehicle_trips("{vin}")), get(trip))
        .route(
            &vehicle_service_requests("{vin}"),
            get(service_requests).post(request_service),
        )
}

/// GET /vehicles
pub async fn list(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
) -> AppResult<Json<VehicleList>> {
    let mut conn = state.db.acquire().await?;
    let vehicles = garage::user_vehicles(&mut conn, s.user_id)
        .await?
        .iter()
        .map(UserVehicle::summary)
        .collect();
    Ok(Json(VehicleList { vehicles }))
}

/// POST /vehicles: add with proof of access ([`garage::proof`]): the
/// activation code takes a vehicle over from its main user, the odometer
/// only adds a vehicle nobody has.
pub async fn add(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    ApiJson(req): ApiJson<AddVehicleRequest>,
) -> AppResult<Response> {
    let new = req.parse()?;
    let now = state.clock.unix();
    let vin = new.vin.as_str();
    let subject = format!("vin:{vin}");
    let mut tx = crate::db::begin_write(&state.db).await?;
    garage::check_lock(&mut tx, s.user_id, &subject, now).await?;
    if matches!(new.proof, AccessProof::Odometer(_)) {
        proof::check_vin_lock(&mut tx, vin, now).await?;
    }
    let vehicle = crate::telematics::find_vehicle(&mut tx, vin).await?;
    let main = match &vehicle {
        Some(v) => proof::main_user(&mut tx, v.id).await?,
        None => None,
    };
    if main.as_ref().is_some_and(|(u, _)| *u == s.user_id) {
        return Err(ErrorCode::AlreadyInGarage.into());
    }
    let verdict = proof::judge(&mut tx, vehicle.as_ref(), s.user_id, &new.proof).await?;
    let Some(refusal) = verdict.error() else {
        let vehicle = vehicle.ok_or(ErrorCode::Internal)?;
        return grant(&state, s.user_id, &new, vehicle, main, tx).await;
    };
    if let proof::Verdict::Wrong(..) = verdict {
        garage::record_failure(&mut tx, s.user_id, &subject, now).await?;
        let locked = proof::record_vin_failure(&mut tx, vin, now).await?;
        tx.commit().await?;
        if let (true, Some(v), Some((owner, plate))) = (locked, &vehicle, &main) {
            if let Some(user) = find_user(&state.db, *owner).await? {
                state
                    .mailer
                    .send(mail::vehicle_proof_attempts(
                        &user.recipient(),
                        &v.model,
                        plate,
                        &state.public_url,
                    ))
                    .await;
            }
        }
    }
    Err(refusal)
}

/// The proof was good: `user_id` becomes the main user, every earlier link
/// and pending invitation ends, a previous main user is mailed.
async fn grant(
    state: &AppState,
    user_id: i64,
    new: &NewVehicle,
    vehicle: VehicleRow,
    main: Option<(i64, String)>,
    mut tx: sqlx::Transaction<'_, sqlx::Sqlite>,
) -> AppResult<Response> {
    let now = state.clock.unix();
    let vin = new.vin.as_str();
    garage::clear_failures(&mut tx, user_id, &format!("vin:{vin}")).await?;
    proof::clear_vin_failures(&mut tx, vin).await?;
    garage::end_all_access(&mut tx, vehicle.id, now).await?;
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
    if let Some((prev, _)) = main {
        if let Some(user) = find_user(&state.db, prev).await? {
            state
                .mailer
                .send(mail::vehicle_taken_over(
                    &user.recipient(),
                    &vehicle.model,
                    new.licence_plate.as_str(),
                    &state.public_url,
                ))
                .await;
        }
    }
    let mut conn = state.db.acquire().await?;
    let added = garage::user_vehicle(&mut conn, user_id, vin)
        .await?
        .ok_or(ErrorCode::Internal)?;
    Ok((StatusCode::CREATED, Json(added.summary())).into_response())
}

/// GET /vehicles/{vin}
pub async fn get_one(v: UserVehicle) -> Json<mijn_lexus_contract::vehicle::VehicleSummary> {
    Json(v.summary())
}

/// PATCH /vehicles/{vin}: nickname and/or plate (main user).
pub async fn update(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<UpdateVehicleRequest>,
) -> AppResult<Json<mijn_lexus_contract::vehicle::VehicleSummary>> {
    v.require(|p| p.can_rename)?;
    let mut errors = Vec::new();
    let nickname = match req.nickname.as_deref().map(Nickname::parse) {
        None => None,
        Some(Ok(n)) => Some(n.map(|n| n.as_str().to_owned()).unwrap_or_default()),
        Some(Err(code)) => {
            errors.push(FieldError::new("nickname", code));
            None
        }
    };
    let plate = match req.licence_plate.as_deref().map(LicencePlate::parse) {
        None => None,
        Some(Ok(p)) => Some(p.as_str().to_owned()),
        Some(Err(code)) => {
            errors.push(FieldError::new("licence_plate", code));
            None
        }
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
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
    let v = garage::user_vehicle(&mut conn, v.user_id, &v.vehicle.vin)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(Json(v.summary()))
}

/// DELETE /vehicles/{vin}: the main user removes it for everyone (secondary
/// users and pending invitations included); a secondary user ends only their
/// own access.
pub async fn remove(State(state): State<AppState>, v: UserVehicle) -> AppResult<StatusCode> {
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    if v.role == VehicleRole::Main {
        garage::end_all_access(&mut tx, v.vehicle.id, now).await?;
    } else {
        sqlx::query("DELETE FROM vehicle_users WHERE vehicle_id = ? AND user_id = ?")
            .bind(v.vehicle.id)
            .bind(v.user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    tracing::info!(user_id = v.user_id, vin = %v.vehicle.vin, role = v.role.code(), "vehicle removed");
    Ok(StatusCode::NO_CONTENT)
}

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

/// GET /vehicles/{vin}/status
pub async fn status(
    State(state): State<AppState>,
    v: UserVehicle,
    client: ClientInfo,
) -> AppResult<Json<VehicleStatus>> {
    v.require(|p| p.can_see_status)?;
    let row: Option<StateRow> = sqlx::query_as("SELECT * FROM vehicle_state WHERE vehicle_id = ?")
        .bind(v.vehicle.id)
        .fetch_optional(&state.db)
        .await?;
    let powertrain = v.powertrain();
    let warnings: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT code, since, last_seen_at FROM vehicle_warnings WHERE vehicle_id = ? AND cleared_at IS NULL ORDER BY since",
    )
    .bind(v.vehicle.id)
    .fetch_all(&state.db)
    .await?;
    let mut warning_lights: Vec<WarningLight> = warnings
        .iter()
        .filter_map(|(code, since, seen)| {
            warning_light(code).map(|w| {
                WarningLight::from_catalog(w, client.lang, from_unix(*since), from_unix(*seen))
            })
        })
        .collect();
    warning_lights.sort_by_key(|w| std::cmp::Reverse(w.severity));
    let Some(r) = row else {
        return Ok(Json(VehicleStatus {
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
        }));
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
    Ok(Json(VehicleStatus {
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
    }))
}

/// GET /vehicles/{vin}/location: last parked position since this user has
/// the vehicle; nothing in privacy mode.
pub async fn location(
    State(state): State<AppState>,
    v: UserVehicle,
) -> AppResult<Json<VehicleLocation>> {
    v.require(|p| p.can_see_location)?;
    let privacy: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT privacy_mode FROM vehicle_state WHERE vehicle_id = ?")
            .bind(v.vehicle.id)
            .fetch_optional(&state.db)
            .await?;
    let privacy_mode = privacy.and_then(|(p,)| p).is_some_and(|p| p != 0);
    if privacy_mode {
        return Ok(Json(VehicleLocation {
            privacy_mode,
            parked: None,
            parked_at: None,
            destination: None,
        }));
    }
    #[allow(clippy::type_complexity)]
    let row: Option<(
        i64,
        f64,
        f64,
        Option<String>,
        Option<f64>,
        Option<f64>,
        Option<String>,
    )> = sqlx::query_as(
        "SELECT recorded_at, lat, lon, label, destination_lat, destination_lon, destination_label
             FROM vehicle_positions WHERE vehicle_id = ? AND recorded_at >= ?
             ORDER BY recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(v.vehicle.id)
    .bind(v.since)
    .fetch_optional(&state.db)
    .await?;
    Ok(Json(match row {
        None => VehicleLocation {
            privacy_mode,
            parked: None,
            parked_at: None,
            destination: None,
        },
        Some((at, lat, lon, label, dlat, dlon, dlabel)) => VehicleLocation {
            privacy_mode,
            parked: Some(Place { lat, lon, label }),
            parked_at: Some(from_unix(at)),
            destination: match (dlat, dlon) {
                (Some(lat), Some(lon)) => Some(Place {
                    lat,
                    lon,
                    label: dlabel,
                }),
                _ => None,
            },
        },
    }))
}

#[derive(Debug, Deserialize)]
pub struct TripQuery {
    limit: Option<u32>,
    before_id: Option<i64>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
}

const TRIP_COLUMNS: &str = "id, started_at, ended_at, start_lat, start_lon, start_label, end_lat, end_lon, end_label,
     distance_km, duration_s, fuel_used_l, ev_distance_km, ev_time_s, hybrid_score, odometer_start_km, odometer_end_km,
     eco_distance_km, power_distance_km, score_acceleration, score_braking, score_constant_speed";

#[derive(sqlx::FromRow)]
struct TripRow {
    id: i64,
    started_at: i64,
    ended_at: i64,
    start_lat: f64,
    start_lon: f64,
    start_label: Option<String>,
    end_lat: f64,
    end_lon: f64,
    end_label: Option<String>,
    distance_km: f64,
    duration_s: i64,
    fuel_used_l: f64,
    ev_distance_km: f64,
    ev_time_s: i64,
    hybrid_score: Option<i64>,
    odometer_start_km: Option<f64>,
    odometer_end_km: Option<f64>,
    eco_distance_km: f64,
    power_distance_km: f64,
    score_acceleration: Option<i64>,
    score_braking: Option<i64>,
    score_constant_speed: Option<i64>,
}

fn score(s: Option<i64>) -> Option<u8> {
    s.and_then(|s| u8::try_from(s).ok())
}

impl TripRow {
    fn summary(&self) -> TripSummary {
        TripSummary {
            id: self.id,
            started_at: from_unix(self.started_at),
            ended_at: from_unix(self.ended_at),
            start: Place {
                lat: self.start_lat,
                lon: self.start_lon,
                label: self.start_label.clone(),
            },
            end: Place {
                lat: self.end_lat,
                lon: self.end_lon,
                label: self.end_label.clone(),
            },
            distance_km: self.distance_km,
            duration_s: u32::try_from(self.duration_s).unwrap_or_default(),
            fuel_used_l: self.fuel_used_l,
            average_consumption_l_100km: (self.distance_km > 0.1)
                .then(|| (self.fuel_used_l / self.distance_km * 1000.0).round() / 10.0),
            ev_distance_km: self.ev_distance_km,
            ev_time_s: u32::try_from(self.ev_time_s).unwrap_or_default(),
            hybrid_score: score(self.hybrid_score),
            odometer_start_km: self.odometer_start_km,
            odometer_end_km: self.odometer_end_km,
        }
    }
}

/// GET /vehicles/{vin}/trips: newest first, `limit` (default 20, max 100),
/// `before_id` for the next page, optional `from` / `to` on the start time.
pub async fn trips(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(q): Query<TripQuery>,
) -> AppResult<Json<TripList>> {
    v.require(|p| p.can_see_trips)?;
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    let rows: Vec<TripRow> = sqlx::query_as(&format!(
        "SELECT {TRIP_COLUMNS} FROM trips
         WHERE vehicle_id = ?1 AND started_at >= MAX(?2, COALESCE(?3, ?2))
           AND (?4 IS NULL OR started_at < ?4) AND (?5 IS NULL OR id < ?5)
         ORDER BY started_at DESC, id DESC LIMIT ?6"
    ))
    .bind(v.vehicle.id)
    .bind(v.since)
    .bind(q.from.map(|t| t.timestamp()))
    .bind(q.to.map(|t| t.timestamp()))
    .bind(q.before_id)
    .bind(i64::from(limit) + 1)
    .fetch_all(&state.db)
    .await?;
    let more = rows.len() > limit as usize;
    let trips: Vec<TripSummary> = rows
        .iter()
        .take(limit as usize)
        .map(TripRow::summary)
        .collect();
    Ok(Json(TripList {
        next_before_id: if more {
            trips.last().map(|t| t.id)
        } else {
            None
        },
        trips,
    }))
}

/// GET /vehicles/{vin}/trips/{id}
pub async fn trip(
    State(state): State<AppState>,
    v: UserVehicle,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<TripDetail>> {
    v.require(|p| p.can_see_trips)?;
    let row: TripRow = sqlx::query_as(&format!(
        "SELECT {TRIP_COLUMNS} FROM trips WHERE id = ? AND vehicle_id = ? AND started_at >= ?"
    ))
    .bind(id)
    .bind(v.vehicle.id)
    .bind(v.since)
    .fetch_optional(&state.db)
    .await?
    .ok_or(ErrorCode::NotFound)?;
    let points: Option<(String,)> =
        sqlx::query_as("SELECT points FROM trip_routes WHERE trip_id = ?")
            .bind(id)
            .fetch_optional(&state.db)
            .await?;
    let route = match points {
        Some((json,)) => serde_json::from_str::<Vec<(i64, f64, f64, Option<f64>)>>(&json)
            .map_err(anyhow::Error::from)?
            .into_iter()
            .map(|(at, lat, lon, speed_kmh)| RoutePoint {
                at: from_unix(at),
                lat,
                lon,
                speed_kmh,
            })
            .collect(),
        None => Vec::new(),
    };
    let events: Vec<(i64, String, f64, f64)> = sqlx::query_as(
        "SELECT at, kind, lat, lon FROM trip_events WHERE trip_id = ? ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(&state.db)
    .await?;
    let events = events
        .into_iter()
        .filter_map(|(at, kind, lat, lon)| {
            Some(DrivingEvent {
                at: from_unix(at),
                kind: DrivingEventKind::from_code(&kind)?,
                lat,
                lon,
            })
        })
        .collect();
    Ok(Json(TripDetail {
        trip: row.summary(),
        eco_distance_km: row.eco_distance_km,
        power_distance_km: row.power_distance_km,
        score_acceleration: score(row.score_acceleration),
        score_braking: score(row.score_braking),
        score_constant_speed: score(row.score_constant_speed),
        route,
        events,
    }))
}

/// POST /vehicles/{vin}/service-requests
pub async fn request_service(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<ServiceRequestCreate>,
) -> AppResult<Response> {
    v.require(|p| p.can_request_service)?;
    let now = state.clock.now();
    req.validate(now.date_naive())?;
    let date = req.preferred_date.ok_or(ErrorCode::ValidationFailed)?;
    let note = req.note.trim().to_owned();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO service_requests (vehicle_id, user_id, dealer_id, preferred_date, note, status, created_at)
         VALUES (?, ?, NULL, ?, ?, 'requested', ?) RETURNING id",
    )
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(date.to_string())
    .bind(&note)
    .bind(now.timestamp())
    .fetch_one(&state.db)
    .await?;
    if let Some(user) = find_user(&state.db, v.user_id).await? {
        state
            .mailer
            .send(mail::service_request(
                &user.recipient(),
                &v.vehicle.model,
                &v.licence_plate,
                &date.format("%d/%m/%Y").to_string(),
                &note,
            ))
            .await;
    }
    let body = ServiceRequest {
        id,
        vin: v.vehicle.vin.clone(),
        preferred_date: date,
        note,
        dealer_id: None,
        status: "requested".into(),
        created_at: from_unix(now.timestamp()),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Service requests page size: default and maximum.
pub const SERVICE_REQUEST_PAGE: (u32, u32) = (50, 100);

/// GET /vehicles/{vin}/service-requests: this user's requests, newest first.
pub async fn service_requests(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(page): Query<PageQuery>,
) -> AppResult<Json<ServiceRequestList>> {
    v.require(|p| p.can_request_service)?;
    let size = page.size(SERVICE_REQUEST_PAGE.0, SERVICE_REQUEST_PAGE.1);
    let rows: Vec<(i64, String, String, Option<i64>, String, i64)> = sqlx::query_as(
        "SELECT id, preferred_date, note, dealer_id, status, created_at FROM service_requests
         WHERE vehicle_id = ? AND user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(page.before())
    .bind(i64::from(size) + 1)
    .fetch_all(&state.db)
    .await?;
    let (rows, next_before_id) = paging::split(rows, size, |r| r.0);
    Ok(Json(ServiceRequestList {
        next_before_id,
        requests: rows
            .into_iter()
            .map(
                |(id, date, note, dealer_id, status, created_at)| ServiceRequest {
                    id,
                    vin: v.vehicle.vin.clone(),
                    preferred_date: date.parse().unwrap_or_default(),
                    note,
                    dealer_id,
                    status,
                    created_at: from_unix(created_at),
                },
            )
            .collect(),
    }))
}
