//! A3 password reset.

use crate::common::*;
use chrono::Duration;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const NEW_PASSWORD: &str = "regen-boven-de-schelde";

fn complete(token: &str) -> Value {
    json!({ "token": token, "password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD })
}

async fn request_link(app: &TestApp, b: &Browser, email: &str) -> String {
    let resp = b
        .post("/api/password-reset", &json!({ "email": email }))
        .await;
    assert_eq!(resp.status(), 202);
    app.token_from_mail(email, "/reset-password").await
}

#[tokio::test]
async fn reset_answers_the_same_for_known_and_unknown_addresses() {
    let app = TestApp::spawn().await;
    let b = app.confirmed_account("els@example.be").await;
    let known = b
        .post("/api/password-reset", &json!({ "email": "els@example.be" }))
        .await;
    let unknown = b
        .post(
            "/api/password-reset",
            &json!({ "email": "niemand@example.be" }),
        )
        .await;
    assert_eq!(known.status(), 202);
    assert_eq!(unknown.status(), 202);
    let known = known.text().await.unwrap().replace("els@example.be", "X");
    let unknown = unknown
        .text()
        .await
        .unwrap()
        .replace("niemand@example.be", "X");
    assert_eq!(known, unknown);
    assert!(app.outbox("niemand@example.be").await.is_empty());
    let mails = app.outbox("els@example.be").await;
    assert!(mails.last().unwrap()["body_text"]
        .as_str()
        .unwrap()
        .contains("/reset-password?token="));
}

#[tokio::test]
async fn reset_sets_the_new_password_and_works_once() {
    let app = TestApp::spawn().await;
    let mut b = app.confirmed_account("els@example.be").await;
    let token = request_link(&app, &b, "els@example.be").await;

    assert_eq!(
        b.post("/api/password-reset/complete", &complete(&token))
            .await
            .status(),
        204
    );
    expect_error(
        b.post("/api/password-reset/complete", &complete(&token))
            .await,
        410,
        ErrorCode::TokenUsed,
    )
    .await;

    assert_eq!(b.sign_in("els@example.be", PASSWORD).await.0, 401);
    assert_eq!(b.sign_in("els@example.be", NEW_PASSWORD).await.0, 200);

    // ASVS 2.2.3: the owner is told that a new password was set, without a link.
    let mails = app.outbox("els@example.be").await;
    let last = mails.last().unwrap();
    assert_eq!(
        last["subject"], "Er is een nieuw wachtwoord ingesteld voor Mijn Lexus",
        "{last:?}"
    );
    assert!(!last["body_text"].as_str().unwrap().contains("token="));
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    let app = TestApp::spawn().await;
    let b = app.confirmed_account("els@example.be").await;
    let token = request_link(&app, &b, "els@example.be").await;
    app.clock.advance(Duration::minutes(59));
    // Still valid at 59 minutes (checked with a failing password so it is not used up).
    let weak = json!({ "token": token, "password": "kort", "password_confirmation": "kort" });
    let err = expect_error(
        b.post("/api/password-reset/complete", &weak).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("password"), Some(ErrorCode::PasswordTooShort));
    app.clock.advance(Duration::minutes(1));
    expect_error(
        b.post("/api/password-reset/complete", &complete(&token))
            .await,
        410,
        ErrorCode::TokenExpired,
    )
    .await;
}

#[tokio::test]
async fn a_forged_reset_token_is_refused() {
    let app = TestApp::spawn().await;
    let b = app.confirmed_account("els@example.be").await;
    let token = request_link(&app, &b, "els@example.be").await;
    let mut forged = token.clone().into_bytes();
    forged[0] = if forged[0] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).unwrap();
    expect_error(
        b.post("/api/password-reset/complete", &complete(&forged))
            .await,
        422,
        ErrorCode::TokenInvalid,
    )
    .await;
    expect_error(
        b.post("/api/password-reset/complete", &complete("")).await,
        422,
        ErrorCode::TokenInvalid,
    )
    .await;
    // A confirmation token is no reset token.
    assert_eq!(
        b.post("/api/accounts", &registration("jan@example.be"))
            .await
            .status(),
        202
    );
    let confirm = app.token_from_mail("jan@example.be", "/confirm").await;
    expect_error(
        b.post("/api/password-reset/complete", &complete(&confirm))
            .await,
        422,
        ErrorCode::TokenInvalid,
    )
    .await;
    // The real one still works.
    assert_eq!(
        b.post("/api/password-reset/complete", &complete(&token))
            .await
            .status(),
        204
    );
}

#[tokio::test]
async fn a_reset_ends_every_session_and_confirms_the_address() {
    let app = TestApp::spawn().await;
    let mut laptop = app.confirmed_account("els@example.be").await;
    assert_eq!(laptop.sign_in("els@example.be", PASSWORD).await.0, 200);
    let mut phone = app.browser().await;
    assert_eq!(phone.sign_in("els@example.be", PASSWORD).await.0, 200);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 2);

    let other = app.browser().await;
    let token = request_link(&app, &other, "els@example.be").await;
    assert_eq!(
        other
            .post("/api/password-reset/complete", &complete(&token))
            .await
            .status(),
        204
    );

    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    expect_error(laptop.get("/api/me").await, 401, ErrorCode::Unauthenticated).await;
    expect_error(phone.get("/api/me").await, 401, ErrorCode::Unauthenticated).await;

    // An unconfirmed account that resets its password is confirmed by it.
    let b = app.browser().await;
    assert_eq!(
        b.post("/api/accounts", &registration("jan@example.be"))
            .await
            .status(),
        202
    );
    let token = request_link(&app, &b, "jan@example.be").await;
    assert_eq!(
        b.post("/api/password-reset/complete", &complete(&token))
            .await
            .status(),
        204
    );
    let mut b = b;
    assert_eq!(b.sign_in("jan@example.be", NEW_PASSWORD).await.0, 200);
}

#[tokio::test]
async fn reset_requests_are_rate_limited_without_revealing_accounts() {
    let app = TestApp::spawn().await;
    let b = app.confirmed_account("els@example.be").await;
    for email in ["els@example.be", "niemand@example.be"] {
        for _ in 0..3 {
            assert_eq!(
                b.post("/api/password-reset", &json!({ "email": email }))
                    .await
                    .status(),
                202
            );
        }
        let resp = b
            .post("/api/password-reset", &json!({ "email": email }))
            .await;
        assert!(resp.headers().contains_key("retry-after"));
        expect_error(resp, 429, ErrorCode::RateLimited).await;
    }
    app.clock.advance(Duration::hours(1));
    assert_eq!(
        b.post("/api/password-reset", &json!({ "email": "els@example.be" }))
            .await
            .status(),
        202
    );
}
