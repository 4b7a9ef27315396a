//! Reading an OCPI 2.2.1 locations file: a JSON array of Locations, or the
//! OCPI response wrapper `{"data": [...], "status_code": 1000, ...}`.
//!
//! Every rule is checked while deserialising (texts and their OCPI lengths,
//! coordinates as decimal strings in range, ISO alpha-3 countries, EVSEs
//! with at least one connector, positive voltages and currents, OCPI
//! enums), so a malformed file is refused with serde_json's line and column
//! and the JSON path of the field (`data[3].evses[0].connectors[1].max_voltage`).
//! Fields we do not use (images, tariffs, energy mix, ...) are ignored.

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, Utc};
use mijn_lexus_contract::charging::{ConnectorFormat, ConnectorStandard, EvseStatus, PowerType};
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::Deserialize;

/// Why a file was refused: where (line and column when serde_json knows
/// them, and the JSON path) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcpiError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// `data[3].evses[0].connectors[1].max_voltage`; empty for the whole file.
    pub path: String,
    pub problem: String,
}

impl fmt::Display for OcpiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "line {line}, column {column}: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.problem)
    }
}

impl std::error::Error for OcpiError {}

/// A non-empty text of at most `N` characters, without control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text<const N: usize>(pub String);

impl<'de, const N: usize> Deserialize<'de> for Text<N> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let t = s.trim();
        if t.is_empty() {
            return Err(de::Error::custom("must not be empty"));
        }
        if t.chars().count() > N {
            return Err(de::Error::custom(format!("longer than {N} characters")));
        }
        if t.chars().any(char::is_control) {
            return Err(de::Error::custom("contains control characters"));
        }
        Ok(Text(t.to_owned()))
    }
}

/// A coordinate: OCPI writes it as a decimal string ("50.846557"); `MAX`
/// is 90 for latitudes, 180 for longitudes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Degrees<const MAX: u8>(pub f64);

impl<'de, const MAX: u8> Deserialize<'de> for Degrees<MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let decimal = !s.is_empty()
            && s.trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && s.matches('.').count() <= 1;
        let value: f64 = s
            .parse()
            .ok()
            .filter(|_| decimal)
            .ok_or_else(|| de::Error::custom(format!("not a decimal coordinate: {s:?}")))?;
        if value.abs() > f64::from(MAX) {
            return Err(de::Error::custom(format!(
                "{value} is outside -{MAX}..{MAX}"
            )));
        }
        Ok(Degrees(value))
    }
}

/// ISO 3166-1 alpha-3, upper case ("BEL").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Country3(pub String);

impl<'de> Deserialize<'de> for Country3 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase()) {
            Ok(Country3(s))
        } else {
            Err(de::Error::custom(format!(
                "not an ISO 3166-1 alpha-3 country: {s:?}"
            )))
        }
    }
}

/// A whole number above zero (volts, amperes, watts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Positive(pub u32);

impl<'de> Deserialize<'de> for Positive {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match u32::deserialize(d)? {
            0 => Err(de::Error::custom("must be above 0")),
            n => Ok(Positive(n)),
        }
    }
}

/// A list with at least one element.
#[derive(Clone, Debug, PartialEq)]
pub struct NonEmpty<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for NonEmpty<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<T>::deserialize(d)?;
        if v.is_empty() {
            Err(de::Error::custom("must list at least one"))
        } else {
            Ok(NonEmpty(v))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GeoLocation {
    pub latitude: Degrees<90>,
    pub longitude: Degrees<180>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BusinessDetails {
    pub name: Text<100>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Hours {
    pub twentyfourseven: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Connector {
    pub id: Text<36>,
    pub standard: ConnectorStandard,
    pub format: ConnectorFormat,
    pub power_type: PowerType,
    pub max_voltage: Positive,
    pub max_amperage: Positive,
    #[serde(default)]
    pub max_electric_power: Option<Positive>,
    pub last_updated: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Evse {
    pub uid: Text<36>,
    #[serde(default)]
    pub evse_id: Option<Text<48>>,
    pub status: EvseStatus,
    pub connectors: NonEmpty<Connector>,
    pub last_updated: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Location {
    pub country_code: Text<2>,
    pub party_id: Text<3>,
    pub id: Text<36>,
    #[serde(default)]
    pub name: Option<Text<255>>,
    pub address: Text<45>,
    pub city: Text<45>,
    #[serde(default)]
    pub postal_code: Option<Text<10>>,
    pub country: Country3,
    pub coordinates: GeoLocation,
    #[serde(default)]
    pub operator: Option<BusinessDetails>,
    #[serde(default)]
    pub evses: Vec<Evse>,
    pub time_zone: Text<255>,
    #[serde(default)]
    pub opening_times: Option<Hours>,
    pub last_updated: DateTime<Utc>,
}

#[derive(Deserialize)]
struct Wrapped {
    data: Vec<Location>,
}

/// The locations of an OCPI file (array or `{data: [...]}` wrapper), or
/// the first problem with its line, column and path.
pub fn parse(text: &str) -> Result<Vec<Location>, OcpiError> {
    let locations = if text.trim_start().starts_with('[') {
        read::<Vec<Location>>(text)?
    } else {
        read::<Wrapped>(text)?.data
    };
    check_unique(&locations, text.trim_start().starts_with('['))?;
    Ok(locations)
}

fn read<T: DeserializeOwned>(text: &str) -> Result<T, OcpiError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
        let mut path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        // serde_json appends " at line L column C"; we report those apart.
        let mut problem = match message.rfind(" at line ") {
            Some(i) => message[..i].to_owned(),
            None => message,
        };
        // A missing field is reported at its parent object: name it.
        if let Some(name) = problem
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            path = if path == "." || path.is_empty() {
                name.to_owned()
            } else {
                format!("{path}.{name}")
            };
            problem = "required".into();
        }
        // The list of every accepted value would drown the problem.
        if let Some(i) = problem.find(", expected one of") {
            problem.truncate(i);
        }
        if path == "." {
            path.clear();
        }
        OcpiError {
            line: Some(inner.line()),
            column: Some(inner.column()),
            path,
            problem,
        }
    })?;
    // Trailing data is a syntax error too.
    de.end().map_err(|e| OcpiError {
        line: Some(e.line()),
        column: Some(e.column()),
        path: String::new(),
        problem: "trailing characters after the JSON document".into(),
    })?;
    Ok(value)
}

/// Ids must be unique: locations per party, EVSEs per location, connectors
/// per EVSE (otherwise a later one would silently replace an earlier one).
fn check_unique(locations: &[Location], bare: bool) -> Result<(), OcpiError> {
    let prefix = if bare { "" } else { "data" };
    let duplicate = |path: String, what: &str| OcpiError {
        line: None,
        column: None,
        path,
        problem: format!("{what} appears twice"),
    };
    let mut seen = HashSet::new();
    for (i, l) in locations.iter().enumerate() {
        let key = (&l.country_code.0, &l.party_id.0, &l.id.0);
        if !seen.insert(key) {
            return Err(duplicate(format!("{prefix}[{i}].id"), "this location id"));
        }
        let mut uids = HashSet::new();
        for (j, e) in l.evses.iter().enumerate() {
            if !uids.insert(&e.uid.0) {
                return Err(duplicate(
                    format!("{prefix}[{i}].evses[{j}].uid"),
                    "this EVSE uid",
                ));
            }
            let mut ids = HashSet::new();
            for (k, c) in e.connectors.0.iter().enumerate() {
                if !ids.insert(&c.id.0) {
                    return Err(duplicate(
                        format!("{prefix}[{i}].evses[{j}].connectors[{k}].id"),
                        "this connector id",
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_file_parses() {
        let locations = parse(super::super::DEMO_OCPI).expect("demo file valid");
        assert!(locations.len() >= 30);
        assert!(locations.iter().any(|l| l.country.0 == "MCO"));
    }
}
