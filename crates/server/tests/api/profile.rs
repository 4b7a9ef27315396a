//! Mijn Profiel (B1-B3): personal data with per-country rules, e-mail and
//! password changes, dealers, emergency contact, isolation between users.

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

fn profile_body(country: &str, postcode: &str, mobile: &str, landline: &str) -> Value {
    json!({
        "salutation": "mr", "first_name": "Jan", "last_name": "de Vries",
        "birth_date": "1980-04-01", "language": "nl",
        "street": "Stationsstraat", "house_number": "12", "box": "B",
        "postcode": postcode, "city": "Ergens", "country": country,
        "mobile_phone": mobile, "landline_phone": landline,
    })
}

#[tokio::test]
async fn profile_is_shown_and_edited() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("jan@example.be").await;
    let p: Value = b.get("/api/profile").await.json().await.unwrap();
    assert_eq!(p["email"], "jan@example.be");
    assert_eq!(p["mobile_phone"], "+32470123456");
    assert_eq!(p["street"], "");
    assert!(p["birth_date"].is_null());

    let resp = b
        .put(
            "/api/profile",
            &profile_body("BE", "2018", "0470 11 22 33", "03 123 45 67"),
        )
        .await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let p: Value = b.get("/api/profile").await.json().await.unwrap();
    assert_eq!(p["first_name"], "Jan");
    assert_eq!(p["birth_date"], "1980-04-01");
    assert_eq!(p["postcode"], "2018");
    assert_eq!(p["box"], "B");
    assert_eq!(p["landline_phone"], "+3231234567");
    assert_eq!(p["mobile_phone"], "+32470112233");
    // The session summary follows.
    let me: Value = b.get("/api/me").await.json().await.unwrap();
    assert_eq!(me["salutation"], "mr");
}

#[tokio::test]
async fn postcode_and_phone_rules_apply_per_country() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("rules@example.be").await;
    let ok = [
        ("BE", "1000", "0470 12 34 56", "02 123 45 67", "1000"),
        ("NL", "3511ab", "06 12345678", "020 123 4567", "3511 AB"),
        ("LU", "1234", "+352 621 123 456", "+352 26 12 34", "L-1234"),
        ("FR", "75001", "06 12 34 56 78", "01 23 45 67 89", "75001"),
        ("DE", "10115", "0151 23456789", "030 1234567", "10115"),
    ];
    for (country, postcode, mobile, landline, normal) in ok {
        let resp = b
            .put(
                "/api/profile",
                &profile_body(country, postcode, mobile, landline),
            )
            .await;
        assert_eq!(
            resp.status(),
            200,
            "{country}: {}",
            resp.text().await.unwrap()
        );
        let p: Value = resp.json().await.unwrap();
        assert_eq!(p["postcode"], normal, "{country}");
        assert_eq!(p["country"], country);
    }
    let bad = [
        ("BE", "0999", "0470 12 34 56", ""),
        ("NL", "3511 SS", "06 12345678", ""),
        ("LU", "L-123", "+352 621 123 456", ""),
        ("FR", "7500", "06 12 34 56 78", ""),
        ("DE", "101150", "0151 23456789", ""),
    ];
    for (country, postcode, mobile, landline) in bad {
        let resp = b
            .put(
                "/api/profile",
                &profile_body(country, postcode, mobile, landline),
            )
            .await;
        let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
        assert_eq!(
            err.field("postcode"),
            Some(ErrorCode::PostcodeInvalid),
            "{country}"
        );
    }
    // A Belgian landline is no mobile; a too short landline is refused.
    let resp = b
        .put(
            "/api/profile",
            &profile_body("BE", "2000", "02 123 45 67", "02 123 45"),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("mobile_phone"), Some(ErrorCode::PhoneInvalid));
    assert_eq!(
        err.field("landline_phone"),
        Some(ErrorCode::PhoneNumberInvalid)
    );
    // Minors are refused.
    let mut body = profile_body("BE", "2000", "", "");
    body["birth_date"] = json!(app.rfc3339(-10 * 365 * 86400)[..10].to_string());
    let err = expect_error(
        b.put("/api/profile", &body).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("birth_date"), Some(ErrorCode::BirthDateTooYoung));
}

#[tokio::test]
async fn email_change_switches_only_once_confirmed_and_tells_the_old_address() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("old@example.be").await;
    let resp = b
        .post(
            "/api/profile/email",
            &json!({"new_email": "new@example.be", "current_password": "wrong-password-x"}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(
        err.field("current_password"),
        Some(ErrorCode::PasswordWrong)
    );

    let resp = b
        .post(
            "/api/profile/email",
            &json!({"new_email": "New@Example.be", "current_password": PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 202);
    let p: Value = b.get("/api/profile").await.json().await.unwrap();
    assert_eq!(
        p["email"], "old@example.be",
        "not switched before confirmation"
    );
    assert_eq!(p["pending_email"], "new@example.be");

    let token = app
        .token_from_mail("new@example.be", "/confirm-email-change")
        .await;
    let anon = app.browser().await;
    let resp = anon
        .post("/api/profile/email/confirm", &json!({"token": token}))
        .await;
    assert_eq!(resp.status(), 204);
    let p: Value = b.get("/api/profile").await.json().await.unwrap();
    assert_eq!(p["email"], "new@example.be");
    let old_mail = app.outbox("old@example.be").await;
    assert!(old_mail.last().unwrap()["body_text"]
        .as_str()
        .unwrap()
        .contains("new@example.be"));
    // Sign in with the new address only.
    let mut c = app.browser().await;
    assert_eq!(c.sign_in("old@example.be", PASSWORD).await.0, 401);
    assert_eq!(c.sign_in("new@example.be", PASSWORD).await.0, 200);
    // The link works once.
    let resp = anon
        .post("/api/profile/email/confirm", &json!({"token": token}))
        .await;
    expect_error(resp, 410, ErrorCode::TokenUsed).await;
}

#[tokio::test]
async fn email_change_to_a_taken_address_is_refused() {
    let app = TestApp::spawn().await;
    app.confirmed_account("taken@example.be").await;
    let b = app.signed_in("me@example.be").await;
    // Already taken: no link is sent (the owner is told instead).
    let resp = b
        .post(
            "/api/profile/email",
            &json!({"new_email": "taken@example.be", "current_password": PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 202);
    let mails = app.outbox("taken@example.be").await;
    assert!(!mails.last().unwrap()["body_text"]
        .as_str()
        .unwrap()
        .contains("token="));

    // Taken between the request and the confirmation: 409.
    let resp = b
        .post(
            "/api/profile/email",
            &json!({"new_email": "later@example.be", "current_password": PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 202);
    let token = app
        .token_from_mail("later@example.be", "/confirm-email-change")
        .await;
    app.confirmed_account("later@example.be").await;
    let resp = b
        .post("/api/profile/email/confirm", &json!({"token": token}))
        .await;
    expect_error(resp, 409, ErrorCode::EmailTaken).await;
    let p: Value = b.get("/api/profile").await.json().await.unwrap();
    assert_eq!(p["email"], "me@example.be");
    // Same address: refused at once.
    let resp = b
        .post(
            "/api/profile/email",
            &json!({"new_email": "me@example.be", "current_password": PASSWORD}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("new_email"), Some(ErrorCode::EmailUnchanged));
}

#[tokio::test]
async fn password_change_ends_other_sessions_only() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("pw@example.be").await;
    let mut other = app.browser().await;
    assert_eq!(other.sign_in("pw@example.be", PASSWORD).await.0, 200);
    assert_eq!(other.get("/api/me").await.status(), 200);

    let new = "een-heel-nieuwe-zin-2026";
    let resp = b
        .post("/api/profile/password", &json!({"current_password": "fout-wachtwoord-1", "new_password": new, "new_password_confirmation": new}))
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(
        err.field("current_password"),
        Some(ErrorCode::PasswordWrong)
    );
    let resp = b
        .post("/api/profile/password", &json!({"current_password": PASSWORD, "new_password": "kort", "new_password_confirmation": "kort"}))
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("new_password"), Some(ErrorCode::PasswordTooShort));

    let resp = b
        .post("/api/profile/password", &json!({"current_password": PASSWORD, "new_password": new, "new_password_confirmation": new}))
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(b.get("/api/me").await.status(), 200, "this session stays");
    assert_eq!(
        other.get("/api/me").await.status(),
        401,
        "the other one ended"
    );
    let mut c = app.browser().await;
    assert_eq!(c.sign_in("pw@example.be", PASSWORD).await.0, 401);
    assert_eq!(c.sign_in("pw@example.be", new).await.0, 200);
}

#[tokio::test]
async fn dealers_are_searchable_and_the_nearest_is_assigned() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("dealer@example.be").await;
    let all: Value = b.get("/api/dealers").await.json().await.unwrap();
    assert!(all["dealers"].as_array().unwrap().len() >= 12);
    let found: Value = b.get("/api/dealers?q=LIEGE").await.json().await.unwrap();
    assert_eq!(found["dealers"][0]["name"], "Lexus Liège");
    assert!(!found["dealers"][0]["opening_hours"]
        .as_array()
        .unwrap()
        .is_empty());
    let found: Value = b.get("/api/dealers?q=utrecht").await.json().await.unwrap();
    assert_eq!(found["dealers"].as_array().unwrap().len(), 1);

    // No postcode yet: nothing to assign.
    let d: Value = b.get("/api/profile/dealer").await.json().await.unwrap();
    assert!(d["dealer"].is_null());
    // Antwerp postcode: the Antwerp dealer is assigned.
    b.put("/api/profile", &profile_body("BE", "2018", "", ""))
        .await;
    let d: Value = b.get("/api/profile/dealer").await.json().await.unwrap();
    assert_eq!(d["assigned"], true);
    assert_eq!(d["dealer"]["name"], "Lexus Antwerpen Zuid");
    // Groningen postcode: Groningen.
    b.put("/api/profile", &profile_body("NL", "9712 CP", "", ""))
        .await;
    let d: Value = b.get("/api/profile/dealer").await.json().await.unwrap();
    assert_eq!(d["dealer"]["name"], "Lexus Groningen");

    // Choose one, then clear the choice.
    let id = found["dealers"][0]["id"].as_i64().unwrap();
    let d: Value = b
        .put("/api/profile/dealer", &json!({"dealer_id": id}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(d["assigned"], false);
    assert_eq!(d["dealer"]["name"], "Lexus Utrecht");
    let resp = b
        .put("/api/profile/dealer", &json!({"dealer_id": 99999}))
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("dealer_id"), Some(ErrorCode::DealerUnknown));
    assert_eq!(b.delete("/api/profile/dealer").await.status(), 204);
    let d: Value = b.get("/api/profile/dealer").await.json().await.unwrap();
    assert_eq!(d["assigned"], true);
    assert_eq!(d["dealer"]["name"], "Lexus Groningen");
}

#[tokio::test]
async fn emergency_contact_can_be_set_changed_and_removed() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("ec@example.be").await;
    let s: Value = b
        .get("/api/profile/emergency-contact")
        .await
        .json()
        .await
        .unwrap();
    assert!(s["contact"].is_null());
    let resp = b
        .put(
            "/api/profile/emergency-contact",
            &json!({"name": "Els Peeters", "relation": "partner", "phone": "0470 99 88 77"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let s: Value = resp.json().await.unwrap();
    assert_eq!(s["contact"]["phone"], "+32470998877");
    let resp = b
        .put(
            "/api/profile/emergency-contact",
            &json!({"name": "Els Peeters", "relation": "zus", "phone": "03 123 45 67"}),
        )
        .await;
    let s: Value = resp.json().await.unwrap();
    assert_eq!(s["contact"]["relation"], "zus");
    assert_eq!(s["contact"]["phone"], "+3231234567");
    let resp = b
        .put(
            "/api/profile/emergency-contact",
            &json!({"name": "", "relation": "zus", "phone": "12"}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("name"), Some(ErrorCode::Required));
    assert_eq!(err.field("phone"), Some(ErrorCode::PhoneNumberInvalid));
    assert_eq!(
        b.delete("/api/profile/emergency-contact").await.status(),
        204
    );
    let s: Value = b
        .get("/api/profile/emergency-contact")
        .await
        .json()
        .await
        .unwrap();
    assert!(s["contact"].is_null());
}

#[tokio::test]
async fn users_only_ever_see_and_change_their_own_profile() {
    let app = TestApp::spawn().await;
    let a = app.signed_in("a@example.be").await;
    let b = app.signed_in("b@example.be").await;
    a.put("/api/profile", &profile_body("BE", "2018", "", ""))
        .await;
    a.put(
        "/api/profile/emergency-contact",
        &json!({"name": "Els Peeters", "relation": "partner", "phone": "0470 99 88 77"}),
    )
    .await;
    let pb: Value = b.get("/api/profile").await.json().await.unwrap();
    assert_eq!(pb["email"], "b@example.be");
    assert_eq!(pb["street"], "");
    let ec: Value = b
        .get("/api/profile/emergency-contact")
        .await
        .json()
        .await
        .unwrap();
    assert!(ec["contact"].is_null());
    b.put("/api/profile", &profile_body("NL", "1011 AB", "", ""))
        .await;
    let pa: Value = a.get("/api/profile").await.json().await.unwrap();
    assert_eq!(pa["postcode"], "2018");
    // Without a session: nothing.
    let anon = app.browser().await;
    expect_error(
        anon.get("/api/profile").await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;
    expect_error(
        anon.get("/api/profile/export").await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;
}

#[tokio::test]
async fn the_language_switch_changes_only_the_language() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("lang@example.be").await;
    let before: Value = b.get("/api/profile").await.json().await.unwrap();

    let resp = b
        .put("/api/profile/language", &json!({"language": "fr"}))
        .await;
    assert_eq!(resp.status(), 204);
    let after: Value = b.get("/api/profile").await.json().await.unwrap();
    assert_eq!(after["language"], "fr");
    let mut expected = before.clone();
    expected["language"] = "fr".into();
    assert_eq!(after, expected, "nothing else changes");
    let me: Value = b.get("/api/me").await.json().await.unwrap();
    assert_eq!(me["language"], "fr");

    // A language the portal does not speak changes nothing.
    let resp = b
        .put("/api/profile/language", &json!({"language": "de"}))
        .await;
    assert_eq!(resp.status(), 400);
    let err: Value = resp.json().await.unwrap();
    assert!(err["code"].is_string(), "{err}");
    let after: Value = b.get("/api/profile").await.json().await.unwrap();
    assert_eq!(after["language"], "fr");

    // Signed out, the switch is refused.
    let anonymous = app.browser().await;
    let resp = anonymous
        .put("/api/profile/language", &json!({"language": "en"}))
        .await;
    assert_eq!(resp.status(), 401);
}

/// Issue 9, item 11: each e-mail change mails an address of the user's
/// choosing, so a user gets a few per day, then 429 with `Retry-After`.
#[tokio::test]
async fn email_changes_are_limited_per_user() {
    let app = TestApp::spawn_with(|c| c.rate_limits.email_change_per_user = 3).await;
    let mut b = app.signed_in("els@example.be").await;
    let change = |n: usize| json!({"new_email": format!("nieuw{n}@example.be"), "current_password": PASSWORD});
    for n in 0..3 {
        assert_eq!(b.post("/api/profile/email", &change(n)).await.status(), 202);
    }
    let resp = b.post("/api/profile/email", &change(3)).await;
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 3600, "{retry}");
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    assert!(app.outbox("nieuw3@example.be").await.is_empty());
    // Another user has a budget of their own.
    let other = app.signed_in("jan@example.be").await;
    assert_eq!(
        other.post("/api/profile/email", &change(4)).await.status(),
        202
    );
    // A day later the user may change again.
    app.clock.advance(chrono::Duration::hours(24));
    assert_eq!(b.sign_in("els@example.be", PASSWORD).await.0, 200);
    assert_eq!(b.post("/api/profile/email", &change(5)).await.status(), 202);
}
