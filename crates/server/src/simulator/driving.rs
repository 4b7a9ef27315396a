//! Each day's plans: commutes, shopping, weekend trips, the overnight
//! charge and the holiday in Monaco at the end of the history.

use super::*;

pub(super) fn drive(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
