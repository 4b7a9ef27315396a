//! F2: the sandbox payment provider (test cards, idempotent charges and
//! refunds, the strong-authentication challenge), the wallet's rules (dedupe,
//! main card, billing country), strangers, and the scan for card numbers.

mod cards;
mod charges;
mod sandbox;
mod scan;
mod strangers;

use chrono::Datelike;
use mijn_lexus_contract::ErrorCode;
use mijn_lexus_server::payments::{
    ChargeOutcome, ChargeRequest, DeclineReason, Initiated, PaymentError,
};
use reqwest::Response;
use serde_json::{json, Value};

use crate::common::*;

pub const KEY: &str = mijn_lexus_server::config::TEST_SANDBOX_PAY_KEY;
pub const TOKENS: &str = "/sandbox-pay/v1/tokens";

pub const VISA: &str = "4242 4242 4242 4242";
pub const MASTERCARD: &str = "5555 5555 5555 4444";
pub const MASTERCARD_2: &str = "2223 0031 2200 3222";
pub const DECLINED: &str = "4000 0000 0000 0002";
pub const INSUFFICIENT: &str = "4000 0000 0000 9995";
pub const EXPIRED: &str = "4000 0000 0000 0069";
pub const SCA: &str = "4000 0025 0000 3155";
pub const ATTACH_THEN_FAIL: &str = "4000 0000 0000 0341";
/// Every number of the test-card table.
pub const TEST_CARDS: [&str; 8] = [
    VISA,
    MASTERCARD,
    MASTERCARD_2,
    DECLINED,
    INSUFFICIENT,
    EXPIRED,
    SCA,
    ATTACH_THEN_FAIL,
];

/// Card fields as the browser sends them to the sandbox (valid three years
/// from the app's clock).
pub fn card_fields(app: &TestApp, number: &str, cvc: &str) -> Value {
    let year = chrono::DateTime::from_timestamp(app.clock_unix(), 0)
        .unwrap()
        .year();
    json!({"number": number, "exp_month": 12, "exp_year": year + 3, "cvc": cvc,
           "holder": "Els Janssens"})
}

/// POST to the sandbox's tokenisation endpoint with the publishable key.
pub async fn tokenise_raw(app: &TestApp, body: &Value) -> Response {
    reqwest::Client::new()
        .post(format!("{}{TOKENS}", app.base))
        .bearer_auth(KEY)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// A fresh single-use token for `number`.
pub async fn tokenise(app: &TestApp, number: &str) -> String {
    let resp = tokenise_raw(app, &card_fields(app, number, "123")).await;
    assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap());
    let body: Value = resp.json().await.unwrap();
    body["token"].as_str().unwrap().to_owned()
}

/// A Belgian billing address (the test accounts are Belgian).
pub fn address() -> Value {
    json!({"street": "Wetstraat", "house_number": "16", "postcode": "1000",
           "city": "Brussel", "country": "BE"})
}

/// Tokenises `number` and adds it to the wallet; answers the response.
pub async fn add_card_raw(app: &TestApp, b: &Browser, number: &str, make_main: bool) -> Response {
    let token = tokenise(app, number).await;
    b.post(
        "/api/wallet/cards",
        &json!({"token": token, "billing_address": address(), "make_main": make_main}),
    )
    .await
}

/// Adds `number` as a new card (201); answers the card.
pub async fn add_card(app: &TestApp, b: &Browser, number: &str) -> Value {
    let resp = add_card_raw(app, b, number, false).await;
    assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap());
    resp.json().await.unwrap()
}

pub async fn wallet(b: &Browser) -> Value {
    let resp = b.get("/api/wallet/cards").await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// The provider reference of a token (spends the token).
pub async fn provider_token(app: &TestApp, number: &str) -> String {
    let token = tokenise(app, number).await;
    app.state
        .payments
        .card(&token)
        .await
        .unwrap()
        .provider_token
}

pub fn charge_request(provider_token: &str, key: &str, initiated: Initiated) -> ChargeRequest {
    ChargeRequest {
        provider_token: provider_token.to_owned(),
        amount_cents: 1299,
        currency: "EUR".into(),
        description: "Remote Services, 1 maand".into(),
        idempotency_key: key.to_owned(),
        initiated,
    }
}

pub fn customer() -> Initiated {
    Initiated::Customer {
        return_url: "/services/return".into(),
    }
}
