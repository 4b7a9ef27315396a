//! The simulated cars answer remote commands (F4) as a real car would:
//! `delivered` once the command is `delay_secs` old, `done` `delay_secs`
//! after that; a climate command fails (`energy_low`) when the car's last
//! status shows less than [`ENERGY_LOW_PERCENT`] battery charge or fuel.
//! It acts through the same domain functions as the ingest API.

use chrono::{DateTime, Utc};
use mijn_lexus_contract::remote::{RemoteAck, RemoteAction, RemoteFailure, RemoteStatus};
use sqlx::SqlitePool;

use crate::error::AppResult;
use crate::remote;

/// Below this battery charge (or fuel level) the car will not condition the cabin.
pub const ENERGY_LOW_PERCENT: f64 = 10.0;

/// Answers every remote command that is due; returns how many steps were reported.
pub async fn answer_due(db: &SqlitePool, delay_secs: u32, now: DateTime<Utc>) -> AppResult<usize> {
    let cutoff = now.timestamp() - i64::from(delay_secs);
    let mut steps = 0;
    for vehicle_id in remote::vehicles_with_open_commands(db, cutoff).await? {
        for (id, delivered_at) in remote::delivered(db, vehicle_id).await? {
            if delivered_at.is_some_and(|t| t <= cutoff) {
                let done = RemoteAck {
                    status: RemoteStatus::Done,
                    failure: None,
                };
                remote::acknowledge(db, vehicle_id, id, &done, now).await?;
                steps += 1;
            }
        }
        let energy = remote::energy_percent(db, vehicle_id).await?;
        for c in remote::pending(db, vehicle_id, now.timestamp()).await? {
            if c.created_at.timestamp() > cutoff {
                continue;
            }
            let too_low = energy.is_some_and(|e| e < ENERGY_LOW_PERCENT);
            let ack = match c.action {
                RemoteAction::Climate(_) if too_low => RemoteAck {
                    status: RemoteStatus::Failed,
                    failure: Some(RemoteFailure::EnergyLow),
                },
                _ => RemoteAck {
                    status: RemoteStatus::Delivered,
                    failure: None,
                },
            };
            remote::acknowledge(db, vehicle_id, c.id, &ack, now).await?;
            steps += 1;
        }
    }
    Ok(steps)
}
