//! Quote and activation (F1): a trial (once per vehicle and service, ever)
//! or a paid plan charged upfront to the main card.
//!
//! A paid activation is recorded as an `incomplete` subscription and a
//! pending charge in one transaction BEFORE the provider is asked, keyed by
//! the client's idempotency key: the same key again (even in parallel)
//! finds that record and asks the provider again with the same charge key,
//! which returns the first outcome, so one key is one charge and one
//! invoice. A second purchase with another key is refused by the
//! one-running-subscription index.

use chrono::Duration;
use mijn_lexus_contract::money::{split_gross, vat_rate_bp, Money};
use mijn_lexus_contract::services::{
    ActivateRequest, Activation, Plan, Quote, ServiceKind, TrialLength,
};
use mijn_lexus_contract::ErrorCode;

use super::catalogue::{self, Offer};
use super::charges;
use super::periods;
use super::store::{self, SubscriptionRow};
use crate::clock::from_unix;
use crate::error::{AppError, AppResult};
use crate::garage::UserVehicle;
use crate::security::random_token;
use crate::state::AppState;

/// An abandoned challenge stops blocking a new purchase after this.
const INCOMPLETE_TIMEOUT: Duration = Duration::hours(1);

/// Only the main user buys and cancels, and only what is offered.
fn offer_for(v: &UserVehicle, service: ServiceKind) -> AppResult<&'static Offer> {
    v.require(|p| p.can_manage_services)?;
    let offer = catalogue::offer(service);
    if !offer.available_for(v.powertrain()) {
        return Err(ErrorCode::ServiceNotOffered.into());
    }
    Ok(offer)
}

/// The VAT rate of the account's country.
pub async fn account_rate(state: &AppState, user_id: i64) -> AppResult<u32> {
    let user = crate::accounts::find_user(&state.db, user_id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(vat_rate_bp(user.country()))
}

fn trial_days(start: i64, length: TrialLength) -> i64 {
    let end = periods::trial_end(from_unix(start), length);
    (end - from_unix(start)).num_days()
}

/// What the plan would cost and when it renews; nothing is stored.
pub async fn quote(
    state: &AppState,
    v: &UserVehicle,
    service: ServiceKind,
    plan: Plan,
) -> AppResult<Quote> {
    let offer = offer_for(v, service)?;
    let rate = account_rate(state, v.user_id).await?;
    let now = state.clock.unix();
    let mut conn = state.db.acquire().await?;
    let trial_used = store::trial_used(&mut conn, v.vehicle.id, service).await?;
    let start = from_unix(now);
    let (price, period_end, withdrawal) = match plan {
        Plan::Trial => {
            let length = offer.trial.ok_or(ErrorCode::ServiceNotOffered)?;
            if trial_used.is_some() {
                return Err(ErrorCode::TrialAlreadyUsed.into());
            }
            (Money::eur(0), periods::trial_end(start, length), None)
        }
        paid => {
            let price = offer.price(paid).ok_or(ErrorCode::ServiceNotOffered)?;
            let months = paid.months().unwrap_or(1);
            (
                price,
                periods::add_months(start, months),
                withdrawal_until(trial_used, now).map(from_unix),
            )
        }
    };
    let split = split_gross(price.cents, rate);
    Ok(Quote {
        service,
        plan,
        price,
        net: Money::eur(split.net_cents),
        vat: Money::eur(split.vat_cents),
        vat_rate_bp: rate,
        starts_at: start,
        period_end,
        renews: offer.renews(plan),
        withdrawal_deadline: withdrawal,
    })
}

/// The end of the right of withdrawal for a paid plan bought at `now`;
/// none after a trial of 14 days or more (seeds/004 "Herroepingsrecht").
fn withdrawal_until(trial_days_used: Option<i64>, now: i64) -> Option<i64> {
    match trial_days_used {
        Some(days) if days >= periods::WITHDRAWAL_DAYS as i64 => None,
        _ => Some(periods::withdrawal_deadline(from_unix(now)).timestamp()),
    }
}

/// Activates a trial or a paid plan.
pub async fn activate(
    state: &AppState,
    v: &UserVehicle,
    service: ServiceKind,
    req: &ActivateRequest,
) -> AppResult<Activation> {
    req.validate().map_err(AppError::from)?;
    let offer = offer_for(v, service)?;
    let rate = account_rate(state, v.user_id).await?;
    let now = state.clock.unix();
    // Read before the write transaction: a request holding the write lock
    // must not wait for another pool connection.
    let card = crate::wallet::main_card(&state.db, v.user_id).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let earlier: Option<SubscriptionRow> = sqlx::query_as(&format!(
        "SELECT {} FROM {} WHERE s.user_id = ? AND s.idempotency_key = ?",
        store::COLUMNS,
        store::FROM
    ))
    .bind(v.user_id)
    .bind(&req.idempotency_key)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(earlier) = earlier {
        drop(tx);
        return charges::outcome(state, &earlier).await;
    }
    // A challenge nobody finished stops blocking after a while.
    sqlx::query(
        "UPDATE subscriptions SET status = 'ended', ended_at = ?
         WHERE vehicle_id = ? AND service = ? AND status = 'incomplete' AND created_at <= ?",
    )
    .bind(now)
    .bind(v.vehicle.id)
    .bind(service.code())
    .bind(now - INCOMPLETE_TIMEOUT.num_seconds())
    .execute(&mut *tx)
    .await?;
    let running: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM subscriptions WHERE vehicle_id = ? AND service = ?
             AND status IN ('incomplete', 'trialing', 'active', 'past_due', 'cancelled'))",
    )
    .bind(v.vehicle.id)
    .bind(service.code())
    .fetch_one(&mut *tx)
    .await?;
    let trial_used = store::trial_used(&mut tx, v.vehicle.id, service).await?;
    let public_id = random_token();
    let start = from_unix(now);
    if req.plan == Plan::Trial {
        let length = offer.trial.ok_or(ErrorCode::ServiceNotOffered)?;
        if trial_used.is_some() {
            return Err(ErrorCode::TrialAlreadyUsed.into());
        }
        if running {
            return Err(ErrorCode::ServiceAlreadyActive.into());
        }
        sqlx::query(
            "INSERT INTO service_trials (vehicle_id, service, length_days, started_at) VALUES (?, ?, ?, ?)",
        )
        .bind(v.vehicle.id)
        .bind(service.code())
        .bind(trial_days(now, length))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let id = insert(
            &mut tx,
            v,
            service,
            Plan::Trial,
            &public_id,
            now,
            periods::trial_end(start, length).timestamp(),
            0,
            rate,
            None,
            None,
            &req.idempotency_key,
        )
        .await?;
        let row = store::by_id(&mut tx, id).await?;
        tx.commit().await?;
        tracing::info!(service = service.code(), "trial started");
        return Ok(Activation::Activated {
            subscription: row.to_contract(now),
        });
    }
    let price = offer.price(req.plan).ok_or(ErrorCode::ServiceNotOffered)?;
    if running {
        return Err(ErrorCode::ServiceAlreadyActive.into());
    }
    let card = card.ok_or(ErrorCode::MainCardRequired)?;
    let period_end = periods::add_months(start, req.plan.months().unwrap_or(1)).timestamp();
    let id = insert(
        &mut tx,
        v,
        service,
        req.plan,
        &public_id,
        now,
        period_end,
        price.cents,
        rate,
        Some(card.id),
        withdrawal_until(trial_used, now),
        &req.idempotency_key,
    )
    .await?;
    let row = store::by_id(&mut tx, id).await?;
    charges::record_first_charge(&mut tx, &row, &card.last4, now).await?;
    tx.commit().await?;
    charges::outcome(state, &row).await
}

#[allow(clippy::too_many_arguments)]
async fn insert(
    conn: &mut sqlx::SqliteConnection,
    v: &UserVehicle,
    service: ServiceKind,
    plan: Plan,
    public_id: &str,
    now: i64,
    period_end: i64,
    price_cents: i64,
    rate: u32,
    card_id: Option<i64>,
    withdrawal_until: Option<i64>,
    key: &str,
) -> AppResult<i64> {
    let status = if plan == Plan::Trial {
        "trialing"
    } else {
        "incomplete"
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO subscriptions (public_id, user_id, vehicle_id, service, plan, status, card_id,
             started_at, current_period_start, current_period_end, created_at, price_cents,
             vat_rate_bp, idempotency_key, withdrawal_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(public_id)
    .bind(v.user_id)
    .bind(v.vehicle.id)
    .bind(service.code())
    .bind(plan.code())
    .bind(status)
    .bind(card_id)
    .bind(now)
    .bind(now)
    .bind(period_end)
    .bind(now)
    .bind(price_cents)
    .bind(i64::from(rate))
    .bind(key)
    .bind(withdrawal_until)
    .fetch_one(conn)
    .await?)
}

/// After the card holder came back from the challenge page.
pub async fn confirm(state: &AppState, user_id: i64, public_id: &str) -> AppResult<Activation> {
    let mut conn = state.db.acquire().await?;
    let row = store::find(&mut conn, user_id, public_id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    drop(conn);
    charges::outcome(state, &row).await
}
