//! A1 registration and e-mail confirmation, A4 recording of acceptances.

use crate::common::*;
use mijn_lexus_contract::account::RegisterRequest;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

#[tokio::test]
async fn each_missing_acceptance_has_its_own_code_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;

    let req = RegisterRequest {
        accept_terms: false,
        ..registration("els@example.be")
    };
    let err = expect_error(
        b.post("/api/accounts", &req).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("accept_terms"), Some(ErrorCode::TermsNotAccepted));
    assert_eq!(err.field("accept_privacy"), None);

    let req = RegisterRequest {
        accept_privacy: false,
        ..registration("els@example.be")
    };
    let err = expect_error(
        b.post("/api/accounts", &req).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(
        err.field("accept_privacy"),
        Some(ErrorCode::PrivacyNotAccepted)
    );
    assert_eq!(err.field("accept_terms"), None);
    assert!(!err.fields[0].message.is_empty());

    let req = RegisterRequest {
        accept_terms: false,
        accept_privacy: false,
        ..registration("els@example.be")
    };
    let err = expect_error(
        b.post("/api/accounts", &req).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.fields.len(), 2);

    assert_eq!(app.users().await, 0);
    assert!(app.outbox("els@example.be").await.is_empty());
}

#[tokio::test]
async fn an_outdated_legal_version_is_refused() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    let req = RegisterRequest {
        terms_version: 0,
        privacy_version: 7,
        ..registration("els@example.be")
    };
    let err = expect_error(
        b.post("/api/accounts", &req).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(
        err.field("accept_terms"),
        Some(ErrorCode::LegalVersionOutdated)
    );
    assert_eq!(
        err.field("accept_privacy"),
        Some(ErrorCode::LegalVersionOutdated)
    );
    assert_eq!(app.users().await, 0);
}

#[tokio::test]
async fn weak_passwords_are_refused() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    for (password, code) in [
        ("kort-wachtw", ErrorCode::PasswordTooShort),
        ("password123456", ErrorCode::PasswordCommon),
        ("iloveyou2024!!", ErrorCode::PasswordCommon),
    ] {
        let req = RegisterRequest {
            password: password.into(),
            password_confirmation: password.into(),
            ..registration("els@example.be")
        };
        let err = expect_error(
            b.post("/api/accounts", &req).await,
            422,
            ErrorCode::ValidationFailed,
        )
        .await;
        assert_eq!(err.field("password"), Some(code), "{password}");
    }
    assert_eq!(app.users().await, 0);
}

#[tokio::test]
async fn a_known_address_gets_the_same_answer_and_the_owner_a_mail() {
    let app = TestApp::spawn().await;
    app.confirmed_account("els@example.be").await;
    let before = app.outbox("els@example.be").await.len();

    let b = app.browser().await;
    let first = b
        .post("/api/accounts", &registration("nieuw@example.be"))
        .await;
    let (first_status, first_body) = (first.status(), first.text().await.unwrap());
    let again = b
        .post("/api/accounts", &registration("ELS@example.be"))
        .await;
    let (again_status, again_body) = (again.status(), again.text().await.unwrap());

    assert_eq!(first_status, 202);
    assert_eq!(again_status, first_status);
    // The message names the address asked for; apart from that, identical.
    assert_eq!(
        again_body.replace("els@example.be", "X"),
        first_body.replace("nieuw@example.be", "X")
    );
    assert_eq!(app.users().await, 2);

    let mails = app.outbox("els@example.be").await;
    assert_eq!(mails.len(), before + 1);
    let last = mails.last().unwrap();
    assert!(
        last["subject"].as_str().unwrap().contains("al een account"),
        "{last}"
    );
    assert!(!last["body_text"].as_str().unwrap().contains("token="));
}

/// Issue 9, item 10: an address whose account was never confirmed belongs to
/// whoever registers last (and proves the mailbox); an earlier registrant's
/// password and link stop working.
#[tokio::test]
async fn the_newest_registration_of_an_unconfirmed_address_wins() {
    let app = TestApp::spawn().await;
    let stranger = app.browser().await;
    assert_eq!(
        stranger
            .post("/api/accounts", &registration("els@example.be"))
            .await
            .status(),
        202
    );
    let old_token = app.token_from_mail("els@example.be", "/confirm").await;

    let owner_password = "mijn-eigen-lange-zin-2026";
    let mut owner_registration = registration("els@example.be");
    owner_registration.first_name = "Anna".into();
    owner_registration.language = Some(mijn_lexus_contract::Language::Fr);
    owner_registration.password = owner_password.into();
    owner_registration.password_confirmation = owner_password.into();
    let mut owner = app.browser().await;
    assert_eq!(
        owner
            .post("/api/accounts", &owner_registration)
            .await
            .status(),
        202
    );
    assert_eq!(app.users().await, 1);
    let mails = app.outbox("els@example.be").await;
    assert_eq!(mails.len(), 2);
    // The fresh confirmation speaks the newest registration's language.
    assert!(
        mails[1]["subject"].as_str().unwrap().contains("Confirmez"),
        "{:?}",
        mails[1]
    );
    let new_token = app.token_from_mail("els@example.be", "/confirm").await;
    assert_ne!(old_token, new_token);

    // The first registrant's link is dead.
    let resp = stranger
        .post("/api/accounts/confirm", &json!({ "token": old_token }))
        .await;
    expect_error(resp, 410, ErrorCode::TokenUsed).await;
    let resp = owner
        .post("/api/accounts/confirm", &json!({ "token": new_token }))
        .await;
    assert_eq!(resp.status(), 204);

    // Only the newest password signs in, with the newest data.
    let mut other = app.browser().await;
    let (status, _) = other.sign_in("els@example.be", PASSWORD).await;
    assert_eq!(status, 401);
    let (status, body) = owner.sign_in("els@example.be", owner_password).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["first_name"], "Anna");
    assert_eq!(body["user"]["language"], "fr");
    // One set of acceptances: the newest registration's.
    assert_eq!(app.count("SELECT COUNT(*) FROM legal_acceptances").await, 2);
}

#[tokio::test]
async fn confirmation_tokens_are_checked() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    assert_eq!(
        b.post("/api/accounts", &registration("els@example.be"))
            .await
            .status(),
        202
    );
    let token = app.token_from_mail("els@example.be", "/confirm").await;

    let forged = "A".repeat(43);
    expect_error(
        b.post("/api/accounts/confirm", &json!({ "token": forged }))
            .await,
        422,
        ErrorCode::TokenInvalid,
    )
    .await;
    expect_error(
        b.post("/api/accounts/confirm", &json!({ "token": "kapot" }))
            .await,
        422,
        ErrorCode::TokenInvalid,
    )
    .await;

    assert_eq!(
        b.post("/api/accounts/confirm", &json!({ "token": token }))
            .await
            .status(),
        204
    );
    expect_error(
        b.post("/api/accounts/confirm", &json!({ "token": token }))
            .await,
        410,
        ErrorCode::TokenUsed,
    )
    .await;

    // A second account whose link is left lying for more than 48 hours.
    assert_eq!(
        b.post("/api/accounts", &registration("jan@example.be"))
            .await
            .status(),
        202
    );
    let late = app.token_from_mail("jan@example.be", "/confirm").await;
    app.clock.advance(chrono::Duration::hours(48));
    expect_error(
        b.post("/api/accounts/confirm", &json!({ "token": late }))
            .await,
        410,
        ErrorCode::TokenExpired,
    )
    .await;
}

#[tokio::test]
async fn resend_always_answers_202_and_mails_only_unconfirmed_accounts() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    assert_eq!(
        b.post("/api/accounts", &registration("els@example.be"))
            .await
            .status(),
        202
    );
    app.confirmed_account("jan@example.be").await;

    for email in ["els@example.be", "jan@example.be", "niemand@example.be"] {
        let resp = b
            .post("/api/accounts/confirm/resend", &json!({ "email": email }))
            .await;
        assert_eq!(resp.status(), 202, "{email}");
    }
    assert_eq!(app.outbox("els@example.be").await.len(), 2);
    assert_eq!(app.outbox("jan@example.be").await.len(), 1);
    assert!(app.outbox("niemand@example.be").await.is_empty());
}

#[tokio::test]
async fn happy_path_register_confirm_sign_in_me_sign_out() {
    let app = TestApp::spawn().await;
    let mut b = app.browser().await;

    let resp = b
        .post("/api/accounts", &registration("Els.Janssens@Example.be"))
        .await;
    assert_eq!(resp.status(), 202);
    let accepted: Value = resp.json().await.unwrap();
    assert!(accepted["message"]
        .as_str()
        .unwrap()
        .contains("els.janssens@example.be"));

    let mails = app.outbox("els.janssens@example.be").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["to"], "els.janssens@example.be");
    assert!(mails[0]["body_text"]
        .as_str()
        .unwrap()
        .contains("Geachte mevrouw Janssens"));
    assert!(mails[0]["created_at"].as_str().unwrap().ends_with('Z'));
    let token = app
        .token_from_mail("els.janssens@example.be", "/confirm")
        .await;
    assert_eq!(
        b.post("/api/accounts/confirm", &json!({ "token": token }))
            .await
            .status(),
        204
    );

    let (status, state) = b.sign_in("els.janssens@example.be", PASSWORD).await;
    assert_eq!(status, 200, "{state}");
    assert_eq!(state["user"]["email"], "els.janssens@example.be");
    assert_eq!(state["user"]["first_name"], "Els");

    let me = b.get("/api/me").await;
    assert_eq!(me.status(), 200);
    let me: Value = me.json().await.unwrap();
    assert_eq!(me["last_name"], "Janssens");
    assert_eq!(me["country"], "BE");
    assert_eq!(me["salutation"], "ms");

    let session: Value = b.get("/api/session").await.json().await.unwrap();
    assert_eq!(session["user"]["email"], "els.janssens@example.be");
    assert_eq!(session["csrf_token"], b.csrf.as_str());

    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE last_sign_in_at IS NOT NULL")
            .await,
        1
    );

    let out = b.delete("/api/session").await;
    assert_eq!(out.status(), 204);
    expect_error(b.get("/api/me").await, 401, ErrorCode::Unauthenticated).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    let session: Value = b.get("/api/session").await.json().await.unwrap();
    assert!(session["user"].is_null());
}

#[tokio::test]
async fn legal_documents_are_served_and_acceptance_recorded() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;

    for kind in ["terms", "privacy"] {
        let resp = b.get(&format!("/api/legal/{kind}?lang=fr")).await;
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["cache-control"], "no-store");
        let doc: Value = resp.json().await.unwrap();
        assert_eq!(doc["kind"], kind);
        assert_eq!(doc["version"], 1);
        assert_eq!(doc["language"], "fr", "the French translation (G1)");
        assert!(!doc["title"].as_str().unwrap().is_empty());
        assert!(!doc["sections"].as_array().unwrap().is_empty());
        assert_eq!(b.get(&format!("/api/legal/{kind}/1")).await.status(), 200);
    }
    expect_error(b.get("/api/legal/cookies").await, 404, ErrorCode::NotFound).await;
    expect_error(b.get("/api/legal/terms/99").await, 404, ErrorCode::NotFound).await;
    expect_error(b.get("/api/legal/terms/x").await, 404, ErrorCode::NotFound).await;
    // terms and privacy v1 in nl, fr and en (G1)
    assert_eq!(app.count("SELECT COUNT(*) FROM legal_documents").await, 6);

    let req = RegisterRequest {
        marketing_consent: true,
        ..registration("els@example.be")
    };
    assert_eq!(b.post("/api/accounts", &req).await.status(), 202);
    let rows: Vec<(String, i64, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT kind, version, language, user_agent, accepted_at FROM legal_acceptances ORDER BY kind",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].0, "privacy");
    assert_eq!(rows[1].0, "terms");
    for row in &rows {
        assert_eq!(row.1, 1);
        assert_eq!(row.2, "nl");
        assert_eq!(row.3.as_deref(), Some(USER_AGENT));
        assert_eq!(row.4, app.clock_unix());
    }
    let consents: Vec<(String, bool, String, Option<String>)> =
        sqlx::query_as("SELECT kind, granted, source, user_agent FROM consents")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        consents,
        vec![(
            "marketing_email".into(),
            true,
            "registration".into(),
            Some(USER_AGENT.into())
        )]
    );
}

/// Registering one address again and again (which mails its owner each time)
/// is limited per address, whoever sends it, and the answer is the same for a
/// known and an unknown address.
#[tokio::test]
async fn registration_is_rate_limited_per_address() {
    let app = TestApp::spawn().await;
    let _owner = app.confirmed_account("els@example.be").await;
    for email in ["els@example.be", "nieuw@example.be"] {
        let attempts = if email == "els@example.be" { 2 } else { 3 };
        for _ in 0..attempts {
            let b = app.browser().await;
            assert_eq!(
                b.post("/api/accounts", &registration(email)).await.status(),
                202
            );
        }
        let b = app.browser().await;
        let resp = b.post("/api/accounts", &registration(email)).await;
        assert!(resp.headers().contains_key("retry-after"));
        expect_error(resp, 429, ErrorCode::RateLimited).await;
    }
    // At most: the confirmation mail plus two "someone used your address" mails.
    assert_eq!(app.outbox("els@example.be").await.len(), 3);
    app.clock.advance(chrono::Duration::hours(1));
    let b = app.browser().await;
    assert_eq!(
        b.post("/api/accounts", &registration("els@example.be"))
            .await
            .status(),
        202
    );
}
