//! Issue 9, item 16: a request body with a field the API does not know is
//! refused (400 `malformed_request`) and changes nothing, like the
//! telematics bodies; a typo or a smuggled `role` never passes silently.

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

fn with_extra(mut body: Value) -> Value {
    body["is_admin"] = json!(true);
    body
}

async fn refused(resp: reqwest::Response) {
    expect_error(resp, 400, ErrorCode::MalformedRequest).await;
}

#[tokio::test]
async fn account_bodies_with_unknown_fields_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let anon = app.browser().await;
    let register = serde_json::to_value(registration("new@example.be")).unwrap();
    refused(
        anon.post("/api/accounts", &with_extra(register.clone()))
            .await,
    )
    .await;
    assert_eq!(app.users().await, 0);
    assert!(app.outbox("new@example.be").await.is_empty());

    app.confirmed_account("els@example.be").await;
    let mut b = app.browser().await;
    refused(
        b.post(
            "/api/session",
            &with_extra(json!({"email": "els@example.be", "password": PASSWORD})),
        )
        .await,
    )
    .await;
    assert_eq!(b.get("/api/me").await.status(), 401);
    let mails = app.outbox("els@example.be").await.len();
    for path in ["/api/password-reset", "/api/accounts/confirm/resend"] {
        refused(
            b.post(path, &with_extra(json!({"email": "els@example.be"})))
                .await,
        )
        .await;
    }
    assert_eq!(app.outbox("els@example.be").await.len(), mails);
    refused(
        b.post(
            "/api/password-reset/complete",
            &with_extra(
                json!({"token": "x", "password": PASSWORD, "password_confirmation": PASSWORD}),
            ),
        )
        .await,
    )
    .await;
    // The same bodies without the extra field work.
    assert_eq!(b.sign_in("els@example.be", PASSWORD).await.0, 200);
}

#[tokio::test]
async fn profile_bodies_with_unknown_fields_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("els@example.be").await;
    let before: Value = b.get("/api/profile").await.json().await.unwrap();
    let profile = json!({
        "salutation": "mr", "first_name": "Jan", "last_name": "de Vries",
        "birth_date": "1980-04-01", "language": "fr",
        "street": "Stationsstraat", "house_number": "12", "box": "",
        "postcode": "2000", "city": "Antwerpen", "country": "BE",
        "mobile_phone": "0470 12 34 56", "landline_phone": "",
    });
    refused(b.put("/api/profile", &with_extra(profile.clone())).await).await;
    refused(
        b.put(
            "/api/profile/language",
            &with_extra(json!({"language": "en"})),
        )
        .await,
    )
    .await;
    refused(
        b.put(
            "/api/profile/consents/newsletter",
            &with_extra(json!({"granted": true})),
        )
        .await,
    )
    .await;
    refused(
        b.put(
            "/api/profile/emergency-contact",
            &with_extra(json!({"name": "Jan", "relation": "broer", "phone": "0470 11 22 33"})),
        )
        .await,
    )
    .await;
    refused(
        b.post(
            "/api/profile/email",
            &with_extra(json!({"new_email": "nieuw@example.be", "current_password": PASSWORD})),
        )
        .await,
    )
    .await;
    refused(
        b.post(
            "/api/profile/password",
            &with_extra(
                json!({"current_password": PASSWORD, "new_password": "een heel nieuw wachtwoord",
                               "new_password_confirmation": "een heel nieuw wachtwoord"}),
            ),
        )
        .await,
    )
    .await;
    refused(
        b.post(
            "/api/account/delete",
            &with_extra(json!({"password": PASSWORD})),
        )
        .await,
    )
    .await;
    let after: Value = b.get("/api/profile").await.json().await.unwrap();
    assert_eq!(before, after);
    let consents: Value = b.get("/api/profile/consents").await.json().await.unwrap();
    assert_eq!(consents["history"], before_history(&consents));
    assert!(app.outbox("nieuw@example.be").await.is_empty());
    assert_eq!(app.users().await, 1);
    // Without the extra field the profile is saved.
    assert_eq!(b.put("/api/profile", &profile).await.status(), 200);
}

/// The consent history holds only what registration wrote (no row from the
/// refused request, whose source would be `profile`).
fn before_history(consents: &Value) -> Value {
    let rows: Vec<Value> = consents["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["source"] != "profile")
        .cloned()
        .collect();
    Value::Array(rows)
}

#[tokio::test]
async fn garage_bodies_with_unknown_fields_are_refused() {
    let app = TestApp::spawn().await;
    app.vehicle("JTHBAAHB2P1234567", 12_000.0).await;
    let b = app.signed_in("els@example.be").await;
    refused(
        b.post(
            "/api/vehicles",
            &json!({"vin": "JTHBAAHB2P1234567", "licence_plate": "1-ABC-234",
                    "activation_code": ACTIVATION_CODE, "role": "main"}),
        )
        .await,
    )
    .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM vehicle_users").await, 0);
}
