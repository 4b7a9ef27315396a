//! Services and subscriptions (F1): the catalogue per vehicle, trials and
//! paid plans, cancellation and withdrawal, renewals and dunning.
//!
//! - [`catalogue`]: what is sold, for which powertrain, at which price;
//! - [`periods`]: the date and refund arithmetic (pure);
//! - [`activate`]: quote, trial, paid plan (with strong customer
//!   authentication), confirm;
//! - [`cancel`]: cancel, withdrawal quote and withdrawal;
//! - [`renewals`]: the scheduled pass (renew, retry, cancel, mail);
//! - [`charges`]: money through the payment provider, recorded in
//!   [`crate::billing`] (invoices, credit notes).

pub mod activate;
pub mod cancel;
pub mod catalogue;
pub mod charges;
pub mod periods;
pub mod renewals;
pub mod store;

use mijn_lexus_contract::services::{ServiceCatalogue, ServiceKind, ServiceOffer};
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppResult;
use crate::garage::UserVehicle;
use crate::state::AppState;

/// Whether a running subscription of the user is paid by card, so that the
/// wallet must keep a main card ('cancelled' plans run until `cancel_at`).
pub async fn card_is_needed(db: &SqlitePool, user_id: i64) -> AppResult<bool> {
    let needed: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM subscriptions
                         WHERE user_id = ? AND card_id IS NOT NULL
                           AND status IN ('trialing', 'active', 'past_due', 'cancelled'))",
    )
    .bind(user_id)
    .fetch_one(db)
    .await?;
    Ok(needed)
}

/// Every service with its plans and where it stands for this vehicle. A
/// secondary user sees the catalogue and the state, not who pays.
pub async fn catalogue(state: &AppState, v: &UserVehicle) -> AppResult<ServiceCatalogue> {
    let rate = activate::account_rate(state, v.user_id).await?;
    let now = state.clock.unix();
    let mut conn = state.db.acquire().await?;
    let mut services = Vec::new();
    for kind in ServiceKind::ALL {
        let offer = catalogue::offer(kind);
        let trial_used = store::trial_used(&mut conn, v.vehicle.id, kind).await?;
        let subscription = store::running(&mut conn, v.vehicle.id, kind).await?;
        let running = subscription.as_ref().is_some_and(|r| r.runs_at(now));
        services.push(ServiceOffer {
            service: kind,
            available: offer.available_for(v.powertrain()),
            plans: offer.plan_prices(),
            trial: offer.trial.filter(|_| trial_used.is_none()),
            vat_rate_bp: rate,
            subscription: subscription.map(|r| r.to_contract(now)),
            running,
        });
    }
    Ok(ServiceCatalogue {
        vin: v.vehicle.vin.clone(),
        services,
    })
}

/// The vehicle left the garage or changed owner (seeds/004 §2.2): every
/// subscription of it ends now, in the caller's transaction. Services are
/// not transferable; no refund is made automatically.
pub async fn end_for_vehicle(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    now: i64,
) -> AppResult<u64> {
    let ended = sqlx::query(
        "UPDATE subscriptions SET status = 'ended', ended_at = ?, next_attempt_at = NULL
         WHERE vehicle_id = ? AND status IN ('incomplete', 'trialing', 'active', 'past_due', 'cancelled')",
    )
    .bind(now)
    .bind(vehicle_id)
    .execute(conn)
    .await?;
    Ok(ended.rows_affected())
}

// ---- remote (F4) ----
/// Whether the vehicle's service runs at `now`, whoever pays for it (the
/// rule: [`store::SubscriptionRow::runs_at`]).
pub async fn is_running(
    db: &SqlitePool,
    vehicle_id: i64,
    service: ServiceKind,
    now: i64,
) -> AppResult<bool> {
    let mut conn = db.acquire().await?;
    let row = store::running(&mut conn, vehicle_id, service).await?;
    Ok(row.is_some_and(|r| r.runs_at(now)))
}
