//! One trip, minute by minute: route, speed, drive modes, consumption,
//! harsh events, and the messages the car sends at its end.

use super::*;

pub(super) fn trip(
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
