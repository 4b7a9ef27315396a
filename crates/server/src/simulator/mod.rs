//! A deterministic fleet simulator: plausible driving in Belgium and the
//! Netherlands, as the telematics backend would forward it.
//!
//! [`simulate`] is a pure function of (seed, days, now): the same input gives
//! the same vehicles, keys and messages. The `simulate` subcommand posts its
//! output to a running server ([`post`]); `--demo` stores it in-process
//! (`crate::demo`).

pub mod live;
pub mod places;

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

const CODE_CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ23456789";

fn pick(rng: &mut ChaCha8Rng, chars: &[u8], n: usize) -> String {
    (0..n)
        .map(|_| chars[rng.gen_range(0..chars.len())] as char)
        .collect()
}

/// ISO 3779 check digit (position 9), as North American VINs carry it.
fn vin_check_digit(vin: &[u8; 17]) -> char {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let value = |c: u8| -> u32 {
        match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'H' => u32::from(c - b'A') + 1,
            b'J'..=b'N' => u32::from(c - b'J') + 1,
            b'P' => 7,
            b'R' => 9,
            b'S'..=b'Z' => u32::from(c - b'S') + 2,
            _ => 0,
        }
    };
    let sum: u32 = vin.iter().zip(WEIGHTS).map(|(c, w)| value(*c) * w).sum();
    match sum % 11 {
        10 => 'X',
        d => char::from_digit(d, 10).unwrap_or('0'),
    }
}

fn make_vin(rng: &mut ChaCha8Rng, descriptor: &str, year: u16) -> String {
    let year_code = match year {
        2022 => 'N',
        2023 => 'P',
        2024 => 'R',
        _ => 'S',
    };
    let mut s = format!(
        "JTH{descriptor}{}0{year_code}{}{}",
        rng.gen_range(1..10),
        pick(rng, b"ABCDJ", 1),
        rng.gen_range(100_000..999_999)
    );
    s.truncate(17);
    let mut bytes = [0u8; 17];
    bytes.copy_from_slice(s.as_bytes());
    let check = vin_check_digit(&bytes);
    s.replace_range(8..9, &check.to_string());
    s
}

fn make_plate(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{}-{}-{:03}",
        rng.gen_range(1..=2),
        pick(rng, b"ABCDEFGHJKLMNPRSTUVWXYZ", 3),
        rng.gen_range(0..1000)
    )
}

/// The vehicles of a seed: a full hybrid, a plug-in hybrid and an electric.
pub fn fleet(seed: u64) -> Vec<FleetVehicle> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x4c45_5855_5331);
    #[allow(clippy::type_complexity)]
    let specs: [(
        &str,
        &str,
        u16,
        Powertrain,
        &str,
        &str,
        f64,
        f64,
        usize,
        usize,
    ); 3] = [
        (
            "UX 250h",
            "ux",
            2023,
            Powertrain::Hybrid,
            "BAAH",
            "Stadswagen",
            43.0,
            0.0,
            0,
            1,
        ),
        (
            "NX 450h+",
            "nx",
            2024,
            Powertrain::PlugInHybrid,
            "GKAH",
            "Gezinswagen",
            55.0,
            69.0,
            0,
            2,
        ),
        (
            "RZ 450e",
            "rz",
            2024,
            Powertrain::Electric,
            "AAAB",
            "Stille kracht",
            0.0,
            440.0,
            3,
            4,
        ),
    ];
    specs
        .iter()
        .map(
            |&(
                model,
                family,
                year,
                powertrain,
                descriptor,
                nickname,
                tank,
                ev_range,
                home,
                work,
            )| {
                FleetVehicle {
                    vin: make_vin(&mut rng, descriptor, year),
                    model,
                    model_family: family,
                    model_year: year,
                    powertrain,
                    licence_plate: make_plate(&mut rng),
                    nickname,
                    activation_code: format!(
                        "LX-{}-{}-{}",
                        pick(&mut rng, CODE_CHARS, 4),
                        pick(&mut rng, CODE_CHARS, 4),
                        pick(&mut rng, CODE_CHARS, 4)
                    ),
                    ingest_key: format!("ik_{}", pick(&mut rng, CODE_CHARS, 40)),
                    tank_l: tank,
                    ev_range_full_km: ev_range,
                    start_odometer_km: f64::from(rng.gen_range(8_000..42_000)),
                    home,
                    work,
                    driver: rng.gen_range(62.0..88.0),
                }
            },
        )
        .collect()
}

/// Chargers of a seed: one HomeCharge at the home of the plug-in hybrid.
fn chargers(seed: u64, now: DateTime<Utc>) -> Vec<SimCharger> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x4843_4841_5247);
    let local = now.with_timezone(&cet());
    let charging = (18..24).contains(&local.hour()) || local.hour() < 2;
    vec![SimCharger {
        serial: format!("HC22-{:07}", rng.gen_range(0..10_000_000)),
        model: "Lexus HomeCharge 11 kW",
        pin: format!("{:06}", rng.gen_range(0..1_000_000)),
        report: ChargerReport {
            recorded_at: now - Duration::minutes(7),
            state: if charging {
                ChargerState::Charging
            } else {
                ChargerState::Idle
            },
            power_kw: if charging { 10.8 } else { 0.0 },
            session_energy_kwh: if charging { 6.4 } else { 14.2 },
        },
    }]
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

fn drive(
    seed: u64,
    index: u64,
    spec: &FleetVehicle,
    days: u32,
    now: DateTime<Utc>,
) -> Vec<TelemetryMessage> {
    let rng =
        ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(index));
    let today = now.with_timezone(&cet()).date_naive();
    let first_day = today - Duration::days(i64::from(days));
    let home = PLACES[spec.home].coords();
    let mut car = Car {
        spec,
        rng,
        at: spec.home,
        position: home,
        odometer: spec.start_odometer_km,
        fuel_l: spec.tank_l * 0.7,
        battery: 80.0,
        seq: 0,
        messages: Vec::new(),
        service_due_km: ((spec.start_odometer_km as u32) / 15_000 + 1) * 15_000,
        service_due_date: today
            + Duration::days(match index {
                0 => 19,
                1 => 140,
                _ => 260,
            }),
    };
    if index == 0 {
        // The full hybrid's service comes due soon in km as well.
        let expected_km = f64::from(days) * 45.0;
        car.service_due_km = (spec.start_odometer_km + expected_km + 700.0) as u32;
    }
    // The plug-in hybrid is on holiday in Monaco at the end of the history
    // (the offline demo map covers Monaco): its normal days stop then.
    let holiday = if index == 1 {
        holiday_plans(now)
    } else {
        Vec::new()
    };
    let holiday_date = holiday.first().map(|p| p.depart.date_naive());
    for day in 0..=days {
        let date = first_day + Duration::days(i64::from(day));
        if holiday_date.is_some_and(|h| date >= h) {
            break;
        }
        let plans = plan_day(&mut car, date, index);
        for plan in plans {
            let depart = plan.depart.with_timezone(&Utc);
            if depart >= now - Duration::minutes(5) {
                break;
            }
            trip(&mut car, depart, plan.to, now, day, days);
        }
        if spec.powertrain.has_battery() && car.at == spec.home {
            // Charged overnight at home.
            let target = if spec.powertrain == Powertrain::Electric {
                90.0
            } else {
                100.0
            };
            if car.battery < target - 1.0
                && (spec.powertrain == Powertrain::PlugInHybrid || car.battery < 45.0)
            {
                let done = cet()
                    .from_local_datetime(
                        &(date + Duration::days(1))
                            .and_hms_opt(5, 30, 0)
                            .expect("time"),
                    )
                    .single()
                    .expect("fixed offset")
                    .with_timezone(&Utc);
                if done < now {
                    car.battery = target;
                    let status = car.status(day, days, now);
                    car.push(done, Some(status), None, None);
                }
            }
        }
    }
    for plan in holiday {
        let depart = plan.depart.with_timezone(&Utc);
        if depart < now - Duration::minutes(5) {
            trip(&mut car, depart, plan.to, now, days, days);
        }
    }
    car.messages
}

/// The holiday ([`places::HOLIDAY`]): to Dijon the day before yesterday, on
/// to the hotel in Monaco yesterday, and in the hours before `now` to the
/// Jardin Exotique and then to the casino, where the car still stands.
fn holiday_plans(now: DateTime<Utc>) -> Vec<Plan> {
    let today = now.with_timezone(&cet()).date_naive();
    let at = |days_ago: i64, h: u32, m: u32| {
        cet()
            .from_local_datetime(
                &(today - Duration::days(days_ago))
                    .and_hms_opt(h, m, 0)
                    .expect("valid time"),
            )
            .single()
            .expect("fixed offset")
    };
    let [dijon, hotel, garden, casino] = places::HOLIDAY;
    let local_now = now.with_timezone(&cet());
    vec![
        Plan {
            depart: at(2, 7, 40),
            to: dijon,
        },
        Plan {
            depart: at(1, 7, 30),
            to: hotel,
        },
        Plan {
            depart: local_now - Duration::minutes(330),
            to: garden,
        },
        Plan {
            depart: local_now - Duration::minutes(150),
            to: casino,
        },
    ]
}

fn plan_day(car: &mut Car<'_>, date: NaiveDate, index: u64) -> Vec<Plan> {
    let spec = car.spec;
    let rng = &mut car.rng;
    let weekday = chrono::Datelike::weekday(&date).num_days_from_monday();
    let at = |h: u32, m: u32| {
        cet()
            .from_local_datetime(&date.and_hms_opt(h, m, 0).expect("valid time"))
            .single()
            .expect("fixed offset")
    };
    let shops: Vec<usize> = PLACES
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.kind == places::Kind::Shop
                && distance_km(p.coords(), PLACES[spec.home].coords()) < 25.0
        })
        .map(|(i, _)| i)
        .collect();
    let mut plans = Vec::new();
    if weekday < 5 {
        if rng.gen_bool(0.85) {
            plans.push(Plan {
                depart: at(7, rng.gen_range(5..55)),
                to: spec.work,
            });
            plans.push(Plan {
                depart: at(rng.gen_range(16..18), rng.gen_range(0..59)),
                to: spec.home,
            });
        }
        if rng.gen_bool(0.3) && !shops.is_empty() {
            let shop = shops[rng.gen_range(0..shops.len())];
            plans.push(Plan {
                depart: at(19, rng.gen_range(0..30)),
                to: shop,
            });
            plans.push(Plan {
                depart: at(20, rng.gen_range(5..40)),
                to: spec.home,
            });
        }
    } else {
        if weekday == 5 && rng.gen_bool(0.7) && !shops.is_empty() {
            let shop = shops[rng.gen_range(0..shops.len())];
            plans.push(Plan {
                depart: at(10, rng.gen_range(0..50)),
                to: shop,
            });
            plans.push(Plan {
                depart: at(11, rng.gen_range(20..59)),
                to: spec.home,
            });
        }
        let long_trip_chance = if index == 1 { 0.25 } else { 0.12 };
        if rng.gen_bool(long_trip_chance) {
            let far: Vec<usize> = PLACES
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == places::Kind::Trip)
                .map(|(i, _)| i)
                .collect();
            let to = far[rng.gen_range(0..far.len())];
            plans.push(Plan {
                depart: at(13, rng.gen_range(0..40)),
                to,
            });
            plans.push(Plan {
                depart: at(18, rng.gen_range(0..50)),
                to: spec.home,
            });
        }
    }
    plans
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

fn trip(
    car: &mut Car<'_>,
    depart: DateTime<Utc>,
    to: usize,
    now: DateTime<Utc>,
    day: u32,
    days: u32,
) {
    if car.at == to {
        return;
    }
    let spec = car.spec;
    let from_place: &SimPlace = &PLACES[car.at];
    let to_place: &SimPlace = &PLACES[to];
    // Waypoints: the parking spot we left, motorway hubs for long trips, the
    // parking spot near the destination.
    let (park, park_label) = match to_place.parking {
        Some((lat, lon, label)) => ((lat, lon), label),
        None => (
            near(&mut car.rng, to_place.coords(), 40.0, 260.0),
            to_place.label,
        ),
    };
    let mut waypoints = vec![car.position];
    waypoints.extend(places::hubs(from_place, to_place));
    waypoints.push(park);
    let straight: f64 = waypoints.windows(2).map(|w| distance_km(w[0], w[1])).sum();
    let distance = round(straight * car.rng.gen_range(1.18..1.32), 1).max(0.5);
    let highway_share = if distance > 200.0 {
        0.95
    } else if distance > 20.0 {
        0.75
    } else if distance > 8.0 {
        0.45
    } else {
        0.0
    };
    let rush = (6..9).contains(&depart.with_timezone(&cet()).hour());
    let urban_speed = car.rng.gen_range(27.0..38.0);
    let highway_speed = if rush {
        car.rng.gen_range(62.0..85.0)
    } else {
        car.rng.gen_range(98.0..118.0)
    };
    let urban_km = distance * (1.0 - highway_share);
    let highway_km = distance * highway_share;
    let hours = urban_km / urban_speed + highway_km / highway_speed;
    let duration_s = (hours * 3600.0).round().max(120.0) as i64;
    let arrive = depart + Duration::seconds(duration_s);
    if arrive >= now {
        return;
    }

    // Hybrid coaching: driver profile plus noise. The owner learns: over
    // the history the driving gets smoother (about 18 points below the
    // profile in the first month, 6 above it at the end) and, in a full
    // hybrid, more of the town driving is electric.
    let progress = f64::from(day) / f64::from(days.max(1));
    let driver = car.spec.driver + (progress - 0.75) * 24.0;
    let rng = &mut car.rng;
    let mut part = |base: f64| -> u8 {
        (base + rng.gen_range(-12.0..12.0))
            .clamp(15.0, 100.0)
            .round() as u8
    };
    let acceleration = part(driver);
    let braking = part(driver + 4.0);
    let constant = part(driver + if highway_share > 0.5 { 8.0 } else { -6.0 });

    // Electric driving.
    let learned = (progress - 0.5) * 0.12;
    let (ev_urban, ev_highway) = match spec.powertrain {
        Powertrain::Hybrid => (
            car.rng.gen_range(0.40..0.60) + learned,
            car.rng.gen_range(0.03..0.12),
        ),
        Powertrain::PlugInHybrid => (0.22, 0.04),
        Powertrain::Electric => (1.0, 1.0),
    };
    let (ev_km, ev_s) = match spec.powertrain {
        Powertrain::PlugInHybrid => {
            let available = spec.ev_range_full_km * car.battery / 100.0 * 0.92;
            let on_battery = available.min(distance);
            let rest = distance - on_battery;
            let extra = rest * (1.0 - highway_share) * ev_urban + rest * highway_share * ev_highway;
            car.battery = (car.battery - on_battery / spec.ev_range_full_km * 100.0).max(0.0);
            let ev_km = (on_battery + extra).min(distance);
            (ev_km, ev_km / distance * duration_s as f64 * 0.97)
        }
        Powertrain::Electric => {
            car.battery = (car.battery - distance / spec.ev_range_full_km * 100.0).max(3.0);
            (distance, duration_s as f64)
        }
        Powertrain::Hybrid => {
            let ev_km = urban_km * ev_urban + highway_km * ev_highway;
            let ev_s = urban_km * ev_urban / urban_speed * 3600.0
                + highway_km * ev_highway / highway_speed * 3600.0;
            (ev_km, ev_s)
        }
    };
    let ev_km = round(ev_km.min(distance), 1);
    let ev_s = (ev_s.min(duration_s as f64)) as u32;
    let engine_km = (distance - ev_km).max(0.0);
    let engine_share_highway = if distance > 0.0 {
        highway_km / distance
    } else {
        0.0
    };
    let (rate_urban, rate_highway) = match spec.powertrain {
        Powertrain::Hybrid => (9.0, 6.0),
        Powertrain::PlugInHybrid => (10.5, 6.9),
        Powertrain::Electric => (0.0, 0.0),
    };
    let style = 1.0 + (80.0 - f64::from(acceleration)).max(0.0) / 250.0;
    let fuel = round(
        engine_km
            * (rate_urban * (1.0 - engine_share_highway) + rate_highway * engine_share_highway)
            / 100.0
            * style,
        2,
    );
    if spec.powertrain.has_fuel() {
        if car.fuel_l - fuel < spec.tank_l * 0.12 {
            car.fuel_l = spec.tank_l; // refuelled before leaving
        }
        car.fuel_l = (car.fuel_l - fuel).max(0.0);
    }
    let hybrid_score = {
        let ev_share = ev_km / distance;
        let base =
            0.35 * f64::from(acceleration) + 0.35 * f64::from(braking) + 0.30 * f64::from(constant);
        (base + (ev_share - 0.35) * 20.0).clamp(0.0, 100.0).round() as u8
    };
    // The rest of the distance, on the engine, splits into the indicator's
    // eco and power zones (and normal driving): EV + eco + power <= distance.
    let eco_km = round(engine_km * (f64::from(hybrid_score) / 100.0) * 0.85, 1);
    let power_km = round(
        engine_km * (100.0 - f64::from(acceleration)) / 100.0 * 0.25,
        1,
    );

    // The route: a point a minute, along the waypoints with a little wiggle.
    let mut cumulative = vec![0.0];
    for w in waypoints.windows(2) {
        let last = *cumulative.last().expect("non-empty");
        cumulative.push(last + distance_km(w[0], w[1]));
    }
    let urban_half = urban_km / 2.0;
    let distance_at = |t: f64| -> f64 {
        // Distance driven after t seconds: urban, motorway, urban.
        let t_h = t / 3600.0;
        let first = urban_half / urban_speed;
        let mid = highway_km / highway_speed;
        if t_h <= first {
            t_h * urban_speed
        } else if t_h <= first + mid {
            urban_half + (t_h - first) * highway_speed
        } else {
            (urban_half + highway_km + (t_h - first - mid) * urban_speed).min(distance)
        }
    };
    let phase = car.rng.gen_range(0.0..10.0);
    let point_at = |t: f64| -> (f64, f64, f64) {
        let frac = (distance_at(t) / distance).clamp(0.0, 1.0);
        let target = frac * straight;
        let seg = cumulative
            .windows(2)
            .position(|c| target <= c[1])
            .unwrap_or(waypoints.len() - 2);
        let seg_len = (cumulative[seg + 1] - cumulative[seg]).max(1e-9);
        let f = ((target - cumulative[seg]) / seg_len).clamp(0.0, 1.0);
        let (a, b) = (waypoints[seg], waypoints[seg + 1]);
        let wiggle = (frac * std::f64::consts::PI).sin() * (frac * 17.0 + phase).sin() * 0.0025;
        let lat = a.0 + (b.0 - a.0) * f + wiggle * (b.1 - a.1).signum();
        let lon = a.1 + (b.1 - a.1) * f - wiggle * (b.0 - a.0).signum();
        let on_highway = distance_at(t) > urban_half && distance_at(t) < urban_half + highway_km;
        (
            round(lat, 5),
            round(lon, 5),
            if on_highway {
                highway_speed
            } else {
                urban_speed
            },
        )
    };
    let mut route = Vec::new();
    let mut t = 0i64;
    while t <= duration_s {
        let (lat, lon, speed) = point_at(t as f64);
        let speed = if t == 0 || t == duration_s {
            0.0
        } else {
            round(speed * car.rng.gen_range(0.8..1.15), 0)
        };
        let minute = (t / 60) as f64;
        route.push(RoutePoint {
            at: depart + Duration::seconds(t),
            lat,
            lon,
            speed_kmh: Some(speed),
            mode: Some(drive_mode(spec.powertrain, speed, minute, ev_km / distance)),
        });
        if t == duration_s {
            break;
        }
        t = (t + 60).min(duration_s);
    }

    // Harsh events, more for a less smooth driver.
    let mut events = Vec::new();
    for (kind, score, max) in [
        (DrivingEventKind::HarshBraking, braking, 3),
        (DrivingEventKind::HarshAcceleration, acceleration, 2),
        (DrivingEventKind::HarshCornering, constant.max(90), 1),
    ] {
        let p = ((100.0 - f64::from(score)) / 220.0).clamp(0.0, 0.5);
        for _ in 0..max {
            if car.rng.gen_bool(p) {
                let at_s = car.rng.gen_range(30..duration_s.max(31));
                let (lat, lon, _) = point_at(at_s as f64);
                events.push(DrivingEvent {
                    at: depart + Duration::seconds(at_s.min(duration_s)),
                    kind,
                    lat,
                    lon,
                });
            }
        }
    }
    events.sort_by_key(|e| e.at);

    let odometer_start = round(car.odometer, 1);
    car.odometer += distance;
    let odometer_end = round(car.odometer, 1);
    let start = Place {
        lat: car.position.0,
        lon: car.position.1,
        label: Some(from_place.label.to_owned()),
    };
    let end = Place {
        lat: park.0,
        lon: park.1,
        label: Some(park_label.to_owned()),
    };
    let trip = TripReport {
        started_at: depart,
        ended_at: arrive,
        start,
        end: end.clone(),
        distance_km: distance,
        fuel_used_l: if spec.powertrain.has_fuel() {
            fuel
        } else {
            0.0
        },
        ev_distance_km: ev_km,
        ev_time_s: ev_s,
        eco_distance_km: eco_km.min(distance),
        power_distance_km: power_km.min(distance),
        odometer_start_km: Some(odometer_start),
        odometer_end_km: Some(odometer_end),
        hybrid_score: Some(hybrid_score),
        score_acceleration: Some(acceleration),
        score_braking: Some(braking),
        score_constant_speed: Some(constant),
        events,
        route,
    };
    // Navigation was used for trips away from home.
    // Navigation was always used on holiday.
    let navigated = to_place.kind == places::Kind::Holiday || car.rng.gen_bool(0.8);
    let destination = (to != spec.home && navigated).then(|| Place {
        lat: to_place.lat,
        lon: to_place.lon,
        label: Some(to_place.label.to_owned()),
    });
    car.position = park;
    car.at = to;
    let status = car.status(day, days, now);
    car.push(
        arrive,
        Some(status),
        Some(ParkedReport {
            position: end,
            destination,
        }),
        Some(trip),
    );
}

/// The hybrid indicator's zone for one minute of a route: electric cars
/// always `ev`; otherwise the trip's EV share spread over the slow minutes,
/// `power` at motorway speeds above 115 km/h, `eco` for the rest.
fn drive_mode(powertrain: Powertrain, speed: f64, minute: f64, ev_share: f64) -> DriveMode {
    if powertrain == Powertrain::Electric {
        return DriveMode::Ev;
    }
    if speed > 115.0 {
        DriveMode::Power
    } else if speed < 60.0 && (minute * 0.618).fract() < ev_share * 1.6 {
        DriveMode::Ev
    } else if speed < 1.0 {
        DriveMode::Charge
    } else {
        DriveMode::Eco
    }
}

/// Posts a simulation to a running server: provisions each vehicle and
/// charger with the backend token, then sends the messages in batches.
pub async fn post(
    sim: &Simulation,
    base_url: &str,
    telematics_token: &str,
    batch: usize,
) -> anyhow::Result<usize> {
    let client = reqwest::Client::new();
    let api = format!("{}/api", base_url.trim_end_matches('/'));
    let mut sent = 0;
    for v in &sim.vehicles {
        let resp = client
            .put(format!("{api}{}", routes::telematics_vehicle(&v.spec.vin)))
            .bearer_auth(telematics_token)
            .json(&v.spec.registration())
            .send()
            .await?;
        anyhow::ensure!(
            resp.status().is_success(),
            "provisioning {} failed: {} {}",
            v.spec.vin,
            resp.status(),
            resp.text().await.unwrap_or_default()
        );
        for chunk in v.messages.chunks(batch.max(1)) {
            let resp = client
                .post(format!("{api}{}", routes::ingest_messages(&v.spec.vin)))
                .bearer_auth(&v.spec.ingest_key)
                .json(&IngestRequest {
                    messages: chunk.to_vec(),
                })
                .send()
                .await?;
            anyhow::ensure!(
                resp.status().is_success(),
                "ingest for {} failed: {} {}",
                v.spec.vin,
                resp.status(),
                resp.text().await.unwrap_or_default()
            );
            sent += chunk.len();
        }
    }
    for c in &sim.chargers {
        let resp = client
            .put(format!("{api}{}", routes::telematics_charger(&c.serial)))
            .bearer_auth(telematics_token)
            .json(&ChargerRegistration {
                model: c.model.into(),
                pin: c.pin.clone(),
            })
            .send()
            .await?;
        anyhow::ensure!(
            resp.status().is_success(),
            "charger {}: {}",
            c.serial,
            resp.status()
        );
        let resp = client
            .post(format!(
                "{api}{}",
                routes::telematics_charger_status(&c.serial)
            ))
            .bearer_auth(telematics_token)
            .json(&c.report)
            .send()
            .await?;
        anyhow::ensure!(
            resp.status().is_success(),
            "charger status {}: {}",
            c.serial,
            resp.status()
        );
    }
    Ok(sent)
}

/// What a person needs to add the simulated vehicles and chargers.
pub fn describe(sim: &Simulation) -> String {
    let mut out = String::new();
    for v in &sim.vehicles {
        let odometer = v
            .messages
            .iter()
            .rev()
            .find_map(|m| m.status.as_ref().and_then(|s| s.odometer_km))
            .unwrap_or(v.spec.start_odometer_km);
        out.push_str(&format!(
            "vehicle {} {} ({}) plate {} activation code {} odometer {:.0} km, {} messages\n",
            v.spec.vin,
            v.spec.model,
            v.spec.powertrain.code(),
            v.spec.licence_plate,
            v.spec.activation_code,
            odometer,
            v.messages.len()
        ));
    }
    for c in &sim.chargers {
        out.push_str(&format!(
            "charger {} ({}) PIN {}\n",
            c.serial, c.model, c.pin
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use mijn_lexus_contract::vehicle::Vin;

    #[test]
    fn vins_are_valid_lexus_vins() {
        for v in fleet(1).iter().chain(fleet(2026).iter()) {
            let vin = Vin::parse(&v.vin).expect("valid VIN");
            assert_eq!(vin.wmi(), "JTH");
            let mut bytes = [0u8; 17];
            bytes.copy_from_slice(v.vin.as_bytes());
            assert_eq!(vin_check_digit(&bytes), v.vin.as_bytes()[8] as char);
            assert!(mijn_lexus_contract::vehicle::LicencePlate::parse(&v.licence_plate).is_ok());
        }
    }

    #[test]
    fn the_plug_in_hybrid_ends_on_holiday_in_monaco() {
        for now in ["2026-03-01T12:00:00Z", "2026-07-14T00:20:00Z"] {
            let now: DateTime<Utc> = now.parse().unwrap();
            let sim = simulate(2026, 90, now);
            let last_parked = |v: &SimVehicle| {
                v.messages
                    .iter()
                    .rev()
                    .find_map(|m| m.parked.clone())
                    .unwrap()
            };
            let phev = &sim.vehicles[1];
            assert_eq!(phev.spec.powertrain, Powertrain::PlugInHybrid);
            let parked = last_parked(phev);
            let destination = parked.destination.clone().expect("navigated");
            // Monaco (the offline demo map), a short walk from the casino.
            assert!((43.72..43.76).contains(&parked.position.lat), "{parked:?}");
            assert!((7.40..7.44).contains(&parked.position.lon), "{parked:?}");
            assert!(destination.label.as_deref().unwrap().starts_with("Casino"));
            let walk_m = distance_km(
                (parked.position.lat, parked.position.lon),
                (destination.lat, destination.lon),
            ) * 1000.0;
            assert!((150.0..600.0).contains(&walk_m), "{walk_m} m");
            // The last four trips went south, in order, and none overlaps
            // the next.
            let all: Vec<&TripReport> = phev
                .messages
                .iter()
                .filter_map(|m| m.trip.as_ref())
                .collect();
            let trips = &all[all.len() - 4..];
            assert!(all[all.len() - 5].end.lat > 50.5);
            assert!(trips.iter().all(|t| t.end.lat < 48.0));
            assert_eq!(
                trips.len(),
                4,
                "{:?}",
                trips.iter().map(|t| &t.end.label).collect::<Vec<_>>()
            );
            assert!(trips.windows(2).all(|w| w[0].ended_at < w[1].started_at));
            assert!(trips[0].end.lat < 48.0 && trips[0].distance_km > 500.0);
            // The rest of the fleet stays in Belgium and the Netherlands.
            for v in [&sim.vehicles[0], &sim.vehicles[2]] {
                assert!(last_parked(v).position.lat > 50.5);
            }
        }
    }

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
