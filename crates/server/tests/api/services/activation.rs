//! F1: paid plans are charged upfront to the main card, once per
//! idempotency key (also in parallel), with strong customer authentication
//! when the issuer asks.

use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

use super::*;
use crate::common::expect_error;

const VIN: &str = "JTHBAAHB2P1000004";

#[tokio::test]
async fn a_paid_plan_needs_a_main_card_and_is_charged_upfront_with_an_invoice() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    expect_error(
        activate(&b, VIN, "remote", "monthly", &key()).await,
        409,
        ErrorCode::MainCardRequired,
    )
    .await;
    main_card(&app, &b, VISA).await;
    let sub = bought(&b, VIN, "remote", "monthly").await;
    assert_eq!(sub["status"], "active");
    assert_eq!(sub["price"]["cents"], 799);
    assert!(sub["withdrawal_deadline"].is_string());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_charges WHERE status = 'succeeded' AND amount_cents = 799").await, 1);
    let invoices: Value = b.get("/api/invoices").await.json().await.unwrap();
    assert_eq!(invoices["invoices"].as_array().unwrap().len(), 1);
    assert_eq!(invoices["invoices"][0]["total"]["cents"], 799);
    let history: Value = b.get("/api/payments").await.json().await.unwrap();
    assert_eq!(history["payments"][0]["status"], "succeeded");
    assert_eq!(history["payments"][0]["card_last4"], "4242");
    // A second plan of the same service is refused while one runs.
    expect_error(
        activate(&b, VIN, "remote", "yearly", &key()).await,
        409,
        ErrorCode::ServiceAlreadyActive,
    )
    .await;
}

#[tokio::test]
async fn the_same_key_twice_is_one_charge_and_one_invoice() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let k = key();
    let first: Value = activate(&b, VIN, "smart", "yearly", &k)
        .await
        .json()
        .await
        .unwrap();
    let again: Value = activate(&b, VIN, "smart", "yearly", &k)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["subscription"]["id"], again["subscription"]["id"]);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_charges").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invoices").await, 1);
}

#[tokio::test]
async fn parallel_requests_with_one_key_charge_once() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let k = key();
    let answers = futures_join(&b, &k).await;
    let ids: std::collections::HashSet<_> = answers
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, 200, "{body}");
            body["subscription"]["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_charges").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invoices").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM subscriptions").await, 1);
}

/// Four activations with the same key at once.
async fn futures_join(b: &crate::common::Browser, k: &str) -> Vec<(u16, Value)> {
    let one = || async {
        let resp = activate(b, VIN, "remote", "monthly", k).await;
        let status = resp.status().as_u16();
        (status, resp.json::<Value>().await.unwrap())
    };
    let (a, b2, c, d) = tokio::join!(one(), one(), one(), one());
    vec![a, b2, c, d]
}

#[tokio::test]
async fn parallel_purchases_with_different_keys_buy_once() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let (k1, k2) = (key(), key());
    let (r1, r2) = tokio::join!(
        activate(&b, VIN, "remote", "monthly", &k1),
        activate(&b, VIN, "remote", "monthly", &k2)
    );
    let mut statuses = [r1.status().as_u16(), r2.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_charges").await, 1);
}

#[tokio::test]
async fn a_declined_card_buys_nothing_and_the_key_keeps_its_answer() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, FAILS_LATER).await;
    let k = key();
    expect_error(
        activate(&b, VIN, "remote", "monthly", &k).await,
        402,
        ErrorCode::PaymentFailed,
    )
    .await;
    expect_error(
        activate(&b, VIN, "remote", "monthly", &k).await,
        402,
        ErrorCode::PaymentFailed,
    )
    .await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invoices").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_charges").await, 1);
    // With a good card and a new key it works.
    main_card(&app, &b, VISA).await;
    bought(&b, VIN, "remote", "monthly").await;
}

#[tokio::test]
async fn strong_customer_authentication_then_confirm() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, SCA).await;
    let resp = activate(&b, VIN, "smart", "monthly", &key()).await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["outcome"], "requires_action", "{body}");
    let id = body["subscription_id"].as_str().unwrap().to_owned();
    let url = body["challenge_url"].as_str().unwrap().to_owned();
    assert!(url.contains("/sandbox-pay/challenge/"), "{url}");
    // Not yet approved: confirming says so, nothing is billed.
    let pending: Value = b
        .post(&format!("/api/subscriptions/{id}/confirm"), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(pending["outcome"], "requires_action");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invoices").await, 0);
    // The card holder approves on the provider's page.
    let resp = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(&url)
        .form(&[("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let done: Value = b
        .post(&format!("/api/subscriptions/{id}/confirm"), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(done["outcome"], "activated", "{done}");
    assert_eq!(done["subscription"]["status"], "active");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invoices").await, 1);
}

#[tokio::test]
async fn a_failed_authentication_buys_nothing() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, SCA).await;
    let body: Value = activate(&b, VIN, "smart", "monthly", &key())
        .await
        .json()
        .await
        .unwrap();
    let id = body["subscription_id"].as_str().unwrap().to_owned();
    let url = body["challenge_url"].as_str().unwrap().to_owned();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(&url)
        .form(&[("decision", "fail")])
        .send()
        .await
        .unwrap();
    expect_error(
        b.post(&format!("/api/subscriptions/{id}/confirm"), &json!({}))
            .await,
        402,
        ErrorCode::PaymentFailed,
    )
    .await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invoices").await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM subscriptions WHERE status = 'ended'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn an_abandoned_challenge_stops_blocking_after_an_hour() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, SCA).await;
    let body: Value = activate(&b, VIN, "smart", "monthly", &key())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["outcome"], "requires_action");
    let old = body["subscription_id"].as_str().unwrap().to_owned();
    let url = body["challenge_url"].as_str().unwrap().to_owned();
    main_card(&app, &b, VISA).await;
    expect_error(
        activate(&b, VIN, "smart", "monthly", &key()).await,
        409,
        ErrorCode::ServiceAlreadyActive,
    )
    .await;
    app.clock.advance(chrono::Duration::minutes(61));
    let sub = bought(&b, VIN, "smart", "monthly").await;
    assert_eq!(sub["status"], "active");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invoices").await, 1);
    // Approving the old challenge now charges, and refunds at once.
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(&url)
        .form(&[("decision", "approve")])
        .send()
        .await
        .unwrap();
    expect_error(
        b.post(&format!("/api/subscriptions/{old}/confirm"), &json!({}))
            .await,
        409,
        ErrorCode::SubscriptionNotRunning,
    )
    .await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM sandbox_refunds WHERE amount_cents = 999"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM subscriptions WHERE status = 'active'"
        )
        .await,
        1
    );
}
