//! New legal versions (A4): publishing and the re-acceptance gate.

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const ADMIN: &str = mijn_lexus_server::config::TEST_ADMIN_TOKEN;

fn terms_v2(app: &TestApp) -> String {
    let today = &app.rfc3339(0)[..10];
    format!("# Gebruiksvoorwaarden Mijn Lexus\neffective: {today}\n\n## 1. Nieuw\n\nDe tweede versie.\n")
}

async fn publish(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/admin/legal", app.base))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn publishing_needs_the_admin_token() {
    let app = TestApp::spawn().await;
    let body = json!({"kind": "terms", "version": 2, "language": "nl", "content": terms_v2(&app)});
    expect_error(
        publish(&app, "wrong", &body).await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;
    assert_eq!(publish(&app, ADMIN, &body).await.status(), 201);
    expect_error(
        publish(&app, ADMIN, &body).await,
        409,
        ErrorCode::LegalVersionExists,
    )
    .await;
    // Lower than the latest, or a new version not in Dutch first: refused.
    let old = json!({"kind": "terms", "version": 1, "language": "de", "content": terms_v2(&app)});
    assert_eq!(
        publish(&app, ADMIN, &old).await.status(),
        400,
        "unknown language"
    );
    let fr = json!({"kind": "privacy", "version": 2, "language": "fr", "content": terms_v2(&app)});
    expect_error(
        publish(&app, ADMIN, &fr).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    let bad = json!({"kind": "privacy", "version": 2, "language": "nl", "content": "geen titel"});
    expect_error(
        publish(&app, ADMIN, &bad).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;

    let off = TestApp::spawn_with(|c| c.admin_token = None).await;
    expect_error(publish(&off, ADMIN, &body).await, 404, ErrorCode::NotFound).await;
}

#[tokio::test]
async fn a_new_version_must_be_accepted_before_anything_else() {
    let app = TestApp::spawn().await;
    let mut b = app.signed_in("gate@example.be").await;
    assert_eq!(b.get("/api/vehicles").await.status(), 200);
    let body = json!({"kind": "terms", "version": 2, "language": "nl", "content": terms_v2(&app)});
    assert_eq!(publish(&app, ADMIN, &body).await.status(), 201);

    let s: Value = b.get("/api/session").await.json().await.unwrap();
    assert_eq!(s["pending_legal"], json!([{"kind": "terms", "version": 2}]));
    expect_error(
        b.get("/api/vehicles").await,
        403,
        ErrorCode::LegalAcceptanceRequired,
    )
    .await;
    expect_error(
        b.get("/api/profile").await,
        403,
        ErrorCode::LegalAcceptanceRequired,
    )
    .await;
    // Reading, export and the list of accepted documents stay open.
    let doc: Value = b.get("/api/legal/terms").await.json().await.unwrap();
    assert_eq!(doc["version"], 2);
    assert_eq!(b.get("/api/profile/export").await.status(), 200);
    assert_eq!(b.get("/api/profile/legal").await.status(), 200);
    // Anonymous visitors are not affected; a fresh sign-in reports it too.
    let mut c = app.browser().await;
    let (status, s) = c.sign_in("gate@example.be", PASSWORD).await;
    assert_eq!(status, 200);
    assert_eq!(s["pending_legal"][0]["version"], 2);

    // An outdated version is refused.
    let resp = b
        .post(
            "/api/profile/legal/accept",
            &json!({"kind": "terms", "version": 1}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("version"), Some(ErrorCode::LegalVersionOutdated));

    let resp = b
        .post(
            "/api/profile/legal/accept",
            &json!({"kind": "terms", "version": 2}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let s: Value = resp.json().await.unwrap();
    assert_eq!(s["pending_legal"], json!([]));
    assert_eq!(b.get("/api/vehicles").await.status(), 200);
    assert_eq!(c.get("/api/vehicles").await.status(), 200);

    // The old acceptance is kept in the history.
    let list: Value = b.get("/api/profile/legal").await.json().await.unwrap();
    let terms: Vec<i64> = list["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "terms")
        .map(|d| d["version"].as_i64().unwrap())
        .collect();
    assert_eq!(terms, [1, 2]);
    b.refresh_csrf().await;
    // New registrations must use version 2.
    let mut reg = registration("new@example.be");
    reg.terms_version = 2;
    assert_eq!(
        app.browser()
            .await
            .post("/api/accounts", &reg)
            .await
            .status(),
        202
    );
}

#[tokio::test]
async fn a_version_effective_later_is_not_asked_yet() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("later@example.be").await;
    let later = &app.rfc3339(40 * 86400)[..10];
    let content =
        format!("# Privacybeleid Mijn Lexus\neffective: {later}\n\n## 1. Nieuw\n\nTekst.\n");
    let body = json!({"kind": "privacy", "version": 2, "language": "nl", "content": content});
    assert_eq!(publish(&app, ADMIN, &body).await.status(), 201);
    let v1: Value = b.get("/api/legal/privacy").await.json().await.unwrap();
    let s: Value = b.get("/api/session").await.json().await.unwrap();
    if v1["version"] == 1 {
        assert_eq!(s["pending_legal"], json!([]));
        assert_eq!(b.get("/api/vehicles").await.status(), 200);
    }
    app.clock.advance(chrono::Duration::days(41));
    let mut b = b;
    let (_, s) = b.sign_in("later@example.be", PASSWORD).await;
    assert_eq!(
        s["pending_legal"],
        json!([{"kind": "privacy", "version": 2}])
    );
}
