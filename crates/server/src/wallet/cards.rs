//! Adding, making main and removing cards: the wallet's rules.

use mijn_lexus_contract::wallet::AddCardRequest;
use mijn_lexus_contract::ErrorCode;

use super::{card_by_public_id, valid_billing_address, write_billing_address, WalletCard};
use crate::error::{AppError, AppResult};
use crate::payments::{DeclineReason, PaymentError};
use crate::security::random_token;
use crate::state::AppState;

/// Longest token we pass on to the provider (theirs are far shorter).
const TOKEN_MAX_LEN: usize = 200;

pub struct AddedCard {
    pub card: WalletCard,
    /// False when the card was saved before (same fingerprint): the existing
    /// card is answered, with the new expiry, holder and reference.
    pub created: bool,
}

/// The provider's errors as the API tells them.
fn provider_error(e: PaymentError) -> AppError {
    match e {
        PaymentError::UnknownToken => AppError::Code(ErrorCode::CardTokenInvalid),
        PaymentError::CardRefused(DeclineReason::ExpiredCard) => {
            AppError::Code(ErrorCode::CardExpired)
        }
        PaymentError::CardRefused(_) => AppError::Code(ErrorCode::CardDeclined),
        PaymentError::Unavailable(e) => {
            tracing::warn!(error = format!("{e:#}"), "payment provider unavailable");
            AppError::Code(ErrorCode::PaymentProviderUnavailable)
        }
        other => AppError::Internal(anyhow::anyhow!("payment provider: {other}")),
    }
}

/// `POST /wallet/cards`: exchanges the provider's token for the card and
/// saves it. The first card becomes the main card, as does one added with
/// `make_main`. The billing address (checked before the single-use token is
/// spent) becomes the wallet's.
pub async fn add_card(
    state: &AppState,
    user_id: i64,
    req: &AddCardRequest,
) -> AppResult<AddedCard> {
    let address = valid_billing_address(&state.db, user_id, &req.billing_address).await?;
    let token = req.token.trim();
    if token.is_empty() {
        return Err(AppError::field("token", ErrorCode::Required));
    }
    if token.len() > TOKEN_MAX_LEN {
        return Err(AppError::Code(ErrorCode::CardTokenInvalid));
    }
    let card = state.payments.card(token).await.map_err(provider_error)?;
    let now = state.clock.unix();

    let mut tx = crate::db::begin_write(&state.db).await?;
    let existing: Option<(i64, String, bool)> = sqlx::query_as(
        "SELECT id, public_id, is_main FROM payment_cards WHERE user_id = ? AND fingerprint = ?",
    )
    .bind(user_id)
    .bind(&card.fingerprint)
    .fetch_optional(&mut *tx)
    .await?;
    let has_main: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM payment_cards WHERE user_id = ? AND is_main = 1)",
    )
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await?;
    let (public_id, created) = match existing {
        Some((id, public_id, _)) => {
            // The same card again (a renewed card has the same number): keep
            // one card with what the provider says now.
            sqlx::query(
                "UPDATE payment_cards SET provider_token = ?, brand = ?, funding = ?, last4 = ?,
                        exp_month = ?, exp_year = ?, holder = ?
                  WHERE id = ?",
            )
            .bind(&card.provider_token)
            .bind(card.brand.as_str())
            .bind(card.funding.as_str())
            .bind(&card.last4)
            .bind(card.exp_month)
            .bind(card.exp_year)
            .bind(&card.holder)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            (public_id, false)
        }
        None => {
            let public_id = random_token();
            sqlx::query(
                "INSERT INTO payment_cards (public_id, user_id, provider_token, brand, funding,
                     last4, exp_month, exp_year, holder, fingerprint, is_main, billing_street,
                     billing_house_number, billing_box_number, billing_postcode, billing_city,
                     billing_country, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&public_id)
            .bind(user_id)
            .bind(&card.provider_token)
            .bind(card.brand.as_str())
            .bind(card.funding.as_str())
            .bind(&card.last4)
            .bind(card.exp_month)
            .bind(card.exp_year)
            .bind(&card.holder)
            .bind(&card.fingerprint)
            .bind(&address.street)
            .bind(&address.house_number)
            .bind(&address.box_number)
            .bind(&address.postcode)
            .bind(&address.city)
            .bind(address.country.code())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            (public_id, true)
        }
    };
    if req.make_main || !has_main {
        set_main(&mut tx, user_id, &public_id).await?;
    }
    write_billing_address(&mut tx, user_id, &address).await?;
    tx.commit().await?;
    let card = card_by_public_id(&state.db, user_id, &public_id)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    Ok(AddedCard { card, created })
}

/// Makes the card main: first the old main card steps down (the one-main
/// index is checked per row, so one UPDATE cannot swap them).
async fn set_main(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    user_id: i64,
    public_id: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payment_cards SET is_main = 0 WHERE user_id = ? AND is_main = 1 AND public_id <> ?",
    )
    .bind(user_id)
    .bind(public_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE payment_cards SET is_main = 1 WHERE user_id = ? AND public_id = ?")
        .bind(user_id)
        .bind(public_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// `POST /wallet/cards/{id}/main`. Another user's card: not found.
pub async fn make_main(state: &AppState, user_id: i64, public_id: &str) -> AppResult<()> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM payment_cards WHERE user_id = ? AND public_id = ?)",
    )
    .bind(user_id)
    .bind(public_id)
    .fetch_one(&mut *tx)
    .await?;
    if !exists {
        return Err(AppError::Code(ErrorCode::NotFound));
    }
    set_main(&mut tx, user_id, public_id).await?;
    tx.commit().await?;
    Ok(())
}

/// `DELETE /wallet/cards/{id}`. The main card goes only as the last card and
/// only while no running subscription needs a card (`main_card_in_use`);
/// with other cards, another must become main first
/// (`main_card_must_be_replaced`). Subscriptions that recorded a removed
/// non-main card as their last payer move to the main card (services always
/// charge the main card).
pub async fn remove_card(state: &AppState, user_id: i64, public_id: &str) -> AppResult<()> {
    // The write lock first: no card or subscription changes between the
    // checks and the delete.
    let mut tx = crate::db::begin_write(&state.db).await?;
    let card: Option<(i64, bool)> =
        sqlx::query_as("SELECT id, is_main FROM payment_cards WHERE user_id = ? AND public_id = ?")
            .bind(user_id)
            .bind(public_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((card_id, is_main)) = card else {
        return Err(AppError::Code(ErrorCode::NotFound));
    };
    let replacement: Option<i64> = if is_main {
        let others: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM payment_cards WHERE user_id = ? AND id <> ?")
                .bind(user_id)
                .bind(card_id)
                .fetch_one(&mut *tx)
                .await?;
        if others > 0 {
            return Err(AppError::Code(ErrorCode::MainCardMustBeReplaced));
        }
        // Read through the pool while this transaction holds the write
        // lock: the answer cannot change before the commit.
        if crate::services::card_is_needed(&state.db, user_id).await? {
            return Err(AppError::Code(ErrorCode::MainCardInUse));
        }
        None
    } else {
        sqlx::query_scalar("SELECT id FROM payment_cards WHERE user_id = ? AND is_main = 1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?
    };
    // Running subscriptions move to the main card; finished ones forget the
    // card (the reference is ON DELETE RESTRICT).
    sqlx::query(
        "UPDATE subscriptions
            SET card_id = CASE WHEN status IN ('trialing', 'active', 'past_due', 'cancelled')
                               THEN ? ELSE NULL END
          WHERE card_id = ?",
    )
    .bind(replacement)
    .bind(card_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM payment_cards WHERE id = ?")
        .bind(card_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
