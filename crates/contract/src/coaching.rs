//! Hybrid coaching (E3): per trip the EV share, the hybrid score and its
//! parts with advice, and per vehicle the same per ISO week and per month
//! (Europe/Brussels, [`crate::trips::brussels`]).
//!
//! Advice has a stable `code` and its `text` in the request's language (the
//! texts live here, like the warning-light catalog).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::telematics::DrivingEventKind;
use crate::trips::TripSummary;
use crate::vehicle::Localized;
use crate::Language;

/// A part of the hybrid score is "weak" below this.
pub const WEAK_PART: u8 = 80;
/// At most this many advice items per trip.
pub const MAX_ADVICE: usize = 3;
/// Best and worst trips shown on the coaching page.
pub const BEST_WORST_COUNT: usize = 3;

/// `part` of `whole` in percent, 0-100 (none when `whole` is about zero).
pub fn share_pct(part: f64, whole: f64) -> Option<u8> {
    (whole > 1e-6).then(|| (part / whole * 100.0).round().clamp(0.0, 100.0) as u8)
}

/// l/100 km, one decimal (none below 0.1 km, where it means nothing).
pub fn consumption_l_100km(fuel_l: f64, distance_km: f64) -> Option<f64> {
    (distance_km > 0.1).then(|| (fuel_l / distance_km * 1000.0).round() / 10.0)
}

/// The parts of the hybrid score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScorePart {
    Acceleration,
    Braking,
    ConstantSpeed,
}

/// Concrete advice, derived from the weakest part and the trip's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdviceCode {
    GentleAcceleration,
    AnticipateBraking,
    SteadySpeed,
    AvoidHarshBraking,
    AvoidHarshAcceleration,
    SlowerCorners,
    MoreElectric,
    KeepItUp,
}

impl AdviceCode {
    pub fn text(self) -> Localized {
        use AdviceCode::*;
        match self {
            GentleAcceleration => Localized {
                nl: "Trek geleidelijk op: tot ongeveer 50 km/u kan de wagen elektrisch blijven rijden als u het gaspedaal rustig indrukt.",
                fr: "Accélérez progressivement : jusqu'à environ 50 km/h, la voiture peut rester en mode électrique si vous appuyez doucement sur l'accélérateur.",
                en: "Accelerate gradually: up to about 50 km/h the car can stay electric if you press the accelerator gently.",
            },
            AnticipateBraking => Localized {
                nl: "Kijk verder vooruit en laat het gaspedaal vroeger los: rustig remmen laadt de batterij op, hard remmen verspilt die energie.",
                fr: "Regardez plus loin et relâchez l'accélérateur plus tôt : un freinage doux recharge la batterie, un freinage brusque gaspille cette énergie.",
                en: "Look further ahead and lift off earlier: gentle braking charges the battery, hard braking wastes that energy.",
            },
            SteadySpeed => Localized {
                nl: "Houd een constante snelheid aan, op de snelweg met de cruise control: elke versnelling kost brandstof.",
                fr: "Gardez une vitesse constante, sur l'autoroute avec le régulateur de vitesse : chaque accélération coûte du carburant.",
                en: "Keep a steady speed, on the motorway with cruise control: every acceleration costs fuel.",
            },
            AvoidHarshBraking => Localized {
                nl: "Tijdens deze rit remde u plots. Houd meer afstand, dan kunt u rustiger vertragen.",
                fr: "Pendant ce trajet, vous avez freiné brusquement. Gardez plus de distance pour pouvoir ralentir calmement.",
                en: "You braked sharply during this trip. Keep more distance so you can slow down calmly.",
            },
            AvoidHarshAcceleration => Localized {
                nl: "Tijdens deze rit trok u krachtig op. Zacht optrekken spaart brandstof en houdt de motor vaker uit.",
                fr: "Pendant ce trajet, vous avez accéléré fortement. Une accélération douce économise du carburant et laisse le moteur plus souvent à l'arrêt.",
                en: "You accelerated hard during this trip. Gentle acceleration saves fuel and keeps the engine off more often.",
            },
            SlowerCorners => Localized {
                nl: "Tijdens deze rit nam u een bocht scherp. Vertraag vóór de bocht en versnel pas erna.",
                fr: "Pendant ce trajet, vous avez pris un virage serré. Ralentissez avant le virage et n'accélérez qu'après.",
                en: "You took a corner sharply during this trip. Slow down before the corner and accelerate only after it.",
            },
            MoreElectric => Localized {
                nl: "U reed weinig elektrisch. In de stad en bij lage snelheid rijdt de wagen vaker elektrisch als u het gaspedaal licht houdt.",
                fr: "Vous avez peu roulé en électrique. En ville et à basse vitesse, la voiture roule plus souvent en électrique si vous gardez le pied léger.",
                en: "Little of this trip was electric. In town and at low speed the car drives electrically more often with a light foot.",
            },
            KeepItUp => Localized {
                nl: "Mooi gereden: vlot, voorspelbaar en zuinig. Zo houden!",
                fr: "Belle conduite : fluide, prévisible et économe. Continuez ainsi !",
                en: "Nicely driven: smooth, predictable and economical. Keep it up!",
            },
        }
    }

    fn for_part(part: ScorePart) -> AdviceCode {
        match part {
            ScorePart::Acceleration => AdviceCode::GentleAcceleration,
            ScorePart::Braking => AdviceCode::AnticipateBraking,
            ScorePart::ConstantSpeed => AdviceCode::SteadySpeed,
        }
    }

    fn for_event(kind: DrivingEventKind) -> AdviceCode {
        match kind {
            DrivingEventKind::HarshBraking => AdviceCode::AvoidHarshBraking,
            DrivingEventKind::HarshAcceleration => AdviceCode::AvoidHarshAcceleration,
            DrivingEventKind::HarshCornering => AdviceCode::SlowerCorners,
        }
    }
}

/// One advice item: its stable code and its text in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub code: AdviceCode,
    pub text: String,
}

/// The coaching of one trip (in `TripDetail`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TripCoaching {
    pub ev_share_distance_pct: Option<u8>,
    pub ev_share_time_pct: Option<u8>,
    pub hybrid_score: Option<u8>,
    pub acceleration: Option<u8>,
    pub braking: Option<u8>,
    pub constant_speed: Option<u8>,
    /// The lowest part (none when no part was reported).
    pub weakest: Option<ScorePart>,
    /// Most useful first, at most [`MAX_ADVICE`].
    pub advice: Vec<Advice>,
}

/// What a trip's coaching is computed from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoachingInput {
    pub acceleration: Option<u8>,
    pub braking: Option<u8>,
    pub constant_speed: Option<u8>,
    pub ev_share_distance_pct: Option<u8>,
    /// A car that can drive on fuel (EV share advice makes sense).
    pub has_engine: bool,
    pub events: Vec<DrivingEventKind>,
}

impl CoachingInput {
    /// The weakest part (first of acceleration, braking, constant speed on a tie).
    pub fn weakest(&self) -> Option<(ScorePart, u8)> {
        [
            (ScorePart::Acceleration, self.acceleration),
            (ScorePart::Braking, self.braking),
            (ScorePart::ConstantSpeed, self.constant_speed),
        ]
        .into_iter()
        .filter_map(|(p, s)| s.map(|s| (p, s)))
        .fold(None, |low: Option<(ScorePart, u8)>, (p, s)| match low {
            Some((_, l)) if l <= s => low,
            _ => Some((p, s)),
        })
    }

    /// Advice: the weakest part's when it is below [`WEAK_PART`], then one
    /// per kind of harsh event (most frequent first), then more electric
    /// driving when under a third of the distance was electric; "keep it
    /// up" when there is nothing to improve.
    pub fn advice(&self) -> Vec<AdviceCode> {
        let mut out = Vec::new();
        if let Some((part, score)) = self.weakest() {
            if score < WEAK_PART {
                out.push(AdviceCode::for_part(part));
            }
        }
        let mut kinds: Vec<(DrivingEventKind, usize)> = Vec::new();
        for kind in &self.events {
            match kinds.iter_mut().find(|(k, _)| k == kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((*kind, 1)),
            }
        }
        kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
        out.extend(kinds.into_iter().map(|(k, _)| AdviceCode::for_event(k)));
        if self.has_engine && self.ev_share_distance_pct.is_some_and(|p| p < 33) {
            out.push(AdviceCode::MoreElectric);
        }
        if out.is_empty() {
            out.push(AdviceCode::KeepItUp);
        }
        out.truncate(MAX_ADVICE);
        out
    }

    pub fn coaching(
        &self,
        hybrid_score: Option<u8>,
        ev_share_time_pct: Option<u8>,
        lang: Language,
    ) -> TripCoaching {
        TripCoaching {
            ev_share_distance_pct: self.ev_share_distance_pct,
            ev_share_time_pct,
            hybrid_score,
            acceleration: self.acceleration,
            braking: self.braking,
            constant_speed: self.constant_speed,
            weakest: self.weakest().map(|(p, _)| p),
            advice: self
                .advice()
                .into_iter()
                .map(|code| Advice {
                    code,
                    text: code.text().get(lang).to_owned(),
                })
                .collect(),
        }
    }
}

/// GET /vehicles/{vin}/coaching?from=&to= (default: the 12 months up to
/// today): the owner's hybrid driving over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoachingOverview {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every ISO week touching the period, oldest first (empty weeks too).
    pub weeks: Vec<CoachingPeriod>,
    /// Every month touching the period, oldest first (empty months too).
    pub months: Vec<CoachingPeriod>,
    /// The month of `to`, against all earlier months of the period together
    /// (none when the period starts in the month of `to`).
    pub this_month: CoachingPeriod,
    pub previous_months: Option<CoachingPeriod>,
    /// Highest and lowest hybrid score in the period ([`BEST_WORST_COUNT`]).
    pub best_trips: Vec<TripSummary>,
    pub worst_trips: Vec<TripSummary>,
    /// Privacy mode: the best and worst trips come without places.
    pub positions_hidden: bool,
}

/// The trips that started in one period (Brussels dates, both included).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoachingPeriod {
    /// `2026-W53`, `2026-12`, or `2026-01-01/2026-11-30`.
    pub period: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub trips: u32,
    pub distance_km: f64,
    pub duration_s: u64,
    pub fuel_used_l: f64,
    /// The distance split: electric, eco zone, power zone, and the rest
    /// (normal driving); the four add up to `distance_km`.
    pub ev_distance_km: f64,
    pub eco_distance_km: f64,
    pub power_distance_km: f64,
    pub other_distance_km: f64,
    pub ev_time_s: u64,
    pub ev_share_distance_pct: Option<u8>,
    pub ev_share_time_pct: Option<u8>,
    /// Hybrid score weighted by distance (trips without a score left out).
    pub hybrid_score: Option<u8>,
    pub average_consumption_l_100km: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use DrivingEventKind::*;

    fn input(a: u8, b: u8, c: u8, events: Vec<DrivingEventKind>) -> CoachingInput {
        CoachingInput {
            acceleration: Some(a),
            braking: Some(b),
            constant_speed: Some(c),
            ev_share_distance_pct: Some(50),
            has_engine: true,
            events,
        }
    }

    #[test]
    fn advice_follows_the_weakest_part_and_the_events() {
        assert_eq!(
            input(90, 62, 70, vec![]).advice(),
            vec![AdviceCode::AnticipateBraking]
        );
        assert_eq!(
            input(90, 95, 88, vec![]).advice(),
            vec![AdviceCode::KeepItUp]
        );
        assert_eq!(
            input(
                60,
                60,
                90,
                vec![HarshCornering, HarshAcceleration, HarshAcceleration]
            )
            .advice(),
            vec![
                AdviceCode::GentleAcceleration,
                AdviceCode::AvoidHarshAcceleration,
                AdviceCode::SlowerCorners
            ]
        );
        let mut little_ev = input(85, 85, 85, vec![]);
        little_ev.ev_share_distance_pct = Some(12);
        assert_eq!(little_ev.advice(), vec![AdviceCode::MoreElectric]);
        little_ev.has_engine = false;
        assert_eq!(little_ev.advice(), vec![AdviceCode::KeepItUp]);
        assert_eq!(CoachingInput::default().weakest(), None);
    }

    #[test]
    fn every_advice_has_three_texts() {
        for code in [
            AdviceCode::GentleAcceleration,
            AdviceCode::AnticipateBraking,
            AdviceCode::SteadySpeed,
            AdviceCode::AvoidHarshBraking,
            AdviceCode::AvoidHarshAcceleration,
            AdviceCode::SlowerCorners,
            AdviceCode::MoreElectric,
            AdviceCode::KeepItUp,
        ] {
            let t = code.text();
            assert!(t.nl != t.fr && t.fr != t.en && t.nl != t.en, "{code:?}");
        }
    }

    #[test]
    fn shares_and_consumption() {
        assert_eq!(share_pct(1.0, 3.0), Some(33));
        assert_eq!(share_pct(1.0, 0.0), None);
        assert_eq!(consumption_l_100km(1.5, 30.0), Some(5.0));
        assert_eq!(consumption_l_100km(0.0, 0.05), None);
    }
}
