//! Erasing an account (B5 on request, A5 after inactivity).

use crate::accounts::{find_user, UserRow};
use crate::error::AppResult;
use crate::state::AppState;

/// Why an account is erased (kept, anonymously, in `account_deletions`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeletionReason {
    UserRequest,
    Inactivity,
}

impl DeletionReason {
    fn code(self) -> &'static str {
        match self {
            DeletionReason::UserRequest => "user_request",
            DeletionReason::Inactivity => "inactivity",
        }
    }
}

/// A vehicle the user is the main user of, and since when.
#[derive(sqlx::FromRow)]
struct MainUse {
    vehicle_id: i64,
    since: i64,
}

/// Erases a user and their personal data in one transaction; returns the
/// row as it was (to mail a confirmation), None when there was no such user.
///
/// - Vehicles where they are the main user: the data recorded from their
///   `since` on (readings, positions, messages, trips with routes and
///   events, logbook rows, warnings) and the status snapshot are deleted; every user's
///   access to the vehicle ends and open invitations are revoked, as when
///   the main user removes the vehicle. The vehicle itself (provisioned by
///   the telematics backend, no personal data) stays, ready for a new owner.
/// - Secondary access, service requests, sessions, tokens, consents, legal
///   acceptances, emergency contact, proof attempts: deleted (cascade).
/// - Invitations sent to their address: deleted. Chargers: released (owner,
///   nickname and last session cleared), ready to be added again.
/// - Mails to their address in the dev outbox: deleted.
/// - Kept: one anonymous row in `account_deletions` (time, reason, whether
///   there was a vehicle). No law requires more: there are no invoices.
pub async fn erase_user(
    state: &AppState,
    user_id: i64,
    reason: DeletionReason,
) -> AppResult<Option<UserRow>> {
    let Some(user) = find_user(&state.db, user_id).await? else {
        return Ok(None);
    };
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let main: Vec<MainUse> = sqlx::query_as(
        "SELECT vehicle_id, since FROM vehicle_users WHERE user_id = ? AND role = 'main'",
    )
    .bind(user_id)
    .fetch_all(&mut *tx)
    .await?;
    let had_vehicle: i64 =
        sqlx::query_scalar("SELECT COUNT(*) > 0 FROM vehicle_users WHERE user_id = ?")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
    for MainUse { vehicle_id, since } in &main {
        for sql in [
            "DELETE FROM vehicle_readings WHERE vehicle_id = ?1 AND recorded_at >= ?2",
            "DELETE FROM vehicle_positions WHERE vehicle_id = ?1 AND recorded_at >= ?2",
            "DELETE FROM telemetry_messages WHERE vehicle_id = ?1 AND recorded_at >= ?2",
            "DELETE FROM trips WHERE vehicle_id = ?1 AND started_at >= ?2",
            "DELETE FROM logbook_entries WHERE vehicle_id = ?1 AND started_at >= ?2",
            "DELETE FROM vehicle_warnings WHERE vehicle_id = ?1 AND last_seen_at >= ?2",
            "DELETE FROM vehicle_state WHERE vehicle_id = ?1 AND ?2 IS NOT NULL",
        ] {
            sqlx::query(sql)
                .bind(vehicle_id)
                .bind(since)
                .execute(&mut *tx)
                .await?;
        }
        crate::garage::end_all_access(&mut tx, *vehicle_id, now).await?;
    }
    sqlx::query("DELETE FROM vehicle_invitations WHERE email = ?")
        .bind(&user.email)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE chargers SET owner_user_id = NULL, nickname = '', added_at = NULL, state = NULL,
                             power_kw = NULL, session_energy_kwh = NULL
         WHERE owner_user_id = ?",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM outbox WHERE to_address = ?")
        .bind(&user.email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM users WHERE id = ?")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO account_deletions (deleted_at, reason, had_vehicle) VALUES (?, ?, ?)")
        .bind(now)
        .bind(reason.code())
        .bind(had_vehicle)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(user_id, reason = reason.code(), "account erased");
    Ok(Some(user))
}
