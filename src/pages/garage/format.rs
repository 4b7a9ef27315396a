//! How the garage shows distances, percentages, the age of a value and its
//! own names (numbers and dates themselves: `crate::format`).

use chrono::{DateTime, Utc};
use mijn_lexus_contract::charger::ChargerState;
use mijn_lexus_contract::vehicle::{Powertrain, VehicleRole};

use crate::format::TimeUnit;
use crate::i18n::t;

/// How long ago something was measured, in the largest whole unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    /// Less than a minute (or a clock slightly ahead of ours).
    Now,
    Minutes(i64),
    Hours(i64),
    Days(i64),
}

pub fn age(then: DateTime<Utc>, now: DateTime<Utc>) -> Age {
    let minutes = (now - then).num_minutes();
    match minutes {
        m if m < 1 => Age::Now,
        m if m < 60 => Age::Minutes(m),
        m if m < 24 * 60 => Age::Hours(m / 60),
        m => Age::Days(m / (24 * 60)),
    }
}

/// "3 uur geleden" / "il y a 3 heures" / "3 hours ago", worded by the
/// browser (`Intl.RelativeTimeFormat`, which also knows the plural forms);
/// less than a minute is the pack's own word ("zonet").
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let (n, unit) = match age(then, now) {
        Age::Now => return t().garage.ago_now.to_string(),
        Age::Minutes(n) => (n, TimeUnit::Minute),
        Age::Hours(n) => (n, TimeUnit::Hour),
        Age::Days(n) => (n, TimeUnit::Day),
    };
    crate::format::relative_past(n, unit)
}

/// "12.345 km"
pub fn km(value: f64) -> String {
    t().garage.unit_km(&crate::format::fixed(value, 0))
}

/// "60 %"
pub fn percent(value: f64) -> String {
    t().garage.unit_percent(&crate::format::fixed(value, 0))
}

pub fn powertrain(p: Powertrain) -> &'static str {
    let g = &t().garage;
    match p {
        Powertrain::Hybrid => &g.powertrain_hybrid,
        Powertrain::PlugInHybrid => &g.powertrain_plug_in_hybrid,
        Powertrain::Electric => &g.powertrain_electric,
    }
}

pub fn role(r: VehicleRole) -> &'static str {
    let g = &t().garage;
    match r {
        VehicleRole::Main => &g.role_main,
        VehicleRole::Secondary => &g.role_secondary,
    }
}

pub fn charger_state(s: Option<ChargerState>) -> &'static str {
    let g = &t().garage;
    match s {
        None => &g.charger_state_unknown,
        Some(ChargerState::Idle) => &g.charger_state_idle,
        Some(ChargerState::Charging) => &g.charger_state_charging,
        Some(ChargerState::Error) => &g.charger_state_error,
    }
}

/// Families with their own artwork in public/vehicles/.
const FAMILIES: [&str; 3] = ["ux", "nx", "rz"];

/// The picture of a model family; a generic Lexus for a family we have no
/// drawing of.
pub fn picture(family: &str) -> String {
    let family = if FAMILIES.contains(&family) {
        family
    } else {
        "generic"
    };
    crate::config::config().asset(&format!("vehicles/{family}.svg"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn ages_use_the_largest_whole_unit() {
        let now = at("2026-03-01T12:00:00Z");
        assert_eq!(age(now, now), Age::Now);
        assert_eq!(age(now - Duration::seconds(59), now), Age::Now);
        // A car clock slightly ahead is "now", not "in the future".
        assert_eq!(age(now + Duration::seconds(30), now), Age::Now);
        assert_eq!(age(now - Duration::seconds(60), now), Age::Minutes(1));
        assert_eq!(age(now - Duration::minutes(59), now), Age::Minutes(59));
        assert_eq!(age(now - Duration::minutes(60), now), Age::Hours(1));
        assert_eq!(
            age(now - Duration::minutes(3 * 60 + 59), now),
            Age::Hours(3)
        );
        assert_eq!(age(now - Duration::hours(23), now), Age::Hours(23));
        assert_eq!(age(now - Duration::hours(24), now), Age::Days(1));
        assert_eq!(age(now - Duration::days(40), now), Age::Days(40));
    }
}
