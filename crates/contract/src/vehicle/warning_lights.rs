//! The warning-light catalog (C4) in every language, and a light that is on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Language;

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

#[cfg(test)]
mod tests {
    use super::*;

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
