//! Housekeeping run with every retention pass: rows that no longer serve
//! anybody are deleted, so secrets and personal data do not pile up.
//!
//! - sessions past their idle or absolute timeout;
//! - e-mail tokens (confirmation, reset, e-mail change) used or expired more
//!   than [`TOKEN_GRACE`] ago (until then a late click still hears "used" or
//!   "expired" rather than "invalid");
//! - dev-outbox mails older than [`OUTBOX_KEEP`];
//! - proof-failure counters whose lock and window are over;
//! - destinations sent to a car: unanswered ones fail, old ones go
//!   ([`crate::sharing`]).

use chrono::Duration;

use crate::garage::proof::VIN_WINDOW_SECS;
use crate::sharing;
use crate::state::AppState;

pub const TOKEN_GRACE: Duration = Duration::days(7);
pub const OUTBOX_KEEP: Duration = Duration::days(30);
/// A per-user failure count older than this no longer matters (the lock is
/// 15 minutes; the count resets when it ends).
pub const ATTEMPTS_KEEP: Duration = Duration::days(1);

/// Rows deleted by one pass, per kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub sessions: u64,
    pub email_tokens: u64,
    pub outbox: u64,
    pub proof_counters: u64,
    /// Destinations the car never took, now failed as unreachable.
    pub destinations_expired: u64,
    pub destinations: u64,
}

pub async fn run(state: &AppState) -> anyhow::Result<Purged> {
    let now = state.clock.unix();
    let sessions = sqlx::query("DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?")
        .bind(now - state.session_idle.num_seconds())
        .bind(now - state.session_absolute.num_seconds())
        .execute(&state.db)
        .await?
        .rows_affected();
    let grace_start = now - TOKEN_GRACE.num_seconds();
    let email_tokens =
        sqlx::query("DELETE FROM email_tokens WHERE used_at <= ?1 OR expires_at <= ?1")
            .bind(grace_start)
            .execute(&state.db)
            .await?
            .rows_affected();
    let outbox = sqlx::query("DELETE FROM outbox WHERE created_at <= ?")
        .bind(now - OUTBOX_KEEP.num_seconds())
        .execute(&state.db)
        .await?
        .rows_affected();
    let attempts = sqlx::query(
        "DELETE FROM access_attempts WHERE updated_at <= ?1 AND COALESCE(locked_until, 0) <= ?2",
    )
    .bind(now - ATTEMPTS_KEEP.num_seconds())
    .bind(now)
    .execute(&state.db)
    .await?
    .rows_affected();
    let vin_counters = sqlx::query(
        "DELETE FROM vin_proof_failures WHERE window_start <= ?1 AND COALESCE(locked_until, 0) <= ?2",
    )
    .bind(now - VIN_WINDOW_SECS)
    .bind(now)
    .execute(&state.db)
    .await?
    .rows_affected();
    Ok(Purged {
        sessions,
        email_tokens,
        outbox,
        proof_counters: attempts + vin_counters,
        destinations_expired: sharing::expire_unanswered(&state.db, now).await?,
        destinations: sharing::forget_old(&state.db, now).await?,
    })
}
