//! /api/wallet: saved payment cards and the billing address (F2). Rules and
//! SQL: [`crate::wallet`]; the card itself comes from the payment provider
//! (`crate::payments`) by token.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use mijn_lexus_contract::routes::{
    wallet_card, wallet_card_main, SANDBOX_PAY_TOKENS, WALLET_BILLING_ADDRESS, WALLET_CARDS,
    WALLET_PROVIDER,
};
use mijn_lexus_contract::wallet::{
    AddCardRequest, BillingAddress, CardProvider, PaymentCard, Wallet,
};

use super::ApiJson;
use crate::error::AppResult;
use crate::security::session::SignedIn;
use crate::state::AppState;
use crate::wallet;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(WALLET_CARDS, get(list).post(add))
        .route(&wallet_card("{id}"), axum::routing::delete(remove))
        .route(&wallet_card_main("{id}"), post(make_main))
        .route(WALLET_BILLING_ADDRESS, put(set_billing_address))
        .route(WALLET_PROVIDER, get(provider))
}

/// GET /wallet/cards
async fn list(State(state): State<AppState>, SignedIn(s): SignedIn) -> AppResult<Json<Wallet>> {
    Ok(Json(
        wallet::wallet(&state.db, s.user_id, state.clock.now()).await?,
    ))
}

/// POST /wallet/cards: 201 with a new card, 200 with the card saved before.
async fn add(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    ApiJson(req): ApiJson<AddCardRequest>,
) -> AppResult<(StatusCode, Json<PaymentCard>)> {
    let added = wallet::add_card(&state, s.user_id, &req).await?;
    let status = if added.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(added.card.to_payment_card(state.clock.now()))))
}

/// DELETE /wallet/cards/{id}
async fn remove(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    wallet::remove_card(&state, s.user_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// POST /wallet/cards/{id}/main
async fn make_main(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    Path(id): Path<String>,
) -> AppResult<Json<Wallet>> {
    wallet::make_main(&state, s.user_id, &id).await?;
    list(State(state), SignedIn(s)).await
}

/// PUT /wallet/billing-address
async fn set_billing_address(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    ApiJson(address): ApiJson<BillingAddress>,
) -> AppResult<Json<Wallet>> {
    wallet::set_billing_address(&state.db, s.user_id, &address).await?;
    list(State(state), SignedIn(s)).await
}

/// GET /wallet/provider: the sandbox provider's tokenisation endpoint (same
/// origin) and publishable key, for the browser's card form.
async fn provider(State(state): State<AppState>, SignedIn(_): SignedIn) -> Json<CardProvider> {
    Json(CardProvider {
        tokens_url: format!("{}{SANDBOX_PAY_TOKENS}", state.public_url),
        publishable_key: state.config.sandbox_pay_publishable_key.clone(),
    })
}
