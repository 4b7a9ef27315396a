//! Privacy rights (B5): export all my data, erase my account. The erasure
//! is shared with the retention job (A5). Format and rules:
//! docs/export-format.md.

mod erasure;

pub use erasure::{erase_user, DeletionReason};

use chrono::{DateTime, SecondsFormat};
use serde_json::{json, Map, Value};
use sqlx::sqlite::SqliteRow;
use sqlx::{Column, Row, TypeInfo, ValueRef};

use crate::error::AppResult;
use crate::state::AppState;

/// Data exports per user per [`EXPORT_WINDOW_SECS`].
pub const EXPORTS_PER_HOUR: u32 = 5;
pub const EXPORT_WINDOW_SECS: u64 = 3600;

pub const EXPORT_FORMAT: &str = "mijn-lexus-export";
pub const EXPORT_VERSION: u32 = 1;

/// Every table holding data about the user, with the query that selects
/// exactly that data (`?1` = user id). Secrets (password hash, token and
/// session ids, ingest keys, PINs) are never selected. Tables that hold no
/// user data are listed in docs/export-format.md (and in the test that
/// fails when a new table is in neither list).
const EXPORT_QUERIES: &[(&str, &str)] = &[
    (
        "users",
        "SELECT id, email, salutation, first_name, last_name, birth_date, language, street,
                house_number, box, postcode, city, country, mobile_phone, landline_phone,
                preferred_dealer_id, email_confirmed_at, created_at, updated_at, last_sign_in_at,
                inactivity_warned_at
         FROM users WHERE id = ?1",
    ),
    (
        "email_tokens",
        "SELECT purpose, new_email, created_at, expires_at, used_at FROM email_tokens
         WHERE user_id = ?1 ORDER BY id",
    ),
    (
        "sessions",
        "SELECT created_at, last_seen_at, user_agent FROM sessions WHERE user_id = ?1 ORDER BY created_at",
    ),
    (
        "legal_acceptances",
        "SELECT kind, version, language, accepted_at, user_agent FROM legal_acceptances
         WHERE user_id = ?1 ORDER BY accepted_at, id",
    ),
    (
        "consents",
        "SELECT kind, granted, recorded_at, user_agent, source FROM consents
         WHERE user_id = ?1 ORDER BY recorded_at, id",
    ),
    (
        "emergency_contacts",
        "SELECT name, relation, phone, updated_at FROM emergency_contacts WHERE user_id = ?1",
    ),
    (
        "access_attempts",
        "SELECT subject, failures, locked_until, updated_at FROM access_attempts WHERE user_id = ?1",
    ),
    (
        "vehicle_access_history",
        "SELECT v.vin FROM vehicle_access_history h JOIN vehicles v ON v.id = h.vehicle_id
         WHERE h.user_id = ?1 ORDER BY v.vin",
    ),
    (
        "vehicles",
        "SELECT v.vin, v.model, v.model_family, v.model_year, v.powertrain
         FROM vehicles v JOIN vehicle_users vu ON vu.vehicle_id = v.id WHERE vu.user_id = ?1",
    ),
    (
        "vehicle_users",
        "SELECT v.vin, vu.role, vu.licence_plate, vu.nickname, vu.since, vu.default_trip_purpose
         FROM vehicle_users vu JOIN vehicles v ON v.id = vu.vehicle_id WHERE vu.user_id = ?1",
    ),
    (
        "vehicle_invitations",
        "SELECT v.vin, i.email, i.invited_by = ?1 AS sent_by_me, i.created_at, i.expires_at,
                i.accepted_at, i.revoked_at
         FROM vehicle_invitations i JOIN vehicles v ON v.id = i.vehicle_id
         WHERE i.invited_by = ?1 OR i.accepted_by = ?1
            OR i.email = (SELECT email FROM users WHERE id = ?1)
         ORDER BY i.id",
    ),
    (
        "service_requests",
        "SELECT v.vin, s.dealer_id, s.preferred_date, s.note, s.status, s.created_at
         FROM service_requests s JOIN vehicles v ON v.id = s.vehicle_id
         WHERE s.user_id = ?1 ORDER BY s.id",
    ),
    // ---- share to car (D3) ----
    (
        "shared_destinations",
        "SELECT v.vin, d.label, d.address, d.lat, d.lon, d.arrival_at, d.stops, d.resend_of, d.status,
                d.failure, d.created_at, d.updated_at
         FROM shared_destinations d JOIN vehicles v ON v.id = d.vehicle_id
         WHERE d.user_id = ?1 ORDER BY d.id",
    ),
    (
        "chargers",
        "SELECT serial, model, nickname, added_at, state, power_kw, session_energy_kwh, last_seen_at
         FROM chargers WHERE owner_user_id = ?1",
    ),
    // Vehicle data the user may see: status and warning lights for every
    // vehicle they use; the rest only as main user, from `since` on. The
    // vehicle's privacy mode hides positions in the portal (location, trips,
    // share history), not here: the export is the user's own data, handed to
    // them in full (their right of access), positions included.
    (
        "vehicle_state",
        "SELECT v.vin, s.odometer_km, s.odometer_at, s.fuel_percent, s.fuel_at, s.range_km, s.range_at,
                s.battery_percent, s.battery_at, s.electric_range_km, s.electric_range_at,
                s.privacy_mode, s.privacy_at, s.service_due_km, s.service_due_date, s.service_at,
                s.warnings_at
         FROM vehicle_state s JOIN vehicles v ON v.id = s.vehicle_id
         JOIN vehicle_users vu ON vu.vehicle_id = s.vehicle_id WHERE vu.user_id = ?1",
    ),
    (
        "vehicle_warnings",
        "SELECT v.vin, w.code, w.since, w.last_seen_at, w.cleared_at
         FROM vehicle_warnings w JOIN vehicles v ON v.id = w.vehicle_id
         JOIN vehicle_users vu ON vu.vehicle_id = w.vehicle_id
         WHERE vu.user_id = ?1 AND w.last_seen_at >= vu.since ORDER BY w.id",
    ),
    (
        "vehicle_readings",
        "SELECT v.vin, r.recorded_at, r.odometer_km, r.fuel_percent, r.range_km, r.battery_percent,
                r.electric_range_km, r.privacy_mode
         FROM vehicle_readings r JOIN vehicles v ON v.id = r.vehicle_id
         JOIN vehicle_users vu ON vu.vehicle_id = r.vehicle_id
         WHERE vu.user_id = ?1 AND vu.role = 'main' AND r.recorded_at >= vu.since
         ORDER BY r.vehicle_id, r.recorded_at",
    ),
    (
        "vehicle_positions",
        "SELECT v.vin, p.recorded_at, p.lat, p.lon, p.label, p.destination_lat, p.destination_lon,
                p.destination_label
         FROM vehicle_positions p JOIN vehicles v ON v.id = p.vehicle_id
         JOIN vehicle_users vu ON vu.vehicle_id = p.vehicle_id
         WHERE vu.user_id = ?1 AND vu.role = 'main' AND p.recorded_at >= vu.since
         ORDER BY p.vehicle_id, p.recorded_at",
    ),
    (
        "telemetry_messages",
        "SELECT v.vin, m.message_id, m.recorded_at, m.received_at
         FROM telemetry_messages m JOIN vehicles v ON v.id = m.vehicle_id
         JOIN vehicle_users vu ON vu.vehicle_id = m.vehicle_id
         WHERE vu.user_id = ?1 AND vu.role = 'main' AND m.recorded_at >= vu.since
         ORDER BY m.vehicle_id, m.recorded_at",
    ),
    (
        "trips",
        "SELECT v.vin, t.id, t.started_at, t.ended_at, t.start_lat, t.start_lon, t.start_label,
                t.end_lat, t.end_lon, t.end_label, t.distance_km, t.duration_s, t.fuel_used_l,
                t.ev_distance_km, t.ev_time_s, t.eco_distance_km, t.power_distance_km,
                t.odometer_start_km, t.odometer_end_km, t.hybrid_score, t.score_acceleration,
                t.score_braking, t.score_constant_speed, t.purpose, t.note
         FROM trips t JOIN vehicles v ON v.id = t.vehicle_id
         JOIN vehicle_users vu ON vu.vehicle_id = t.vehicle_id
         WHERE vu.user_id = ?1 AND vu.role = 'main' AND t.started_at >= vu.since
         ORDER BY t.vehicle_id, t.started_at",
    ),
    (
        "trip_routes",
        "SELECT r.trip_id, r.points
         FROM trip_routes r JOIN trips t ON t.id = r.trip_id
         JOIN vehicle_users vu ON vu.vehicle_id = t.vehicle_id
         WHERE vu.user_id = ?1 AND vu.role = 'main' AND t.started_at >= vu.since ORDER BY r.trip_id",
    ),
    (
        "trip_events",
        "SELECT e.trip_id, e.at, e.kind, e.lat, e.lon
         FROM trip_events e JOIN trips t ON t.id = e.trip_id
         JOIN vehicle_users vu ON vu.vehicle_id = t.vehicle_id
         WHERE vu.user_id = ?1 AND vu.role = 'main' AND t.started_at >= vu.since ORDER BY e.id",
    ),
    (
        "logbook_entries",
        "SELECT v.vin, l.id, l.started_at, l.ended_at, l.start_label, l.end_label,
                l.odometer_start_km, l.odometer_end_km, l.distance_km, l.duration_s, l.purpose, l.note
         FROM logbook_entries l JOIN vehicles v ON v.id = l.vehicle_id
         JOIN vehicle_users vu ON vu.vehicle_id = l.vehicle_id
         WHERE vu.user_id = ?1 AND vu.role = 'main' AND l.started_at >= vu.since
         ORDER BY l.vehicle_id, l.started_at",
    ),
    // ---- wallet, payments (F2) ----
    (
        "payment_cards",
        "SELECT public_id, brand, funding, last4, exp_month, exp_year, holder, is_main,
                billing_street, billing_house_number, billing_box_number, billing_postcode,
                billing_city, billing_country, created_at
         FROM payment_cards WHERE user_id = ?1 ORDER BY id",
    ),
    (
        "subscriptions",
        "SELECT s.public_id, v.vin, s.service, s.plan, s.status, c.public_id AS card,
                s.started_at, s.current_period_start, s.current_period_end, s.cancel_at,
                s.ended_at, s.created_at
         FROM subscriptions s JOIN vehicles v ON v.id = s.vehicle_id
         LEFT JOIN payment_cards c ON c.id = s.card_id
         WHERE s.user_id = ?1 ORDER BY s.id",
    ),
    // ---- services, invoices (F1, F3) ----
    (
        "service_payments",
        "SELECT public_id, kind, status, amount_cents, currency, vat_rate_bp, service, plan, vin,
                period_start, period_end, card_last4, decline_reason, created_at
         FROM service_payments WHERE user_id = ?1 ORDER BY id",
    ),
    (
        "invoices",
        "SELECT public_id, kind, number, issued_at, buyer_name, buyer_address
         FROM invoices WHERE user_id = ?1 ORDER BY id",
    ),
    // ---- remote (F4) ----
    (
        "remote_commands",
        "SELECT v.vin, c.kind, c.action, c.status, c.failure, c.created_at, c.delivered_at,
                c.finished_at
         FROM remote_commands c JOIN vehicles v ON v.id = c.vehicle_id
         WHERE c.user_id = ?1 ORDER BY c.id",
    ),
    (
        "remote_schedules",
        "SELECT v.vin, r.kind, r.schedules, r.updated_at
         FROM remote_schedules r JOIN vehicles v ON v.id = r.vehicle_id
         WHERE r.user_id = ?1 ORDER BY v.vin, r.kind",
    ),
    (
        "outbox",
        "SELECT subject, body_text, created_at FROM outbox
         WHERE to_address = (SELECT email FROM users WHERE id = ?1) ORDER BY id",
    ),
];

/// The tables the export covers (for docs and tests).
pub fn exported_tables() -> impl Iterator<Item = &'static str> {
    EXPORT_QUERIES.iter().map(|(t, _)| *t)
}

fn is_time_column(name: &str) -> bool {
    name.ends_with("_at") || name == "since" || name == "locked_until" || name == "at"
}

fn row_to_json(row: &SqliteRow) -> Value {
    let mut obj = Map::new();
    for (i, col) in row.columns().iter().enumerate() {
        let name = col.name();
        let value = match row.try_get_raw(i) {
            Ok(raw) if raw.is_null() => Value::Null,
            Ok(raw) => match raw.type_info().name() {
                "INTEGER" => {
                    let n: i64 = row.try_get(i).unwrap_or_default();
                    if is_time_column(name) {
                        DateTime::from_timestamp(n, 0)
                            .map(|t| Value::String(t.to_rfc3339_opts(SecondsFormat::Secs, true)))
                            .unwrap_or(json!(n))
                    } else {
                        json!(n)
                    }
                }
                "REAL" => json!(row.try_get::<f64, _>(i).unwrap_or_default()),
                _ => match row.try_get::<String, _>(i) {
                    Ok(s) if name == "points" => {
                        serde_json::from_str(&s).unwrap_or(Value::String(s))
                    }
                    Ok(s) => Value::String(s),
                    Err(_) => Value::Null,
                },
            },
            Err(_) => Value::Null,
        };
        obj.insert(name.to_owned(), value);
    }
    Value::Object(obj)
}

/// The whole export document.
pub async fn export_document(state: &AppState, user_id: i64) -> AppResult<Value> {
    let mut tables = Map::new();
    let mut conn = state.db.acquire().await?;
    for (table, sql) in EXPORT_QUERIES {
        let rows = sqlx::query(sql).bind(user_id).fetch_all(&mut *conn).await?;
        tables.insert(
            (*table).to_owned(),
            Value::Array(rows.iter().map(row_to_json).collect()),
        );
    }
    Ok(json!({
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": state.clock.now().to_rfc3339_opts(SecondsFormat::Secs, true),
        "tables": tables,
    }))
}
