//! The dealers a user can choose as preferred (B2).

use serde::{Deserialize, Serialize};

use crate::Country;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// One opening period on a weekday, local time `HH:MM`. A day without
/// periods is closed; a day may have two (lunch break).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningPeriod {
    pub day: Weekday,
    pub opens: String,
    pub closes: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dealer {
    pub id: i64,
    pub name: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub country: Country,
    pub lat: f64,
    pub lon: f64,
    pub phone: String,
    pub email: String,
    pub opening_hours: Vec<OpeningPeriod>,
}

/// GET /dealers?q=
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealerList {
    pub dealers: Vec<Dealer>,
}

/// GET/PUT /profile/dealer. `assigned`: not chosen by the user but the
/// nearest dealer to their postcode (`distance_km` as the crow flies).
/// `dealer` is None when nothing was chosen and no postcode is known.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreferredDealer {
    pub dealer: Option<Dealer>,
    pub assigned: bool,
    pub distance_km: Option<f64>,
}

/// PUT /profile/dealer
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChooseDealerRequest {
    pub dealer_id: i64,
}
