//! F1 (seeds/004 §2.2): the services of a vehicle end when it leaves the
//! garage or changes owner.

use serde_json::json;

use super::*;
use crate::common::ACTIVATION_CODE;

const VIN: &str = "JTHBAAHB2P1000003";

#[tokio::test]
async fn services_end_when_the_vehicle_is_taken_over() {
    let app = app().await;
    let first = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &first, VISA).await;
    bought(&first, VIN, "remote", "yearly").await;
    bought(&first, VIN, "smart", "trial").await;
    let running = "SELECT COUNT(*) FROM subscriptions WHERE status IN ('trialing', 'active')";
    assert_eq!(count(&app, running).await, 2);
    let buyer = app.signed_in("koper@example.be").await;
    let resp = buyer
        .post(
            "/api/vehicles",
            &json!({"vin": VIN, "licence_plate": "2-XYZ-987", "activation_code": ACTIVATION_CODE}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    assert_eq!(count(&app, running).await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM subscriptions WHERE status = 'ended' AND ended_at IS NOT NULL"
        )
        .await,
        2
    );
    // The new owner may buy the service (no longer running).
    main_card(&app, &buyer, VISA).await;
    bought(&buyer, VIN, "remote", "monthly").await;
    // Nothing renews for the former owner.
    app.clock.advance(days(366));
    let report = renewals(&app).await;
    assert_eq!(
        report.renewed.len(),
        1,
        "only the new owner's monthly plan: {report:?}"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM service_payments WHERE user_id = (SELECT id FROM users WHERE email = 'els@example.be')").await,
        1,
        "the former owner paid once"
    );
}

#[tokio::test]
async fn services_end_when_the_vehicle_leaves_the_garage() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    bought(&b, VIN, "remote", "monthly").await;
    let resp = b.delete(&format!("/api/vehicles/{VIN}")).await;
    assert_eq!(resp.status(), 204);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM subscriptions WHERE status = 'ended'"
        )
        .await,
        1
    );
    app.clock.advance(days(40));
    assert!(renewals(&app).await.renewed.is_empty());
}

#[tokio::test]
async fn deleting_the_account_keeps_its_invoices_for_the_accounts() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    bought(&b, VIN, "remote", "yearly").await;
    let resp = b
        .post(
            "/api/account/delete",
            &json!({"password": crate::common::PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 204, "{}", resp.text().await.unwrap());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM subscriptions").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM invoices WHERE user_id IS NULL").await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM service_payments WHERE user_id IS NULL"
        )
        .await,
        1
    );
    // The vehicle's trial history stays with the vehicle.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM payment_cards").await, 0);
}
