//! What the car last reported (C4) and where it is (D1/D2).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Powertrain, WarningLight};

/// A value as the car last reported it, and when it was measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured<T> {
    pub value: T,
    pub measured_at: DateTime<Utc>,
}

/// The next service, by distance and/or date, whichever comes first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceDue {
    /// Odometer reading at which the service is due.
    pub due_at_km: Option<u32>,
    /// Km left until then (negative: overdue), when the odometer is known.
    pub km_left: Option<i64>,
    pub due_date: Option<NaiveDate>,
    pub measured_at: DateTime<Utc>,
}

/// GET /vehicles/{vin}/status (C4). A value is absent when the car never
/// reported it or the powertrain has none (no fuel for an electric car, no
/// battery level for a full hybrid).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VehicleStatus {
    pub vin: String,
    pub powertrain: Powertrain,
    pub odometer_km: Option<Measured<f64>>,
    /// Tank level, 0-100 %.
    pub fuel_percent: Option<Measured<f64>>,
    /// Total range (fuel + battery).
    pub range_km: Option<Measured<f64>>,
    /// Traction battery, 0-100 %.
    pub battery_percent: Option<Measured<f64>>,
    pub electric_range_km: Option<Measured<f64>>,
    /// Warning lights that are on, most severe first.
    pub warning_lights: Vec<WarningLight>,
    /// When the set of warning lights was last reported.
    pub warning_lights_measured_at: Option<DateTime<Utc>>,
    pub service_due: Option<ServiceDue>,
    /// Privacy mode on: the car sends no position.
    pub privacy_mode: Option<Measured<bool>>,
    /// The latest of all measurement times.
    pub last_contact_at: Option<DateTime<Utc>>,
}
/// A point on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub lat: f64,
    pub lon: f64,
    /// Address or name, when known.
    pub label: Option<String>,
}

/// GET /vehicles/{vin}/location (D1/D2): where the car was parked and where
/// its navigation was heading. Nothing when privacy mode is on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VehicleLocation {
    pub privacy_mode: bool,
    pub parked: Option<Place>,
    pub parked_at: Option<DateTime<Utc>>,
    /// Final destination the navigation had when the engine stopped.
    pub destination: Option<Place>,
}
