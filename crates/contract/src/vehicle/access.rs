//! Roles and rights on a vehicle, the garage list, adding (C1) and
//! renaming a vehicle.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{LicencePlate, Nickname, Powertrain, Vin};
use crate::{ErrorCode, FieldError};

pub const ACTIVATION_CODE_MAX_CHARS: usize = 64;

/// A person's relation to a vehicle (seed 002 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VehicleRole {
    /// Hoofdgebruiker: one per vehicle, usually the owner.
    Main,
    /// Secundaire gebruiker: invited by the main user.
    Secondary,
}

impl VehicleRole {
    pub fn code(self) -> &'static str {
        match self {
            VehicleRole::Main => "main",
            VehicleRole::Secondary => "secondary",
        }
    }

    pub fn from_code(code: &str) -> Option<VehicleRole> {
        match code {
            "main" => Some(VehicleRole::Main),
            "secondary" => Some(VehicleRole::Secondary),
            _ => None,
        }
    }

    pub fn permissions(self) -> VehiclePermissions {
        match self {
            VehicleRole::Main => VehiclePermissions::MAIN,
            VehicleRole::Secondary => VehiclePermissions::SECONDARY,
        }
    }
}

/// What the signed-in user may do with a vehicle. The SPA shows or hides
/// actions with these; the server enforces the same table.
///
/// Seed 002 §5: the main user activates services, adds the vehicle, sees
/// its location and trips, books service, uses remote services and manages
/// payment. A secondary user has the vehicle in the garage, books service
/// and connects to the head unit; location and trip data stay with the main
/// user. Only the main user renames, removes the vehicle for everyone and
/// manages the secondary users (a secondary user can only end their own
/// access).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehiclePermissions {
    /// Odometer, fuel, battery, range, warning lights, service due, privacy mode.
    pub can_see_status: bool,
    /// Parked position and navigation destination (find my car, car to door).
    pub can_see_location: bool,
    /// Trips, driving analysis and hybrid coaching.
    pub can_see_trips: bool,
    /// Request a service appointment.
    pub can_request_service: bool,
    /// Change nickname and licence plate.
    pub can_rename: bool,
    /// Remove the vehicle from the garage of every user.
    pub can_remove: bool,
    /// Invite and revoke secondary users.
    pub can_manage_users: bool,
    /// Activate and cancel services (F1).
    pub can_manage_services: bool,
    /// Remote services (F4).
    pub can_use_remote: bool,
}

impl VehiclePermissions {
    pub const MAIN: VehiclePermissions = VehiclePermissions {
        can_see_status: true,
        can_see_location: true,
        can_see_trips: true,
        can_request_service: true,
        can_rename: true,
        can_remove: true,
        can_manage_users: true,
        can_manage_services: true,
        can_use_remote: true,
    };
    pub const SECONDARY: VehiclePermissions = VehiclePermissions {
        can_see_status: true,
        can_see_location: false,
        can_see_trips: false,
        can_request_service: true,
        can_rename: false,
        can_remove: false,
        can_manage_users: false,
        can_manage_services: false,
        can_use_remote: false,
    };
}

/// One vehicle in the garage list (GET /vehicles) and its detail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VehicleSummary {
    pub vin: String,
    /// "NX 450h+"
    pub model: String,
    /// Artwork key, e.g. "nx": `/models/{model_family}.svg`.
    pub model_family: String,
    pub model_year: u16,
    pub powertrain: Powertrain,
    pub licence_plate: String,
    /// Empty when none was given.
    pub nickname: String,
    pub role: VehicleRole,
    pub permissions: VehiclePermissions,
    /// When this user got access (trips before this time are not shown).
    pub added_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VehicleList {
    pub vehicles: Vec<VehicleSummary>,
}

/// POST /vehicles: add a vehicle, proving access with the current odometer
/// reading or the activation code (the QR code's content in the car).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddVehicleRequest {
    pub vin: String,
    pub licence_plate: String,
    #[serde(default)]
    pub nickname: String,
    /// Kilometres as on the dashboard.
    #[serde(default)]
    pub odometer_km: Option<f64>,
    #[serde(default)]
    pub activation_code: Option<String>,
}

pub mod add_vehicle_fields {
    pub const VIN: &str = "vin";
    pub const LICENCE_PLATE: &str = "licence_plate";
    pub const NICKNAME: &str = "nickname";
    pub const ODOMETER_KM: &str = "odometer_km";
    pub const ACTIVATION_CODE: &str = "activation_code";
}

/// How access to a vehicle is proven.
#[derive(Clone, Debug, PartialEq)]
pub enum AccessProof {
    Odometer(f64),
    ActivationCode(String),
}

/// A valid [`AddVehicleRequest`].
#[derive(Clone, Debug, PartialEq)]
pub struct NewVehicle {
    pub vin: Vin,
    pub licence_plate: LicencePlate,
    pub nickname: Option<Nickname>,
    pub proof: AccessProof,
}

impl AddVehicleRequest {
    /// Checks the form; every problem at once, in the order of the form. An
    /// activation code, when given, is preferred over the odometer.
    pub fn parse(&self) -> Result<NewVehicle, Vec<FieldError>> {
        use add_vehicle_fields as f;
        let mut errors = Vec::new();
        let vin = Vin::parse(&self.vin).map_err(|c| errors.push(FieldError::new(f::VIN, c)));
        let plate = LicencePlate::parse(&self.licence_plate)
            .map_err(|c| errors.push(FieldError::new(f::LICENCE_PLATE, c)));
        let nickname = Nickname::parse(&self.nickname)
            .map_err(|c| errors.push(FieldError::new(f::NICKNAME, c)));
        let code = self
            .activation_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let proof = match (code, self.odometer_km) {
            (Some(code), _) if code.chars().count() > ACTIVATION_CODE_MAX_CHARS => {
                errors.push(FieldError::new(f::ACTIVATION_CODE, ErrorCode::TooLong));
                None
            }
            (Some(code), _) => Some(AccessProof::ActivationCode(code.to_owned())),
            (None, Some(km)) if km.is_finite() && (0.0..=2_000_000.0).contains(&km) => {
                Some(AccessProof::Odometer(km))
            }
            (None, Some(_)) => {
                errors.push(FieldError::new(f::ODOMETER_KM, ErrorCode::OutOfRange));
                None
            }
            (None, None) => {
                errors.push(FieldError::new(f::ODOMETER_KM, ErrorCode::ProofRequired));
                None
            }
        };
        match (vin, plate, nickname, proof) {
            (Ok(vin), Ok(licence_plate), Ok(nickname), Some(proof)) if errors.is_empty() => {
                Ok(NewVehicle {
                    vin,
                    licence_plate,
                    nickname,
                    proof,
                })
            }
            _ => Err(errors),
        }
    }
}

/// PATCH /vehicles/{vin}: rename (main user only). Absent fields stay.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateVehicleRequest {
    #[serde(default)]
    pub nickname: Option<String>,
    #[serde(default)]
    pub licence_plate: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_vehicle_reports_every_field() {
        let req = AddVehicleRequest {
            vin: "JTHO".into(),
            licence_plate: "".into(),
            nickname: "ok".into(),
            odometer_km: None,
            activation_code: None,
        };
        let errs = req.parse().unwrap_err();
        let codes: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("vin", ErrorCode::VinForbiddenLetter),
                ("licence_plate", ErrorCode::Required),
                ("odometer_km", ErrorCode::ProofRequired),
            ]
        );
        let ok = AddVehicleRequest {
            vin: "JTHBAAHB2P1234567".into(),
            licence_plate: "1-abc-234".into(),
            nickname: "".into(),
            odometer_km: Some(12345.0),
            activation_code: Some("  ".into()),
        }
        .parse()
        .unwrap();
        assert_eq!(ok.proof, AccessProof::Odometer(12345.0));
        assert_eq!(ok.nickname, None);
    }

    #[test]
    fn secondary_users_cannot_see_location_or_trips() {
        let s = VehicleRole::Secondary.permissions();
        assert!(s.can_see_status && s.can_request_service);
        assert!(!s.can_see_location && !s.can_see_trips);
        assert!(!s.can_manage_users && !s.can_rename && !s.can_remove);
        let m = VehicleRole::Main.permissions();
        assert!(m.can_manage_users && m.can_see_trips && m.can_see_location);
    }
}
