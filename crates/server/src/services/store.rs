//! The `subscriptions` table: rows, reads and their JSON form. Every read
//! that answers a user names the user's id, so another user's id is 404.

use chrono::{DateTime, Utc};
use mijn_lexus_contract::money::Money;
use mijn_lexus_contract::services::{Plan, ServiceKind, Subscription, SubscriptionStatus};
use sqlx::SqliteConnection;

use crate::clock::from_unix;
use crate::error::AppResult;

/// Statuses in which the service runs (and blocks another subscription).
pub const RUNNING: &str = "('trialing', 'active', 'past_due', 'cancelled')";

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SubscriptionRow {
    pub id: i64,
    pub public_id: String,
    pub user_id: i64,
    pub vehicle_id: i64,
    pub vin: String,
    pub service: String,
    pub plan: String,
    pub status: String,
    pub card_id: Option<i64>,
    pub started_at: i64,
    pub current_period_start: i64,
    pub current_period_end: i64,
    pub cancel_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub price_cents: i64,
    pub vat_rate_bp: i64,
    pub withdrawal_until: Option<i64>,
    pub failed_attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub card_warned_for: Option<i64>,
}

pub const COLUMNS: &str = "s.id, s.public_id, s.user_id, s.vehicle_id, v.vin, s.service, s.plan,
    s.status, s.card_id, s.started_at, s.current_period_start, s.current_period_end, s.cancel_at,
    s.ended_at, s.price_cents, s.vat_rate_bp, s.withdrawal_until, s.failed_attempts,
    s.next_attempt_at, s.card_warned_for";

/// `FROM` clause joining the vehicle (for its VIN).
pub const FROM: &str = "subscriptions s JOIN vehicles v ON v.id = s.vehicle_id";

impl SubscriptionRow {
    pub fn kind(&self) -> ServiceKind {
        ServiceKind::from_code(&self.service).unwrap_or(ServiceKind::Standard)
    }

    pub fn plan(&self) -> Plan {
        Plan::from_code(&self.plan).unwrap_or(Plan::Monthly)
    }

    pub fn status(&self) -> SubscriptionStatus {
        SubscriptionStatus::from_code(&self.status).unwrap_or(SubscriptionStatus::Ended)
    }

    pub fn price(&self) -> Money {
        Money::eur(self.price_cents)
    }

    pub fn rate_bp(&self) -> u32 {
        u32::try_from(self.vat_rate_bp).unwrap_or(0)
    }

    /// Whether the right of withdrawal still applies at `now`.
    pub fn may_withdraw(&self, now: i64) -> bool {
        self.status() == SubscriptionStatus::Active
            && self.withdrawal_until.is_some_and(|until| now < until)
    }

    /// Whether the service runs at `now`: trialing, active or past due, or
    /// cancelled but not yet at `cancel_at` (the renewal pass ends it then;
    /// until it ran, time decides). The catalogue's `running` and the gate
    /// of remote commands both ask this.
    pub fn runs_at(&self, now: i64) -> bool {
        match self.status() {
            SubscriptionStatus::Trialing
            | SubscriptionStatus::Active
            | SubscriptionStatus::PastDue => true,
            SubscriptionStatus::Cancelled => self.cancel_at.is_some_and(|at| at > now),
            _ => false,
        }
    }

    /// Whether the paid plan renews at its period's end (not Internet's
    /// yearly plan, which the buyer renews by hand).
    pub fn renews_by_itself(&self) -> bool {
        super::catalogue::offer(self.kind()).renews(self.plan())
    }

    pub fn to_contract(&self, now: i64) -> Subscription {
        let status = self.status();
        let renews = matches!(
            status,
            SubscriptionStatus::Trialing | SubscriptionStatus::Active | SubscriptionStatus::PastDue
        ) && (self.plan() == Plan::Trial || self.renews_by_itself());
        let at = |t: i64| -> DateTime<Utc> { from_unix(t) };
        Subscription {
            id: self.public_id.clone(),
            vin: self.vin.clone(),
            service: self.kind(),
            plan: self.plan(),
            status,
            started_at: at(self.started_at),
            current_period_end: at(self.current_period_end),
            renews_at: renews.then(|| at(self.current_period_end)),
            cancel_at: self.cancel_at.map(at),
            ended_at: self.ended_at.map(at),
            price: self.price(),
            withdrawal_deadline: self
                .may_withdraw(now)
                .then(|| self.withdrawal_until.map(at))
                .flatten(),
        }
    }
}

/// The user's subscription with this public id (any status).
pub async fn find(
    conn: &mut SqliteConnection,
    user_id: i64,
    public_id: &str,
) -> AppResult<Option<SubscriptionRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE s.public_id = ? AND s.user_id = ?"
    ))
    .bind(public_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await?)
}

/// The running subscription of a vehicle's service, whoever holds it.
pub async fn running(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    service: ServiceKind,
) -> AppResult<Option<SubscriptionRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE s.vehicle_id = ? AND s.service = ? AND s.status IN {RUNNING}"
    ))
    .bind(vehicle_id)
    .bind(service.code())
    .fetch_optional(conn)
    .await?)
}

pub async fn by_id(conn: &mut SqliteConnection, id: i64) -> AppResult<SubscriptionRow> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM {FROM} WHERE s.id = ?"))
            .bind(id)
            .fetch_one(conn)
            .await?,
    )
}

/// The trial this vehicle used for the service, if any: its length in days.
pub async fn trial_used(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    service: ServiceKind,
) -> AppResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT length_days FROM service_trials WHERE vehicle_id = ? AND service = ?",
    )
    .bind(vehicle_id)
    .bind(service.code())
    .fetch_optional(conn)
    .await?)
}

/// Ends the subscription now.
pub async fn end(conn: &mut SqliteConnection, id: i64, now: i64) -> AppResult<()> {
    sqlx::query(
        "UPDATE subscriptions SET status = 'ended', ended_at = ?, next_attempt_at = NULL WHERE id = ?",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}
