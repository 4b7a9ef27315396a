//! F1: a free trial once per vehicle and service, ever, whoever owns it;
//! trials end by themselves with no charge.

use mijn_lexus_contract::ErrorCode;
use serde_json::json;

use super::*;
use crate::common::{expect_error, ACTIVATION_CODE};

const VIN: &str = "JTHBAAHB2P1000002";

#[tokio::test]
async fn a_trial_needs_no_card_and_runs_until_its_end() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    let sub = bought(&b, VIN, "remote", "trial").await;
    assert_eq!(sub["status"], "trialing");
    assert_eq!(sub["price"]["cents"], 0);
    assert!(sub["withdrawal_deadline"].is_null());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM service_payments").await,
        0
    );
    // While it runs, another subscription of the service is refused.
    main_card(&app, &b, VISA).await;
    expect_error(
        activate(&b, VIN, "remote", "monthly", &key()).await,
        409,
        ErrorCode::ServiceAlreadyActive,
    )
    .await;
}

#[tokio::test]
async fn a_trial_ends_by_itself_without_a_charge() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    bought(&b, VIN, "internet", "trial").await;
    app.clock.advance(days(6));
    assert!(renewals(&app).await.ended.is_empty());
    app.clock.advance(days(2));
    let report = renewals(&app).await;
    assert_eq!(report.ended.len(), 1);
    assert!(report.renewed.is_empty());
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM subscriptions WHERE status = 'ended'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM service_payments").await,
        0
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invoices").await, 0);
}

#[tokio::test]
async fn the_trial_is_once_per_vehicle_and_service_even_after_cancelling() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    let sub = bought(&b, VIN, "smart", "trial").await;
    let id = sub["id"].as_str().unwrap();
    let resp = b
        .post(&format!("/api/subscriptions/{id}/cancel"), &json!({}))
        .await;
    assert_eq!(resp.status(), 200);
    let c: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(c["subscription"]["status"], "ended");
    assert_eq!(c["refund"]["cents"], 0);
    expect_error(
        activate(&b, VIN, "smart", "trial", &key()).await,
        409,
        ErrorCode::TrialAlreadyUsed,
    )
    .await;
    // The catalogue no longer offers it; another service still has its own.
    let smart = offer(&b, VIN, "smart").await;
    assert!(smart["trial"].is_null());
    bought(&b, VIN, "remote", "trial").await;
    // Re-activating the same service is paid from the first day.
    main_card(&app, &b, VISA).await;
    let paid = bought(&b, VIN, "smart", "monthly").await;
    assert_eq!(paid["status"], "active");
}

#[tokio::test]
async fn a_new_owner_gets_no_second_trial_for_the_vehicle() {
    let app = app().await;
    let first = owner(&app, "els@example.be", VIN).await;
    bought(&first, VIN, "remote", "trial").await;
    // Someone else takes the vehicle over with the activation code.
    let buyer = app.signed_in("koper@example.be").await;
    let resp = buyer
        .post(
            "/api/vehicles",
            &json!({"vin": VIN, "licence_plate": "2-XYZ-987", "activation_code": ACTIVATION_CODE}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    expect_error(
        activate(&buyer, VIN, "remote", "trial", &key()).await,
        409,
        ErrorCode::TrialAlreadyUsed,
    )
    .await;
    // Even after the first owner's account is gone.
    sqlx::query("DELETE FROM users WHERE email = 'els@example.be'")
        .execute(&app.db)
        .await
        .unwrap();
    expect_error(
        activate(&buyer, VIN, "remote", "trial", &key()).await,
        409,
        ErrorCode::TrialAlreadyUsed,
    )
    .await;
}
