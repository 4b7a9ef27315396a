//! The simulated world while the demo server runs (`--demo`): the cars take
//! shared destinations (D3) and public charge points get busy and free again
//! (D4). It acts through the same domain functions as the ingest API
//! (`sharing::pending` / `sharing::acknowledge`, `charging::set_statuses`).

use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use mijn_lexus_contract::charging::EvseStatus;
use mijn_lexus_contract::share::{AckStatus, CommandAck, ShareFailure};
use sqlx::SqlitePool;

use crate::charging;
use crate::error::AppResult;
use crate::sharing;
use crate::state::AppState;

/// EVSE availability is drawn anew every this many seconds.
pub const AVAILABILITY_SLOT_SECS: i64 = 600;

/// The area the simulated cars' navigation maps cover (Europe); a
/// destination or stop outside is refused (`rejected`).
fn on_the_map(lat: f64, lon: f64) -> bool {
    (34.0..=72.0).contains(&lat) && (-25.0..=45.0).contains(&lon)
}

/// Acknowledges every command queued at least `delay_secs` before `now`,
/// as the car would: delivered, or failed (`rejected`) when a place is off
/// the navigation's map. Returns how many.
pub async fn acknowledge_due(
    db: &SqlitePool,
    delay_secs: u32,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let cutoff = now.timestamp() - i64::from(delay_secs);
    let mut done = 0;
    for vehicle_id in sharing::vehicles_with_commands_before(db, cutoff).await? {
        for c in sharing::pending(db, vehicle_id).await?.commands {
            if c.created_at.timestamp() > cutoff {
                continue;
            }
            let places_ok = std::iter::once(&c.destination)
                .chain(&c.stops)
                .all(|p| on_the_map(p.lat, p.lon));
            let ack = if places_ok {
                CommandAck {
                    status: AckStatus::Delivered,
                    failure: None,
                }
            } else {
                CommandAck {
                    status: AckStatus::Failed,
                    failure: Some(ShareFailure::Rejected),
                }
            };
            sharing::acknowledge(db, vehicle_id, c.id, &ack, now).await?;
            done += 1;
        }
    }
    Ok(done)
}

/// The simulated status of an EVSE in a time slot: mostly available, often
/// charging, now and then reserved or out of order. A pure function, so a
/// slot always looks the same.
pub fn availability(evse_id: i64, slot: i64) -> EvseStatus {
    // splitmix64 of (EVSE, slot).
    let mut z = (evse_id as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(slot as u64);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    match z % 100 {
        0..=59 => EvseStatus::Available,
        60..=91 => EvseStatus::Charging,
        92..=96 => EvseStatus::Reserved,
        _ => EvseStatus::OutOfOrder,
    }
}

/// Gives every EVSE in operation its status of the current slot; returns how
/// many changed.
pub async fn change_availability(db: &SqlitePool, now: DateTime<Utc>) -> AppResult<usize> {
    let slot = now.timestamp().div_euclid(AVAILABILITY_SLOT_SECS);
    let changes: Vec<(i64, EvseStatus)> = charging::operating_evses(db)
        .await?
        .into_iter()
        .filter_map(|e| {
            let status = availability(e.id, slot);
            (status.code() != e.status).then_some((e.id, status))
        })
        .collect();
    charging::set_statuses(db, &changes, now.timestamp()).await?;
    Ok(changes.len())
}

/// Runs the simulated world every second: acknowledgements after
/// `--simulator-ack-secs`, charge point availability each minute.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(StdDuration::from_secs(1));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut ticks: u64 = 0;
        loop {
            tick.tick().await;
            let now = state.clock.now();
            if let Err(e) = acknowledge_due(&state.db, state.config.simulator_ack_secs, now).await {
                tracing::error!(error = %e, "simulated acknowledgements failed");
            }
            // ---- remote (F4) ----
            let delay = state.config.simulator_ack_secs;
            if let Err(e) = super::remote::answer_due(&state.db, delay, now).await {
                tracing::error!(error = %e, "simulated remote answers failed");
            }
            if ticks.is_multiple_of(60) {
                if let Err(e) = change_availability(&state.db, now).await {
                    tracing::error!(error = %e, "simulated charge point availability failed");
                }
            }
            ticks += 1;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_is_a_plausible_mix() {
        let statuses: Vec<_> = (0..1000).map(|slot| availability(7, slot)).collect();
        let available = statuses
            .iter()
            .filter(|s| **s == EvseStatus::Available)
            .count();
        let charging = statuses
            .iter()
            .filter(|s| **s == EvseStatus::Charging)
            .count();
        assert!((500..700).contains(&available), "{available}");
        assert!((220..420).contains(&charging), "{charging}");
        assert_eq!(availability(7, 3), availability(7, 3));
    }
}
