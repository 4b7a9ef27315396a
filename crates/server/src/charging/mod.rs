//! Public charge points (D4): OCPI 2.2.1 locations, EVSEs and connectors
//! imported from an OCPI file ([`ocpi::parse`], [`import`]), searched near
//! a place or near the car ([`near`]); the demo simulator changes EVSE
//! availability ([`set_statuses`]).

pub mod ocpi;

use std::collections::BTreeMap;

use mijn_lexus_contract::charging::{
    max_power_kw, ChargeConnector, ChargeEvse, ChargeLocation, ChargePointFilter, ChargePointList,
    ConnectorFormat, ConnectorStandard, EvseStatus, PowerType,
};
use sqlx::SqlitePool;

use crate::clock::from_unix;
use crate::error::AppResult;
use crate::geo::distance_km;

/// Realistic charge points in Belgium, the Netherlands and Monaco (demo).
pub const DEMO_OCPI: &str = include_str!("../../data/demo-charge-points.json");

/// What an import stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub locations: usize,
    pub evses: usize,
    pub connectors: usize,
}

/// Stores parsed locations in one transaction; a location already known
/// (same country code, party and id) is replaced with its EVSEs and
/// connectors.
pub async fn import(
    db: &SqlitePool,
    locations: &[ocpi::Location],
    now: i64,
) -> anyhow::Result<ImportReport> {
    let mut report = ImportReport::default();
    let mut tx = crate::db::begin_write(db).await?;
    for l in locations {
        sqlx::query(
            "DELETE FROM charge_locations WHERE country_code = ? AND party_id = ? AND ocpi_id = ?",
        )
        .bind(&l.country_code.0)
        .bind(&l.party_id.0)
        .bind(&l.id.0)
        .execute(&mut *tx)
        .await?;
        let location_id: i64 = sqlx::query_scalar(
            "INSERT INTO charge_locations (country_code, party_id, ocpi_id, name, address, city,
                 postal_code, country, lat, lon, operator, time_zone, twentyfourseven,
                 last_updated, imported_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&l.country_code.0)
        .bind(&l.party_id.0)
        .bind(&l.id.0)
        .bind(l.name.as_ref().map_or(&l.address.0, |n| &n.0))
        .bind(&l.address.0)
        .bind(&l.city.0)
        .bind(l.postal_code.as_ref().map(|p| p.0.as_str()).unwrap_or(""))
        .bind(&l.country.0)
        .bind(l.coordinates.latitude.0)
        .bind(l.coordinates.longitude.0)
        .bind(l.operator.as_ref().map(|o| o.name.0.as_str()))
        .bind(&l.time_zone.0)
        .bind(l.opening_times.as_ref().is_some_and(|h| h.twentyfourseven))
        .bind(l.last_updated.timestamp())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        report.locations += 1;
        for e in &l.evses {
            let evse_id: i64 = sqlx::query_scalar(
                "INSERT INTO charge_evses (location_id, uid, evse_id, status, last_updated)
                 VALUES (?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(location_id)
            .bind(&e.uid.0)
            .bind(e.evse_id.as_ref().map(|i| i.0.as_str()))
            .bind(e.status.code())
            .bind(e.last_updated.timestamp())
            .fetch_one(&mut *tx)
            .await?;
            report.evses += 1;
            for c in &e.connectors.0 {
                let power = c.max_electric_power.map(|p| p.0);
                sqlx::query(
                    "INSERT INTO charge_connectors (evse_id, connector_id, standard, format,
                         power_type, max_voltage, max_amperage, max_electric_power, max_power_kw)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(evse_id)
                .bind(&c.id.0)
                .bind(c.standard.code())
                .bind(c.format.code())
                .bind(c.power_type.code())
                .bind(c.max_voltage.0)
                .bind(c.max_amperage.0)
                .bind(power)
                .bind(max_power_kw(
                    c.power_type,
                    c.max_voltage.0,
                    c.max_amperage.0,
                    power,
                ))
                .execute(&mut *tx)
                .await?;
                report.connectors += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// With --demo: the demo charge points, imported once (when there are none).
pub async fn ensure_demo_charge_points(db: &SqlitePool, now: i64) -> anyhow::Result<()> {
    let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM charge_locations")
        .fetch_one(db)
        .await?;
    if known == 0 {
        let locations = ocpi::parse(DEMO_OCPI).map_err(|e| anyhow::anyhow!("demo OCPI: {e}"))?;
        let report = import(db, &locations, now).await?;
        tracing::info!(
            locations = report.locations,
            evses = report.evses,
            "demo charge points imported"
        );
    }
    Ok(())
}

/// One connector with its EVSE and location (the search reads them in one
/// query, then groups).
#[derive(sqlx::FromRow)]
struct ConnectorRow {
    location_id: i64,
    ocpi_id: String,
    name: String,
    address: String,
    city: String,
    postal_code: String,
    country: String,
    lat: f64,
    lon: f64,
    operator: Option<String>,
    twentyfourseven: bool,
    location_updated: i64,
    uid: String,
    evse_id: Option<String>,
    status: String,
    evse_updated: i64,
    connector_id: String,
    standard: String,
    format: String,
    power_type: String,
    max_voltage: i64,
    max_amperage: i64,
    max_power_kw: f64,
}

impl ConnectorRow {
    fn connector(&self) -> Option<ChargeConnector> {
        Some(ChargeConnector {
            id: self.connector_id.clone(),
            standard: ConnectorStandard::from_code(&self.standard)?,
            format: ConnectorFormat::from_code(&self.format)?,
            power_type: PowerType::from_code(&self.power_type)?,
            max_voltage: u32::try_from(self.max_voltage).ok()?,
            max_amperage: u32::try_from(self.max_amperage).ok()?,
            max_power_kw: self.max_power_kw,
        })
    }
}

/// Kilometres per degree of latitude.
const KM_PER_DEGREE: f64 = 111.32;

/// Locations within `filter.radius_km` of `origin` that have an EVSE (not
/// removed) with a connector of the standard and power asked for, and,
/// with `available`, that EVSE `AVAILABLE`; nearest first, at most
/// `filter.limit`. Each lists all its EVSEs (not the removed ones).
pub async fn near(
    db: &SqlitePool,
    origin: (f64, f64),
    filter: &ChargePointFilter,
) -> AppResult<ChargePointList> {
    // A box around the circle narrows the rows (index on lat, lon); the
    // exact distance decides. Europe only: no box crosses the antimeridian.
    let dlat = filter.radius_km / KM_PER_DEGREE;
    let dlon = filter.radius_km / (KM_PER_DEGREE * origin.0.to_radians().cos().max(0.01));
    let rows: Vec<ConnectorRow> = sqlx::query_as(
        "SELECT l.id AS location_id, l.ocpi_id, l.name, l.address, l.city, l.postal_code, l.country,
                l.lat, l.lon, l.operator, l.twentyfourseven, l.last_updated AS location_updated,
                e.uid, e.evse_id, e.status, e.last_updated AS evse_updated,
                c.connector_id, c.standard, c.format, c.power_type, c.max_voltage, c.max_amperage,
                c.max_power_kw
         FROM charge_locations l
         JOIN charge_evses e ON e.location_id = l.id AND e.status <> 'REMOVED'
         JOIN charge_connectors c ON c.evse_id = e.id
         WHERE l.lat BETWEEN ? AND ? AND l.lon BETWEEN ? AND ?
         ORDER BY l.id, e.id, c.id",
    )
    .bind(origin.0 - dlat)
    .bind(origin.0 + dlat)
    .bind(origin.1 - dlon)
    .bind(origin.1 + dlon)
    .fetch_all(db)
    .await?;

    struct Found {
        location: ChargeLocation,
        matches: bool,
    }
    let mut found: BTreeMap<i64, Found> = BTreeMap::new();
    for r in &rows {
        let distance = distance_km(origin, (r.lat, r.lon));
        if distance > filter.radius_km {
            continue;
        }
        let (Some(connector), Some(status)) = (r.connector(), EvseStatus::from_code(&r.status))
        else {
            continue;
        };
        let entry = found.entry(r.location_id).or_insert_with(|| Found {
            location: ChargeLocation {
                id: r.ocpi_id.clone(),
                name: r.name.clone(),
                address: r.address.clone(),
                city: r.city.clone(),
                postal_code: r.postal_code.clone(),
                country: r.country.clone(),
                lat: r.lat,
                lon: r.lon,
                operator: r.operator.clone(),
                twentyfourseven: r.twentyfourseven,
                distance_km: (distance * 100.0).round() / 100.0,
                available_evses: 0,
                total_evses: 0,
                max_power_kw: 0.0,
                evses: Vec::new(),
                last_updated: from_unix(r.location_updated),
            },
            matches: false,
        });
        let matches = filter.standard.is_none_or(|s| s == connector.standard)
            && connector.max_power_kw >= filter.min_power_kw
            && (!filter.available || status == EvseStatus::Available);
        entry.matches |= matches;
        let l = &mut entry.location;
        l.max_power_kw = l.max_power_kw.max(connector.max_power_kw);
        let evses = &mut l.evses;
        match evses.last_mut() {
            Some(e) if e.uid == r.uid => e.connectors.push(connector),
            _ => evses.push(ChargeEvse {
                uid: r.uid.clone(),
                evse_id: r.evse_id.clone(),
                status,
                connectors: vec![connector],
                last_updated: from_unix(r.evse_updated),
            }),
        }
    }
    let mut charge_points: Vec<ChargeLocation> = found
        .into_values()
        .filter(|f| f.matches)
        .map(|f| {
            let mut l = f.location;
            l.total_evses = l.evses.len() as u32;
            l.available_evses = l
                .evses
                .iter()
                .filter(|e| e.status == EvseStatus::Available)
                .count() as u32;
            l
        })
        .collect();
    charge_points.sort_by(|a, b| {
        a.distance_km
            .total_cmp(&b.distance_km)
            .then_with(|| a.id.cmp(&b.id))
    });
    charge_points.truncate(filter.limit as usize);
    Ok(ChargePointList {
        charge_points,
        radius_km: filter.radius_km,
    })
}

/// An EVSE whose status the simulator may change.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EvseState {
    pub id: i64,
    pub status: String,
}

/// Every EVSE in operation (not planned, removed or inoperative): the ones
/// whose availability changes during the day.
pub async fn operating_evses(db: &SqlitePool) -> AppResult<Vec<EvseState>> {
    Ok(sqlx::query_as(
        "SELECT id, status FROM charge_evses
         WHERE status NOT IN ('PLANNED', 'REMOVED', 'INOPERATIVE') ORDER BY id",
    )
    .fetch_all(db)
    .await?)
}

/// Sets EVSE statuses (as a CPO's status update would), with `last_updated`.
pub async fn set_statuses(
    db: &SqlitePool,
    changes: &[(i64, EvseStatus)],
    now: i64,
) -> AppResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let mut tx = crate::db::begin_write(db).await?;
    for (id, status) in changes {
        sqlx::query("UPDATE charge_evses SET status = ?, last_updated = ? WHERE id = ?")
            .bind(status.code())
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
