//! Services and subscriptions (F1). For now only what the wallet needs to
//! know about them; the services area owns this module.

use sqlx::SqlitePool;

use crate::error::AppResult;

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
