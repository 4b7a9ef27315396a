//! Service requests (C4): a user asks for a service visit of a vehicle
//! they may request service for; each user sees their own requests.

use chrono::NaiveDate;
use mijn_lexus_contract::vehicle::{ServiceRequest, ServiceRequestList};
use sqlx::SqlitePool;

use super::UserVehicle;
use crate::clock::from_unix;
use crate::error::AppResult;
use crate::paging::{self, PageQuery};

/// Service requests page size: default and maximum.
pub const SERVICE_REQUEST_PAGE: (u32, u32) = (50, 100);

/// Stores a request (validated by the caller) and returns it.
pub async fn create(
    db: &SqlitePool,
    v: &UserVehicle,
    date: NaiveDate,
    note: &str,
    now: i64,
) -> AppResult<ServiceRequest> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO service_requests (vehicle_id, user_id, dealer_id, preferred_date, note, status, created_at)
         VALUES (?, ?, NULL, ?, ?, 'requested', ?) RETURNING id",
    )
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(date.to_string())
    .bind(note)
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(ServiceRequest {
        id,
        vin: v.vehicle.vin.clone(),
        preferred_date: date,
        note: note.to_owned(),
        dealer_id: None,
        status: "requested".into(),
        created_at: from_unix(now),
    })
}

#[derive(sqlx::FromRow)]
struct ServiceRequestRow {
    id: i64,
    preferred_date: String,
    note: String,
    dealer_id: Option<i64>,
    status: String,
    created_at: i64,
}

/// This user's requests for the vehicle, newest first.
pub async fn list(
    db: &SqlitePool,
    v: &UserVehicle,
    page: &PageQuery,
) -> AppResult<ServiceRequestList> {
    let size = page.size(SERVICE_REQUEST_PAGE.0, SERVICE_REQUEST_PAGE.1);
    let rows: Vec<ServiceRequestRow> = sqlx::query_as(
        "SELECT id, preferred_date, note, dealer_id, status, created_at FROM service_requests
         WHERE vehicle_id = ? AND user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .bind(page.before())
    .bind(i64::from(size) + 1)
    .fetch_all(db)
    .await?;
    let (rows, next_before_id) = paging::split(rows, size, |r| r.id);
    Ok(ServiceRequestList {
        next_before_id,
        requests: rows
            .into_iter()
            .map(|r| ServiceRequest {
                id: r.id,
                vin: v.vehicle.vin.clone(),
                preferred_date: r.preferred_date.parse().unwrap_or_default(),
                note: r.note,
                dealer_id: r.dealer_id,
                status: r.status,
                created_at: from_unix(r.created_at),
            })
            .collect(),
    })
}
