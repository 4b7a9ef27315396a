//! The wallet (F2): saved payment cards and the billing address, and the
//! payment provider's tokenisation, where the card fields go instead of
//! our API (docs/architecture.md, "Payments").

use gloo_net::http::{Method, RequestBuilder};
use mijn_lexus_contract::routes;
use mijn_lexus_contract::wallet::{
    AddCardRequest, BillingAddress, CardDetails, CardProvider, CardToken, PaymentCard, Wallet,
};

use super::{delete, get, json, mutate, path_segment, post, put, send, to_json, ApiResult};
use crate::i18n::lang;
use crate::session::Session;

pub async fn wallet() -> ApiResult<Wallet> {
    get(routes::WALLET_CARDS).await
}

pub async fn provider() -> ApiResult<CardProvider> {
    get(routes::WALLET_PROVIDER).await
}

/// Sends the card fields to the provider's tokenisation endpoint (never to
/// our API) and answers its single-use token. Its refusals (a wrong number,
/// an expired date) are field errors in our API's error format.
pub async fn tokenise(provider: &CardProvider, card: &CardDetails) -> ApiResult<CardToken> {
    let builder = RequestBuilder::new(&provider.tokens_url)
        .method(Method::POST)
        .header("Accept", "application/json")
        .header("Accept-Language", lang().code())
        .header(
            "Authorization",
            &format!("Bearer {}", provider.publishable_key),
        );
    json(send(builder, Some(&to_json(card)?)).await?).await
}

/// Saves the card behind `token`: 201 with a new card, 200 with one saved before.
pub async fn add_card(session: Session, body: &AddCardRequest) -> ApiResult<PaymentCard> {
    post(session, routes::WALLET_CARDS, body).await
}

pub async fn make_main(session: Session, id: &str) -> ApiResult<Wallet> {
    let route = routes::wallet_card_main(&path_segment(id));
    json(mutate(session, Method::POST, &route, None).await?).await
}

pub async fn remove_card(session: Session, id: &str) -> ApiResult<()> {
    delete(session, &routes::wallet_card(&path_segment(id))).await
}

pub async fn set_billing_address(session: Session, address: &BillingAddress) -> ApiResult<Wallet> {
    put(session, routes::WALLET_BILLING_ADDRESS, address).await
}
