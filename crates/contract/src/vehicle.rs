//! The garage (C1-C4): vehicles, their users and rights, status, warning
//! lights, service appointments, and location as the SPA reads them
//! (trips: [`crate::trips`]).
//!
//! Times are RFC 3339 in UTC (`2026-03-01T08:15:00Z`); dates are ISO
//! (`2026-05-01`); distances km, volumes litres, energy kWh, power kW.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{ErrorCode, FieldError, Language};

pub const VIN_CHARS: usize = 17;
pub const NICKNAME_MAX_CHARS: usize = 30;
pub const PLATE_MAX_CHARS: usize = 12;
pub const SERVICE_NOTE_MAX_CHARS: usize = 1000;
pub const ACTIVATION_CODE_MAX_CHARS: usize = 64;

/// A vehicle identification number: 17 letters and digits, never I, O or Q;
/// stored upper-case. Leading and trailing white space is ignored; spaces or
/// dashes inside are refused (`vin_invalid_character`), so what is stored is
/// exactly what is on the registration certificate.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Vin(String);

impl Vin {
    /// Rules in order: empty -> `required`; a character other than a letter
    /// or digit -> `vin_invalid_character`; I, O or Q -> `vin_forbidden_letter`;
    /// not 17 characters -> `vin_wrong_length`.
    pub fn parse(raw: &str) -> Result<Vin, ErrorCode> {
        let s = raw.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ErrorCode::VinInvalidCharacter);
        }
        if s.chars().any(|c| matches!(c, 'I' | 'O' | 'Q')) {
            return Err(ErrorCode::VinForbiddenLetter);
        }
        if s.len() != VIN_CHARS {
            return Err(ErrorCode::VinWrongLength);
        }
        Ok(Vin(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// World manufacturer identifier (first three characters).
    pub fn wmi(&self) -> &str {
        &self.0[..3]
    }
}

impl std::fmt::Display for Vin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A licence plate as printed (`1-ABC-234`, `GX-123-B`): letters, digits,
/// dashes and spaces, at most 12 characters, at least one letter and one
/// digit; stored upper-case with spaces turned into dashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LicencePlate(String);

impl LicencePlate {
    pub fn parse(raw: &str) -> Result<LicencePlate, ErrorCode> {
        let s = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .to_uppercase();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        if s.chars().count() > PLATE_MAX_CHARS {
            return Err(ErrorCode::TooLong);
        }
        let ok = s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && s.chars().any(|c| c.is_ascii_alphabetic())
            && s.chars().any(|c| c.is_ascii_digit())
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok {
            Ok(LicencePlate(s))
        } else {
            Err(ErrorCode::PlateInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The owner's name for a vehicle ("Gezinswagen"); empty means none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nickname(String);

impl Nickname {
    pub fn parse(raw: &str) -> Result<Option<Nickname>, ErrorCode> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Ok(None);
        }
        if s.chars().count() > NICKNAME_MAX_CHARS {
            return Err(ErrorCode::TooLong);
        }
        if s.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || "-'’.,&()!?+_/".contains(c))
        {
            Ok(Some(Nickname(s)))
        } else {
            Err(ErrorCode::NicknameInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Powertrain {
    /// Full (self-charging) hybrid: fuel only, drives electrically at times.
    Hybrid,
    /// Plug-in hybrid: battery charged from the grid, fuel engine.
    PlugInHybrid,
    /// Battery electric.
    Electric,
}

impl Powertrain {
    pub fn code(self) -> &'static str {
        match self {
            Powertrain::Hybrid => "hybrid",
            Powertrain::PlugInHybrid => "plug_in_hybrid",
            Powertrain::Electric => "electric",
        }
    }

    pub fn from_code(code: &str) -> Option<Powertrain> {
        [
            Powertrain::Hybrid,
            Powertrain::PlugInHybrid,
            Powertrain::Electric,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }

    pub fn has_fuel(self) -> bool {
        !matches!(self, Powertrain::Electric)
    }

    /// A battery whose level and electric range are reported.
    pub fn has_battery(self) -> bool {
        !matches!(self, Powertrain::Hybrid)
    }
}

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

/// A value as the car last reported it, and when it was measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured<T> {
    pub value: T,
    pub measured_at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; no hurry.
    Info,
    /// Have it checked soon.
    Warning,
    /// Stop safely / do not drive on.
    Critical,
}

/// One text in each language the portal speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Localized {
    pub nl: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
}

impl Localized {
    pub fn get(&self, lang: Language) -> &'static str {
        match lang {
            Language::Nl => self.nl,
            Language::Fr => self.fr,
            Language::En => self.en,
        }
    }
}

/// An entry of the warning-light catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WarningLightInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub title: Localized,
    pub explanation: Localized,
    pub action: Localized,
}

/// Every warning light the telematics side may report.
pub const WARNING_LIGHTS: &[WarningLightInfo] = &[
    WarningLightInfo {
        code: "tyre_pressure_low",
        severity: Severity::Warning,
        title: Localized {
            nl: "Bandenspanning te laag",
            fr: "Pression des pneus trop basse",
            en: "Tyre pressure too low",
        },
        explanation: Localized {
            nl: "De spanning in een of meer banden is lager dan voorgeschreven. Dat verhoogt het verbruik en verlengt de remafstand.",
            fr: "La pression d'un ou de plusieurs pneus est inférieure à la valeur prescrite. Cela augmente la consommation et allonge la distance de freinage.",
            en: "The pressure in one or more tyres is below the recommended value. This increases fuel consumption and lengthens the braking distance.",
        },
        action: Localized {
            nl: "Controleer en corrigeer de bandenspanning bij het volgende tankstation. Brandt het lampje daarna nog, laat de band nakijken.",
            fr: "Contrôlez et corrigez la pression des pneus à la prochaine station-service. Si le témoin reste allumé ensuite, faites vérifier le pneu.",
            en: "Check and correct the tyre pressures at the next filling station. If the light stays on afterwards, have the tyre checked.",
        },
    },
    WarningLightInfo {
        code: "washer_fluid_low",
        severity: Severity::Info,
        title: Localized {
            nl: "Ruitensproeiervloeistof bijna op",
            fr: "Liquide lave-glace presque épuisé",
            en: "Washer fluid almost empty",
        },
        explanation: Localized {
            nl: "Het reservoir van de ruitensproeiers is bijna leeg.",
            fr: "Le réservoir de lave-glace est presque vide.",
            en: "The windscreen washer reservoir is almost empty.",
        },
        action: Localized {
            nl: "Vul ruitensproeiervloeistof bij wanneer het u past.",
            fr: "Remplissez le réservoir de liquide lave-glace quand cela vous convient.",
            en: "Top up the washer fluid when convenient.",
        },
    },
    WarningLightInfo {
        code: "engine_check",
        severity: Severity::Warning,
        title: Localized {
            nl: "Motorstoring",
            fr: "Défaillance moteur",
            en: "Engine fault",
        },
        explanation: Localized {
            nl: "Het motormanagement heeft een storing gevonden, bijvoorbeeld in de uitlaatgasreiniging.",
            fr: "La gestion moteur a détecté une anomalie, par exemple dans le système de dépollution des gaz d'échappement.",
            en: "The engine management system has detected a fault, for example in the exhaust emission control system.",
        },
        action: Localized {
            nl: "U kunt voorzichtig verder rijden. Maak zo snel mogelijk een afspraak bij uw Lexus-dealer.",
            fr: "Vous pouvez continuer à rouler prudemment. Prenez rendez-vous au plus vite chez votre concessionnaire Lexus.",
            en: "You can continue driving carefully. Book an appointment with your Lexus dealer as soon as possible.",
        },
    },
    WarningLightInfo {
        code: "oil_pressure_low",
        severity: Severity::Critical,
        title: Localized {
            nl: "Oliedruk te laag",
            fr: "Pression d'huile trop basse",
            en: "Oil pressure too low",
        },
        explanation: Localized {
            nl: "De motor krijgt te weinig olie. Verder rijden kan de motor ernstig beschadigen.",
            fr: "Le moteur ne reçoit pas assez d'huile. Continuer à rouler peut gravement endommager le moteur.",
            en: "The engine is not getting enough oil. Driving on may seriously damage the engine.",
        },
        action: Localized {
            nl: "Stop zodra het veilig kan, zet de motor af en bel de Lexus Assistance.",
            fr: "Arrêtez-vous dès que vous pouvez le faire en toute sécurité, coupez le moteur et appelez Lexus Assistance.",
            en: "Stop as soon as it is safe to do so, switch off the engine and call Lexus Assistance.",
        },
    },
    WarningLightInfo {
        code: "brake_system",
        severity: Severity::Critical,
        title: Localized {
            nl: "Storing in het remsysteem",
            fr: "Défaillance du système de freinage",
            en: "Brake system fault",
        },
        explanation: Localized {
            nl: "Het remsysteem meldt een storing of te weinig remvloeistof.",
            fr: "Le système de freinage signale une défaillance ou un niveau de liquide de frein insuffisant.",
            en: "The brake system reports a fault or too little brake fluid.",
        },
        action: Localized {
            nl: "Stop zodra het veilig kan en rijd niet verder. Bel de Lexus Assistance.",
            fr: "Arrêtez-vous dès que vous pouvez le faire en toute sécurité et ne reprenez pas la route. Appelez Lexus Assistance.",
            en: "Stop as soon as it is safe to do so and do not drive on. Call Lexus Assistance.",
        },
    },
    WarningLightInfo {
        code: "hybrid_system",
        severity: Severity::Warning,
        title: Localized {
            nl: "Controleer het hybridesysteem",
            fr: "Vérifiez le système hybride",
            en: "Check hybrid system",
        },
        explanation: Localized {
            nl: "Het hybridesysteem heeft een storing gevonden. Het vermogen kan beperkt zijn.",
            fr: "Le système hybride a détecté une anomalie. La puissance peut être limitée.",
            en: "The hybrid system has detected a fault. Power may be limited.",
        },
        action: Localized {
            nl: "Laat de wagen zo snel mogelijk nakijken door uw Lexus-dealer.",
            fr: "Faites contrôler le véhicule au plus vite par votre concessionnaire Lexus.",
            en: "Have the car checked by your Lexus dealer as soon as possible.",
        },
    },
    WarningLightInfo {
        code: "battery_12v_low",
        severity: Severity::Warning,
        title: Localized {
            nl: "12V-accu zwak",
            fr: "Batterie 12 V faible",
            en: "12V battery low",
        },
        explanation: Localized {
            nl: "De spanning van de 12V-accu is laag. De wagen start misschien niet meer.",
            fr: "La tension de la batterie 12 V est basse. Il se peut que le véhicule ne démarre plus.",
            en: "The voltage of the 12V battery is low. The car may no longer start.",
        },
        action: Localized {
            nl: "Maak een langere rit of laat de accu testen bij uw Lexus-dealer.",
            fr: "Faites un trajet plus long ou faites tester la batterie chez votre concessionnaire Lexus.",
            en: "Take a longer drive or have the battery tested by your Lexus dealer.",
        },
    },
    WarningLightInfo {
        code: "coolant_temperature_high",
        severity: Severity::Critical,
        title: Localized {
            nl: "Koelvloeistof te warm",
            fr: "Liquide de refroidissement trop chaud",
            en: "Coolant too hot",
        },
        explanation: Localized {
            nl: "De motor of het hybridesysteem wordt te warm.",
            fr: "Le moteur ou le système hybride surchauffe.",
            en: "The engine or hybrid system is overheating.",
        },
        action: Localized {
            nl: "Stop zodra het veilig kan, laat de motor afkoelen en bel de Lexus Assistance.",
            fr: "Arrêtez-vous dès que vous pouvez le faire en toute sécurité, laissez refroidir le moteur et appelez Lexus Assistance.",
            en: "Stop as soon as it is safe to do so, let the engine cool down and call Lexus Assistance.",
        },
    },
    WarningLightInfo {
        code: "adas_unavailable",
        severity: Severity::Info,
        title: Localized {
            nl: "Rijhulpsystemen tijdelijk niet beschikbaar",
            fr: "Aides à la conduite temporairement indisponibles",
            en: "Driver assistance systems temporarily unavailable",
        },
        explanation: Localized {
            nl: "Een camera of radar is vuil of geblokkeerd, bijvoorbeeld door sneeuw of vuil.",
            fr: "Une caméra ou un radar est sale ou obstrué, par exemple par de la neige ou de la saleté.",
            en: "A camera or radar sensor is dirty or blocked, for example by snow or dirt.",
        },
        action: Localized {
            nl: "Maak de voorruit en de sensoren in de voorbumper schoon.",
            fr: "Nettoyez le pare-brise et les capteurs du bouclier avant.",
            en: "Clean the windscreen and the sensors in the front bumper.",
        },
    },
];

pub fn warning_light(code: &str) -> Option<&'static WarningLightInfo> {
    WARNING_LIGHTS.iter().find(|w| w.code == code)
}

/// A warning light that is on, explained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningLight {
    pub code: String,
    pub severity: Severity,
    pub title: String,
    pub explanation: String,
    pub action: String,
    /// First reported on.
    pub since: DateTime<Utc>,
    /// Last reported on.
    pub measured_at: DateTime<Utc>,
}

impl WarningLight {
    /// The catalog entry `info` in `lang`.
    pub fn from_catalog(
        info: &WarningLightInfo,
        lang: Language,
        since: DateTime<Utc>,
        measured_at: DateTime<Utc>,
    ) -> WarningLight {
        WarningLight {
            code: info.code.to_owned(),
            severity: info.severity,
            title: info.title.get(lang).to_owned(),
            explanation: info.explanation.get(lang).to_owned(),
            action: info.action.get(lang).to_owned(),
            since,
            measured_at,
        }
    }
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

/// POST /vehicles/{vin}/service-requests: ask the preferred dealer for an
/// appointment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRequestCreate {
    /// Must be after today.
    pub preferred_date: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

pub mod service_request_fields {
    pub const PREFERRED_DATE: &str = "preferred_date";
    pub const NOTE: &str = "note";
}

impl ServiceRequestCreate {
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        use service_request_fields as f;
        let mut errors = Vec::new();
        match self.preferred_date {
            None => errors.push(FieldError::new(f::PREFERRED_DATE, ErrorCode::Required)),
            Some(d) if d <= today => {
                errors.push(FieldError::new(f::PREFERRED_DATE, ErrorCode::DateInPast))
            }
            Some(d) if d > today + chrono::Days::new(366) => {
                errors.push(FieldError::new(f::PREFERRED_DATE, ErrorCode::OutOfRange))
            }
            Some(_) => {}
        }
        if self.note.chars().count() > SERVICE_NOTE_MAX_CHARS {
            errors.push(FieldError::new(f::NOTE, ErrorCode::TooLong));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequest {
    pub id: i64,
    pub vin: String,
    pub preferred_date: NaiveDate,
    pub note: String,
    /// None until the dealer directory (B2) exists.
    pub dealer_id: Option<i64>,
    /// "requested"
    pub status: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequestList {
    /// Newest first (`?limit=&before_id=`).
    pub requests: Vec<ServiceRequest>,
    /// Pass as `before_id` to get the next (older) page.
    #[serde(default)]
    pub next_before_id: Option<i64>,
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

/// POST /vehicles/{vin}/invitations (main user).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Expired,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub status: InvitationStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A secondary user of a vehicle, as the main user sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondaryUser {
    pub user_id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub added_at: DateTime<Utc>,
}

/// GET /vehicles/{vin}/users (main user).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehicleUsers {
    pub users: Vec<SecondaryUser>,
    /// Not yet accepted (pending or expired; accepted and revoked ones are
    /// gone), newest first, one page (`?limit=&before_id=`).
    pub invitations: Vec<Invitation>,
    /// Pass as `before_id` to get the next (older) page of invitations.
    #[serde(default)]
    pub next_before_id: Option<i64>,
}

/// POST /invitations/accept: the token from the invitation mail; the
/// signed-in account's address must be the invited one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    pub token: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vin_accepts_valid_and_normalises() {
        let v = Vin::parse("  jthbaahb2p1234567 ").unwrap();
        assert_eq!(v.as_str(), "JTHBAAHB2P1234567");
        assert_eq!(v.wmi(), "JTH");
    }

    #[test]
    fn vin_rules_have_distinct_codes() {
        assert_eq!(Vin::parse(""), Err(ErrorCode::Required));
        assert_eq!(Vin::parse("   "), Err(ErrorCode::Required));
        assert_eq!(
            Vin::parse("JTHBAAHB2P123456"),
            Err(ErrorCode::VinWrongLength)
        );
        assert_eq!(
            Vin::parse("JTHBAAHB2P12345678"),
            Err(ErrorCode::VinWrongLength)
        );
        for bad in [
            "JTHBAAHB2P12345I7",
            "JTHBAAHB2P12345O7",
            "JTHBAAHB2P12345Q7",
        ] {
            assert_eq!(Vin::parse(bad), Err(ErrorCode::VinForbiddenLetter), "{bad}");
        }
        // lower-case forbidden letters too
        assert_eq!(
            Vin::parse("jthbaahb2p12345o7"),
            Err(ErrorCode::VinForbiddenLetter)
        );
        // forbidden letter wins over a wrong length
        assert_eq!(Vin::parse("JTHO"), Err(ErrorCode::VinForbiddenLetter));
        for bad in [
            "JTHBAAHB2P-234567",
            "JTHBAAHB2P 234567",
            "JTHBAAHB2P12345É7",
            "JTHBAAHB2P12345*7",
        ] {
            assert_eq!(
                Vin::parse(bad),
                Err(ErrorCode::VinInvalidCharacter),
                "{bad}"
            );
        }
    }

    #[test]
    fn vin_codes_have_dutch_messages_and_stable_names() {
        for (code, name) in [
            (ErrorCode::VinWrongLength, "vin_wrong_length"),
            (ErrorCode::VinForbiddenLetter, "vin_forbidden_letter"),
            (ErrorCode::VinInvalidCharacter, "vin_invalid_character"),
            (ErrorCode::VinUnknown, "vin_unknown"),
        ] {
            assert_eq!(code.as_str(), name);
            assert_eq!(code.http_status(), 422);
            assert!(!code.message(crate::Language::Nl).is_empty());
            assert_eq!(
                serde_json_name(code),
                format!("\"{name}\""),
                "serde and as_str agree"
            );
        }
    }

    fn serde_json_name(code: ErrorCode) -> String {
        serde_json::to_string(&code).unwrap()
    }

    #[test]
    fn plates() {
        assert_eq!(
            LicencePlate::parse("1-abc-234").unwrap().as_str(),
            "1-ABC-234"
        );
        assert_eq!(
            LicencePlate::parse(" 1 ABC 234 ").unwrap().as_str(),
            "1-ABC-234"
        );
        assert_eq!(
            LicencePlate::parse("GX-123-B").unwrap().as_str(),
            "GX-123-B"
        );
        assert_eq!(LicencePlate::parse(""), Err(ErrorCode::Required));
        assert_eq!(LicencePlate::parse("ABC"), Err(ErrorCode::PlateInvalid));
        assert_eq!(
            LicencePlate::parse("1-AB/C-23"),
            Err(ErrorCode::PlateInvalid)
        );
        assert_eq!(
            LicencePlate::parse("1-ABC-234-5678"),
            Err(ErrorCode::TooLong)
        );
    }

    #[test]
    fn nicknames() {
        assert_eq!(Nickname::parse("  "), Ok(None));
        assert_eq!(
            Nickname::parse(" Sofie's  NX ").unwrap().unwrap().as_str(),
            "Sofie's NX"
        );
        assert_eq!(Nickname::parse(&"x".repeat(31)), Err(ErrorCode::TooLong));
        assert_eq!(Nickname::parse("<script>"), Err(ErrorCode::NicknameInvalid));
    }

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

    #[test]
    fn warning_catalog_is_complete() {
        for w in WARNING_LIGHTS {
            assert_eq!(warning_light(w.code), Some(w));
        }
    }

    #[test]
    fn warning_catalog_speaks_every_language() {
        for w in WARNING_LIGHTS {
            for (field, texts) in [
                ("title", w.title),
                ("explanation", w.explanation),
                ("action", w.action),
            ] {
                let all = Language::ALL.map(|l| texts.get(l));
                for (lang, text) in Language::ALL.iter().zip(all) {
                    assert!(
                        !text.trim().is_empty(),
                        "{} {field} {lang:?} is empty",
                        w.code
                    );
                }
                assert!(
                    all[0] != all[1] && all[0] != all[2] && all[1] != all[2],
                    "{} {field} is not translated: {all:?}",
                    w.code
                );
            }
        }
    }
}
