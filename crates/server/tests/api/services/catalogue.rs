//! F1: the catalogue per vehicle, quotes, and who may buy.

use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

use super::*;
use crate::common::expect_error;

const VIN: &str = "JTHBAAHB2P1000001";

#[tokio::test]
async fn catalogue_lists_every_service_with_prices_and_vat_of_the_account_country() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    let c: Value = b
        .get(&format!("/api/vehicles/{VIN}/services"))
        .await
        .json()
        .await
        .unwrap();
    let services = c["services"].as_array().unwrap();
    assert_eq!(services.len(), 6);
    let remote = services.iter().find(|s| s["service"] == "remote").unwrap();
    assert_eq!(remote["available"], true);
    assert_eq!(remote["vat_rate_bp"], 2100);
    assert_eq!(remote["trial"], json!({"unit": "months", "count": 1}));
    assert_eq!(
        remote["plans"][0],
        json!({"plan": "monthly", "price": {"cents": 799, "currency": "EUR"}})
    );
    assert!(remote["subscription"].is_null());
    assert_eq!(remote["running"], false);
    // A full hybrid has no HomeCharge.
    let home = services
        .iter()
        .find(|s| s["service"] == "home_charge")
        .unwrap();
    assert_eq!(home["available"], false);
    expect_error(
        b.post(
            &format!("/api/vehicles/{VIN}/services/home_charge/quote"),
            &json!({"plan": "monthly"}),
        )
        .await,
        422,
        ErrorCode::ServiceNotOffered,
    )
    .await;
}

#[tokio::test]
async fn quote_shows_price_vat_renewal_and_withdrawal_and_stores_nothing() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    let q: Value = b
        .post(
            &format!("/api/vehicles/{VIN}/services/smart/quote"),
            &json!({"plan": "yearly"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(q["price"]["cents"], 9990);
    // 99.90 incl. 21 %: 82.56 + 17.34.
    assert_eq!(q["net"]["cents"], 8256);
    assert_eq!(q["vat"]["cents"], 1734);
    assert_eq!(q["renews"], true);
    let starts = chrono::DateTime::parse_from_rfc3339(q["starts_at"].as_str().unwrap()).unwrap();
    let ends = chrono::DateTime::parse_from_rfc3339(q["period_end"].as_str().unwrap()).unwrap();
    assert!((365..=366).contains(&(ends - starts).num_days()));
    assert!(q["withdrawal_deadline"].is_string());
    let trial: Value = b
        .post(
            &format!("/api/vehicles/{VIN}/services/smart/quote"),
            &json!({"plan": "trial"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(trial["price"]["cents"], 0);
    assert_eq!(trial["renews"], false);
    assert!(trial["withdrawal_deadline"].is_null());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM subscriptions").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM service_payments").await,
        0
    );
}

#[tokio::test]
async fn vat_follows_the_account_country() {
    let app = app().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("marie@example.lu").await;
    sqlx::query("UPDATE users SET country = 'lu' WHERE email = 'marie@example.lu'")
        .execute(&app.db)
        .await
        .unwrap();
    b.add_vehicle(VIN).await;
    let q: Value = b
        .post(
            &format!("/api/vehicles/{VIN}/services/remote/quote"),
            &json!({"plan": "monthly"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(q["vat_rate_bp"], 1700);
    // 7.99 incl. 17 %: 6.83 + 1.16.
    assert_eq!(q["net"]["cents"], 683);
    assert_eq!(q["vat"]["cents"], 116);
}

#[tokio::test]
async fn a_secondary_user_sees_the_state_but_cannot_buy_or_cancel() {
    let app = app().await;
    let main = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &main, VISA).await;
    let sub = bought(&main, VIN, "remote", "monthly").await;
    let sec = secondary(&app, &main, VIN, "sec@example.be").await;
    let remote = offer(&sec, VIN, "remote").await;
    assert_eq!(remote["subscription"]["status"], "active");
    main_card(&app, &sec, VISA).await;
    for (path, body) in [
        (
            "services/smart",
            json!({"plan": "monthly", "idempotency_key": key()}),
        ),
        ("services/smart/quote", json!({"plan": "monthly"})),
    ] {
        expect_error(
            sec.post(&format!("/api/vehicles/{VIN}/{path}"), &body)
                .await,
            403,
            ErrorCode::PermissionDenied,
        )
        .await;
    }
    let id = sub["id"].as_str().unwrap();
    expect_error(
        sec.post(&format!("/api/subscriptions/{id}/cancel"), &json!({}))
            .await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(
        sec.get(&format!("/api/subscriptions/{id}/cancel")).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM subscriptions").await, 1);
}

#[tokio::test]
async fn strangers_get_404_for_the_vehicle_and_its_subscriptions() {
    let app = app().await;
    let main = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &main, VISA).await;
    let sub = bought(&main, VIN, "remote", "yearly").await;
    let id = sub["id"].as_str().unwrap();
    let stranger = app.signed_in("stranger@example.be").await;
    main_card(&app, &stranger, VISA).await;
    expect_error(
        stranger.get(&format!("/api/vehicles/{VIN}/services")).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(
        activate(&stranger, VIN, "smart", "monthly", &key()).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    for path in ["cancel", "withdrawal", "confirm"] {
        expect_error(
            stranger
                .post(&format!("/api/subscriptions/{id}/{path}"), &json!({}))
                .await,
            404,
            ErrorCode::NotFound,
        )
        .await;
    }
    for quote in ["withdrawal", "cancel"] {
        expect_error(
            stranger
                .get(&format!("/api/subscriptions/{id}/{quote}"))
                .await,
            404,
            ErrorCode::NotFound,
        )
        .await;
    }
    // Unknown service in the path.
    expect_error(
        activate(&main, VIN, "teleport", "monthly", &key()).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
}

#[tokio::test]
async fn bad_requests_change_nothing() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let err = expect_error(
        activate(&b, VIN, "remote", "monthly", "short").await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(
        err.field("idempotency_key"),
        Some(ErrorCode::IdempotencyKeyInvalid)
    );
    expect_error(
        activate(&b, VIN, "insurance_score", "trial", &key()).await,
        422,
        ErrorCode::ServiceNotOffered,
    )
    .await;
    expect_error(
        activate(&b, VIN, "internet", "multi_year", &key()).await,
        422,
        ErrorCode::ServiceNotOffered,
    )
    .await;
    let resp = b
        .post(
            &format!("/api/vehicles/{VIN}/services/remote"),
            &json!({"plan": "weekly", "idempotency_key": key()}),
        )
        .await;
    expect_error(resp, 400, ErrorCode::MalformedRequest).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM subscriptions").await, 0);
}
