//! The simulated vehicles of a seed (VIN, plate, codes, driver) and the
//! charger at the plug-in hybrid's home.

use super::*;

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
pub(super) fn chargers(seed: u64, now: DateTime<Utc>) -> Vec<SimCharger> {
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
}
