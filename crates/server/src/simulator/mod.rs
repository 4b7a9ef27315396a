//! A deterministic fleet simulator: plausible driving in Belgium and the
//! Netherlands, as the telematics backend would forward it.
//!
//! [`simulate`] is a pure function of (seed, days, now): the same input gives
//! the same vehicles, keys and messages. The `simulate` subcommand posts its
//! output to a running server ([`post`]); `--demo` stores it in-process
//! (`crate::demo`).
//!
//! Files: the fleet and its chargers (fleet.rs), each day's driving
//! (driving.rs), one trip minute by minute (trip.rs), sending to a server
//! (post.rs). What more than one of them uses (the types, the car being
//! driven, the time zone and rounding) is here.

mod driving;
mod fleet;
pub mod live;
pub mod places;
mod post;
mod trip;
// ---- remote (F4) ----
pub mod remote;

pub use fleet::fleet;
pub use post::{describe, post};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};
use mijn_lexus_contract::charger::ChargerState;
use mijn_lexus_contract::routes;
use mijn_lexus_contract::telematics::{
    ChargerRegistration, ChargerReport, DriveMode, DrivingEvent, DrivingEventKind, IngestRequest,
    ParkedReport, RoutePoint, StatusReport, TelemetryMessage, TripReport, VehicleRegistration,
};
use mijn_lexus_contract::vehicle::{Place, Powertrain};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use places::{SimPlace, PLACES};

use crate::geo::distance_km;
use driving::drive;
use fleet::chargers;
use trip::trip;

/// A simulated connected vehicle and what the telematics side knows of it.
#[derive(Clone, Debug, PartialEq)]
pub struct FleetVehicle {
    pub vin: String,
    pub model: &'static str,
    pub model_family: &'static str,
    pub model_year: u16,
    pub powertrain: Powertrain,
    pub licence_plate: String,
    pub nickname: &'static str,
    pub activation_code: String,
    pub ingest_key: String,
    tank_l: f64,
    ev_range_full_km: f64,
    start_odometer_km: f64,
    home: usize,
    work: usize,
    /// Smoothness of the driver (0-100).
    driver: f64,
}

impl FleetVehicle {
    /// A trip to or from work (the demo tags these business, E2).
    pub fn is_commute(&self, t: &TripReport) -> bool {
        let work = &PLACES[self.work];
        let labels = [Some(work.label), work.parking.map(|p| p.2)];
        [&t.start.label, &t.end.label]
            .iter()
            .any(|l| l.as_deref().is_some_and(|l| labels.contains(&Some(l))))
    }

    pub fn registration(&self) -> VehicleRegistration {
        VehicleRegistration {
            model: self.model.into(),
            model_family: self.model_family.into(),
            model_year: self.model_year,
            powertrain: self.powertrain,
            activation_code: self.activation_code.clone(),
            ingest_key: self.ingest_key.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SimCharger {
    pub serial: String,
    pub model: &'static str,
    pub pin: String,
    pub report: ChargerReport,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SimVehicle {
    pub spec: FleetVehicle,
    pub messages: Vec<TelemetryMessage>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    pub vehicles: Vec<SimVehicle>,
    pub chargers: Vec<SimCharger>,
}

fn cet() -> FixedOffset {
    FixedOffset::east_opt(3600).expect("valid offset")
}

fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

/// A place a few dozen to a few hundred metres from `p`.
fn near(rng: &mut ChaCha8Rng, p: (f64, f64), min_m: f64, max_m: f64) -> (f64, f64) {
    let d = rng.gen_range(min_m..max_m) / 111_000.0;
    let angle: f64 = rng.gen_range(0.0..std::f64::consts::TAU);
    (
        round(p.0 + d * angle.sin(), 6),
        round(p.1 + d * angle.cos() / p.0.to_radians().cos(), 6),
    )
}

struct Car<'a> {
    spec: &'a FleetVehicle,
    rng: ChaCha8Rng,
    at: usize,
    position: (f64, f64),
    odometer: f64,
    fuel_l: f64,
    battery: f64,
    seq: u32,
    messages: Vec<TelemetryMessage>,
    service_due_km: u32,
    service_due_date: NaiveDate,
}

/// One planned trip: leave at `depart` (local time) for place `to`.
struct Plan {
    depart: DateTime<FixedOffset>,
    to: usize,
}

/// The driving history of every vehicle of `seed` over the `days` before `now`.
pub fn simulate(seed: u64, days: u32, now: DateTime<Utc>) -> Simulation {
    let vehicles = fleet(seed)
        .into_iter()
        .enumerate()
        .map(|(i, spec)| {
            let messages = drive(seed, i as u64, &spec, days, now);
            SimVehicle { spec, messages }
        })
        .collect();
    Simulation {
        vehicles,
        chargers: chargers(seed, now),
    }
}

impl Car<'_> {
    fn push(
        &mut self,
        at: DateTime<Utc>,
        status: Option<StatusReport>,
        parked: Option<ParkedReport>,
        trip: Option<TripReport>,
    ) {
        self.seq += 1;
        self.messages.push(TelemetryMessage {
            message_id: format!("sim-{}-{:06}", self.spec.vin, self.seq),
            recorded_at: at,
            status,
            parked,
            trip,
        });
    }

    fn status(&mut self, day: u32, days: u32, _now: DateTime<Utc>) -> StatusReport {
        let spec = self.spec;
        let fuel_percent = spec
            .powertrain
            .has_fuel()
            .then(|| round(self.fuel_l / spec.tank_l * 100.0, 1));
        let ev_range = spec.ev_range_full_km * self.battery / 100.0;
        let fuel_range = if spec.powertrain.has_fuel() {
            self.fuel_l / 5.6 * 100.0
        } else {
            0.0
        };
        let mut lights = Vec::new();
        match self.spec.model_family {
            // The full hybrid's tyre pressure warning came on three days ago.
            "ux" if day + 3 >= days => lights.push("tyre_pressure_low".to_owned()),
            "nx" if (20..24).contains(&day) => lights.push("washer_fluid_low".to_owned()),
            _ => {}
        }
        StatusReport {
            odometer_km: Some(round(self.odometer, 1)),
            fuel_percent,
            range_km: Some(round(fuel_range + ev_range, 0)),
            battery_percent: spec
                .powertrain
                .has_battery()
                .then(|| round(self.battery, 0)),
            electric_range_km: spec.powertrain.has_battery().then(|| round(ev_range, 0)),
            privacy_mode: Some(false),
            warning_lights: Some(lights),
            service_due_km: Some(self.service_due_km),
            service_due_date: Some(self.service_due_date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_of_driving_gets_smoother_and_tells_commutes_apart() {
        let now: DateTime<Utc> = "2026-12-03T09:00:00Z".parse().unwrap();
        let sim = simulate(2026, 360, now);
        for v in &sim.vehicles {
            let trips: Vec<&TripReport> =
                v.messages.iter().filter_map(|m| m.trip.as_ref()).collect();
            assert!(trips.len() > 500, "{} trips", trips.len());
            let first = trips[0].started_at;
            assert!(now - first > Duration::days(350), "{first}");
            let score = |from: i64, to: i64| {
                let s: Vec<f64> = trips
                    .iter()
                    .filter(|t| (from..to).contains(&(t.started_at - first).num_days()))
                    .filter_map(|t| t.hybrid_score.map(f64::from))
                    .collect();
                s.iter().sum::<f64>() / s.len() as f64
            };
            let (early, late) = (score(0, 60), score(290, 350));
            assert!(
                late > early + 8.0,
                "{}: {early:.0} -> {late:.0}",
                v.spec.model
            );
            for t in &trips {
                assert!(
                    t.ev_distance_km + t.eco_distance_km + t.power_distance_km
                        <= t.distance_km + 0.15,
                    "{t:?}"
                );
            }
            let commutes = trips.iter().filter(|t| v.spec.is_commute(t)).count();
            assert!(
                commutes > trips.len() / 3 && commutes < trips.len(),
                "{commutes} of {}",
                trips.len()
            );
            let harsh: usize = trips.iter().map(|t| t.events.len()).sum();
            assert!(harsh > 10, "{harsh} harsh events");
        }
    }

    #[test]
    fn simulation_is_valid_and_plausible() {
        let now: DateTime<Utc> = "2026-03-01T12:00:00Z".parse().unwrap();
        let sim = simulate(7, 90, now);
        for v in &sim.vehicles {
            let req = IngestRequest {
                messages: v.messages.clone(),
            };
            // Validate in chunks like the API does.
            for chunk in req.messages.chunks(500) {
                IngestRequest {
                    messages: chunk.to_vec(),
                }
                .validate(v.spec.powertrain, now)
                .unwrap_or_else(|e| panic!("{}: {e:?}", v.spec.model));
            }
            let trips: Vec<&TripReport> =
                v.messages.iter().filter_map(|m| m.trip.as_ref()).collect();
            assert!(
                trips.len() > 60,
                "{} trips for {}",
                trips.len(),
                v.spec.model
            );
            let km: f64 = trips.iter().map(|t| t.distance_km).sum();
            let fuel: f64 = trips.iter().map(|t| t.fuel_used_l).sum();
            let ev: f64 = trips.iter().map(|t| t.ev_distance_km).sum();
            match v.spec.powertrain {
                Powertrain::Hybrid => {
                    let l100 = fuel / km * 100.0;
                    assert!((4.0..6.5).contains(&l100), "hybrid {l100} l/100km");
                    assert!(
                        (0.15..0.6).contains(&(ev / km)),
                        "hybrid EV share {}",
                        ev / km
                    );
                }
                Powertrain::PlugInHybrid => {
                    let l100 = fuel / km * 100.0;
                    assert!(l100 < 4.5, "plug-in {l100} l/100km");
                    assert!(ev / km > 0.4, "plug-in EV share {}", ev / km);
                }
                Powertrain::Electric => assert_eq!(fuel, 0.0),
            }
            for t in &trips {
                let hours = (t.ended_at - t.started_at).num_seconds() as f64 / 3600.0;
                let speed = t.distance_km / hours;
                assert!((15.0..120.0).contains(&speed), "average speed {speed}");
                assert!(t.route.len() >= 2);
            }
            assert!(v.messages.iter().all(|m| m.recorded_at < now));
        }
    }
}
