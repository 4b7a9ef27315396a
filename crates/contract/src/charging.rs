//! Public charge points (D4) as the SPA reads them: the OCPI 2.2.1 Locations
//! model (Location -> EVSE with its status -> Connector with standard, power
//! type and maximum power), searched near a place or near the car.
//!
//! The OCPI enums keep their OCPI spelling on the wire (`AVAILABLE`,
//! `IEC_62196_T2_COMBO`, `AC_3_PHASE`), so an OCPI file and our API agree.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ErrorCode, FieldError};

/// The default and largest search radius.
pub const DEFAULT_RADIUS_KM: f64 = 10.0;
pub const MAX_RADIUS_KM: f64 = 100.0;
/// The default and largest number of locations in one answer.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;
/// No public connector delivers more than this (kW); a larger filter is a typo.
pub const MAX_POWER_FILTER_KW: f64 = 1000.0;

/// Declares an OCPI enum: its variants with their OCPI spelling, `code()`,
/// `from_code()`, `ALL`, and serde as that spelling.
macro_rules! ocpi_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

ocpi_enum!(
    /// OCPI 2.2.1 `Status` of an EVSE.
    EvseStatus {
        Available = "AVAILABLE",
        Blocked = "BLOCKED",
        Charging = "CHARGING",
        Inoperative = "INOPERATIVE",
        OutOfOrder = "OUTOFORDER",
        Planned = "PLANNED",
        Removed = "REMOVED",
        Reserved = "RESERVED",
        Unknown = "UNKNOWN",
    }
);

ocpi_enum!(
    /// OCPI 2.2.1 `ConnectorType`.
    ConnectorStandard {
        Chademo = "CHADEMO",
        Chaoji = "CHAOJI",
        DomesticA = "DOMESTIC_A",
        DomesticB = "DOMESTIC_B",
        DomesticC = "DOMESTIC_C",
        DomesticD = "DOMESTIC_D",
        DomesticE = "DOMESTIC_E",
        /// Schuko.
        DomesticF = "DOMESTIC_F",
        DomesticG = "DOMESTIC_G",
        DomesticH = "DOMESTIC_H",
        DomesticI = "DOMESTIC_I",
        DomesticJ = "DOMESTIC_J",
        DomesticK = "DOMESTIC_K",
        DomesticL = "DOMESTIC_L",
        DomesticM = "DOMESTIC_M",
        DomesticN = "DOMESTIC_N",
        DomesticO = "DOMESTIC_O",
        GbtAc = "GBT_AC",
        GbtDc = "GBT_DC",
        Iec60309Single16 = "IEC_60309_2_single_16",
        Iec60309Three16 = "IEC_60309_2_three_16",
        Iec60309Three32 = "IEC_60309_2_three_32",
        Iec60309Three64 = "IEC_60309_2_three_64",
        Type1 = "IEC_62196_T1",
        Type1Combo = "IEC_62196_T1_COMBO",
        /// Type 2 (Mennekes), the European AC plug.
        Type2 = "IEC_62196_T2",
        /// CCS2, the European DC fast-charging plug.
        Type2Combo = "IEC_62196_T2_COMBO",
        Type3A = "IEC_62196_T3A",
        Type3C = "IEC_62196_T3C",
        Nema520 = "NEMA_5_20",
        Nema630 = "NEMA_6_30",
        Nema650 = "NEMA_6_50",
        Nema1030 = "NEMA_10_30",
        Nema1050 = "NEMA_10_50",
        Nema1430 = "NEMA_14_30",
        Nema1450 = "NEMA_14_50",
        PantographBottomUp = "PANTOGRAPH_BOTTOM_UP",
        PantographTopDown = "PANTOGRAPH_TOP_DOWN",
        TeslaR = "TESLA_R",
        TeslaS = "TESLA_S",
    }
);

ocpi_enum!(
    /// OCPI 2.2.1 `PowerType`.
    PowerType {
        Ac1Phase = "AC_1_PHASE",
        Ac2Phase = "AC_2_PHASE",
        Ac2PhaseSplit = "AC_2_PHASE_SPLIT",
        Ac3Phase = "AC_3_PHASE",
        Dc = "DC",
    }
);

ocpi_enum!(
    /// OCPI 2.2.1 `ConnectorFormat`.
    ConnectorFormat {
        Socket = "SOCKET",
        Cable = "CABLE",
    }
);

/// A connector's maximum power in kW by the OCPI rule: `max_electric_power`
/// (W) when given, else voltage x amperage, x3 for three-phase AC (whose
/// `max_voltage` is line to neutral).
pub fn max_power_kw(
    power_type: PowerType,
    max_voltage: u32,
    max_amperage: u32,
    max_electric_power_w: Option<u32>,
) -> f64 {
    let watts = match max_electric_power_w {
        Some(w) => f64::from(w),
        None => {
            let phases = if power_type == PowerType::Ac3Phase {
                3.0
            } else {
                1.0
            };
            f64::from(max_voltage) * f64::from(max_amperage) * phases
        }
    };
    (watts / 100.0).round() / 10.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChargeConnector {
    /// The connector's id within its EVSE ("1", "2").
    pub id: String,
    pub standard: ConnectorStandard,
    pub format: ConnectorFormat,
    pub power_type: PowerType,
    pub max_voltage: u32,
    pub max_amperage: u32,
    /// By [`max_power_kw`], one decimal.
    pub max_power_kw: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChargeEvse {
    pub uid: String,
    /// eMI3 EVSE id ("BE*ALL*E12345*1"), when the operator gave one.
    pub evse_id: Option<String>,
    pub status: EvseStatus,
    pub connectors: Vec<ChargeConnector>,
    pub last_updated: DateTime<Utc>,
}

/// A charging location with its distance from the searched place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChargeLocation {
    /// The OCPI location id.
    pub id: String,
    pub name: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-3 ("BEL", "NLD", "MCO").
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub operator: Option<String>,
    pub twentyfourseven: bool,
    /// From the searched place, km (one decimal is meaningful).
    pub distance_km: f64,
    /// EVSEs currently `AVAILABLE` / all EVSEs listed (removed ones are not).
    pub available_evses: u32,
    pub total_evses: u32,
    /// The most powerful connector, kW.
    pub max_power_kw: f64,
    pub evses: Vec<ChargeEvse>,
    pub last_updated: DateTime<Utc>,
}

/// GET /charge-points and GET /vehicles/{vin}/charge-points, nearest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChargePointList {
    pub charge_points: Vec<ChargeLocation>,
    pub radius_km: f64,
}

/// The query string of the two searches. Near a place: `lat` and `lon`
/// are required; near the car they must be absent (the car's last parked
/// position is used, never revealed).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargePointQuery {
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Default [`DEFAULT_RADIUS_KM`], at most [`MAX_RADIUS_KM`].
    pub radius_km: Option<f64>,
    /// Only locations with a connector of this standard (OCPI spelling).
    pub standard: Option<String>,
    /// Only connectors of at least this power.
    pub min_power_kw: Option<f64>,
    /// Only EVSEs that are `AVAILABLE` now.
    #[serde(default)]
    pub available: bool,
    pub limit: Option<u32>,
}

/// A valid [`ChargePointQuery`] (the origin comes from the place or the car).
#[derive(Clone, Debug, PartialEq)]
pub struct ChargePointFilter {
    pub radius_km: f64,
    pub standard: Option<ConnectorStandard>,
    pub min_power_kw: f64,
    pub available: bool,
    pub limit: u32,
}

pub mod charge_query_fields {
    pub const LAT: &str = "lat";
    pub const LON: &str = "lon";
    pub const RADIUS_KM: &str = "radius_km";
    pub const STANDARD: &str = "standard";
    pub const MIN_POWER_KW: &str = "min_power_kw";
    pub const LIMIT: &str = "limit";
}

impl ChargePointQuery {
    /// Near a place: the origin and the filter, or every problem by field.
    pub fn near_place(&self) -> Result<((f64, f64), ChargePointFilter), Vec<FieldError>> {
        use charge_query_fields as f;
        let mut errors = Vec::new();
        let lat = match self.lat {
            None => {
                errors.push(FieldError::new(f::LAT, ErrorCode::Required));
                0.0
            }
            Some(v) if !(v.is_finite() && (-90.0..=90.0).contains(&v)) => {
                errors.push(FieldError::new(f::LAT, ErrorCode::CoordinateInvalid));
                0.0
            }
            Some(v) => v,
        };
        let lon = match self.lon {
            None => {
                errors.push(FieldError::new(f::LON, ErrorCode::Required));
                0.0
            }
            Some(v) if !(v.is_finite() && (-180.0..=180.0).contains(&v)) => {
                errors.push(FieldError::new(f::LON, ErrorCode::CoordinateInvalid));
                0.0
            }
            Some(v) => v,
        };
        let filter = self.filter(&mut errors);
        if errors.is_empty() {
            Ok(((lat, lon), filter))
        } else {
            Err(errors)
        }
    }

    /// Near the car: no coordinates may be given.
    pub fn near_vehicle(&self) -> Result<ChargePointFilter, Vec<FieldError>> {
        use charge_query_fields as f;
        let mut errors = Vec::new();
        if self.lat.is_some() {
            errors.push(FieldError::new(f::LAT, ErrorCode::InvalidValue));
        }
        if self.lon.is_some() {
            errors.push(FieldError::new(f::LON, ErrorCode::InvalidValue));
        }
        let filter = self.filter(&mut errors);
        if errors.is_empty() {
            Ok(filter)
        } else {
            Err(errors)
        }
    }

    fn filter(&self, errors: &mut Vec<FieldError>) -> ChargePointFilter {
        use charge_query_fields as f;
        let radius_km = self.radius_km.unwrap_or(DEFAULT_RADIUS_KM);
        if !(radius_km.is_finite() && radius_km > 0.0 && radius_km <= MAX_RADIUS_KM) {
            errors.push(FieldError::new(f::RADIUS_KM, ErrorCode::OutOfRange));
        }
        let standard = match self.standard.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => {
                let found = ConnectorStandard::from_code(code);
                if found.is_none() {
                    errors.push(FieldError::new(f::STANDARD, ErrorCode::InvalidValue));
                }
                found
            }
        };
        let min_power_kw = self.min_power_kw.unwrap_or(0.0);
        if !(min_power_kw.is_finite() && (0.0..=MAX_POWER_FILTER_KW).contains(&min_power_kw)) {
            errors.push(FieldError::new(f::MIN_POWER_KW, ErrorCode::OutOfRange));
        }
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            errors.push(FieldError::new(f::LIMIT, ErrorCode::OutOfRange));
        }
        ChargePointFilter {
            radius_km,
            standard,
            min_power_kw,
            available: self.available,
            limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn power_by_the_ocpi_rule() {
        // 230 V x 32 A x 3 phases = 22.08 kW.
        assert_eq!(max_power_kw(PowerType::Ac3Phase, 230, 32, None), 22.1);
        assert_eq!(max_power_kw(PowerType::Ac1Phase, 230, 16, None), 3.7);
        assert_eq!(max_power_kw(PowerType::Dc, 920, 500, Some(300_000)), 300.0);
        assert_eq!(max_power_kw(PowerType::Dc, 500, 125, None), 62.5);
    }

    #[test]
    fn ocpi_spelling_on_the_wire() {
        let json = serde_json::to_string(&ConnectorStandard::Type2Combo).unwrap();
        assert_eq!(json, "\"IEC_62196_T2_COMBO\"");
        assert_eq!(
            ConnectorStandard::from_code("IEC_60309_2_single_16"),
            Some(ConnectorStandard::Iec60309Single16)
        );
        assert_eq!(
            EvseStatus::from_code("OUTOFORDER"),
            Some(EvseStatus::OutOfOrder)
        );
        assert!(PowerType::from_code("AC").is_none());
    }

    #[test]
    fn queries_name_their_wrong_fields() {
        let q = ChargePointQuery {
            lat: Some(95.0),
            radius_km: Some(0.0),
            standard: Some("TYPE2".into()),
            min_power_kw: Some(-1.0),
            limit: Some(0),
            ..Default::default()
        };
        let fields: Vec<_> = q
            .near_place()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("lat".into(), ErrorCode::CoordinateInvalid),
                ("lon".into(), ErrorCode::Required),
                ("radius_km".into(), ErrorCode::OutOfRange),
                ("standard".into(), ErrorCode::InvalidValue),
                ("min_power_kw".into(), ErrorCode::OutOfRange),
                ("limit".into(), ErrorCode::OutOfRange),
            ]
        );
        let ok = ChargePointQuery {
            lat: Some(43.74),
            lon: Some(7.43),
            standard: Some("IEC_62196_T2".into()),
            ..Default::default()
        };
        let (origin, filter) = ok.near_place().unwrap();
        assert_eq!(origin, (43.74, 7.43));
        assert_eq!(filter.standard, Some(ConnectorStandard::Type2));
        assert_eq!(filter.radius_km, DEFAULT_RADIUS_KM);
        assert!(ok.near_vehicle().is_err());
    }
}
