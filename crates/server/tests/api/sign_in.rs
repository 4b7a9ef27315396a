//! A2 sign-in, sessions and their timeouts, sign-in rate limits.

use crate::common::*;
use chrono::Duration;
use mijn_lexus_contract::ErrorCode;
use serde_json::json;

#[tokio::test]
async fn an_unconfirmed_account_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let mut b = app.browser().await;
    assert_eq!(
        b.post("/api/accounts", &registration("els@example.be"))
            .await
            .status(),
        202
    );

    let (status, body) = b.sign_in("els@example.be", PASSWORD).await;
    assert_eq!(status, 403);
    assert_eq!(body["code"], "email_not_confirmed");
    // Only after the password was right: a wrong one says nothing about the state.
    let (status, body) = b.sign_in("els@example.be", "verkeerd-wachtwoord").await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "invalid_credentials");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn wrong_password_and_unknown_address_look_the_same() {
    let app = TestApp::spawn().await;
    let mut b = app.confirmed_account("els@example.be").await;

    let (status, wrong) = b.sign_in("els@example.be", "verkeerd-wachtwoord").await;
    assert_eq!(status, 401);
    let (status, unknown) = b.sign_in("niemand@example.be", "verkeerd-wachtwoord").await;
    assert_eq!(status, 401);
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["code"], "invalid_credentials");
    expect_error(b.get("/api/me").await, 401, ErrorCode::Unauthenticated).await;

    let (status, body) = b.sign_in("", "").await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "validation_failed");
}

#[tokio::test]
async fn me_without_a_session_is_401() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    let err = expect_error(b.get("/api/me").await, 401, ErrorCode::Unauthenticated).await;
    assert_eq!(
        err.message,
        ErrorCode::Unauthenticated.message(Default::default())
    );
    // A made-up session cookie changes nothing.
    let resp = reqwest::Client::new()
        .get(b.url("/api/me"))
        .header("cookie", format!("ml_session={}", "B".repeat(43)))
        .send()
        .await
        .unwrap();
    expect_error(resp, 401, ErrorCode::Unauthenticated).await;
}

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_cookie_and_a_new_id_each_time() {
    let app = TestApp::spawn().await;
    let mut b = app.confirmed_account("els@example.be").await;
    let resp = b
        .post(
            "/api/session",
            &json!({ "email": "els@example.be", "password": PASSWORD }),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let cookies: Vec<String> = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("ml_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly")
            && session.contains("SameSite=Strict")
            && session.contains("Path=/")
    );
    assert!(cookies.iter().any(|c| c.starts_with("ml_csrf=")));
    let first: (String,) = sqlx::query_as("SELECT id_hash FROM sessions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(first.0.len(), 64, "only a SHA-256 is stored");
    assert!(!session.contains(&first.0));

    let state: serde_json::Value = resp.json().await.unwrap();
    b.csrf = state["csrf_token"].as_str().unwrap().to_owned();
    let (status, _) = b.sign_in("els@example.be", PASSWORD).await;
    assert_eq!(status, 200);
    let rows: Vec<(String,)> = sqlx::query_as("SELECT id_hash FROM sessions")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "the old session is gone");
    assert_ne!(rows[0].0, first.0);
    assert_eq!(b.get("/api/me").await.status(), 200);
}

#[tokio::test]
async fn sign_in_rate_limit_kicks_in_and_releases_after_the_window() {
    let app = TestApp::spawn().await;
    let mut b = app.confirmed_account("els@example.be").await;
    for _ in 0..5 {
        let (status, _) = b.sign_in("els@example.be", "verkeerd-wachtwoord").await;
        assert_eq!(status, 401);
    }
    let resp = b
        .post(
            "/api/session",
            &json!({ "email": "els@example.be", "password": PASSWORD }),
        )
        .await;
    assert_eq!(resp.status(), 429);
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    // Another address from the same IP is not blocked by the address limit.
    let (status, _) = b.sign_in("jan@example.be", "verkeerd-wachtwoord").await;
    assert_eq!(status, 401);

    app.clock.advance(Duration::minutes(14));
    let (status, _) = b.sign_in("els@example.be", PASSWORD).await;
    assert_eq!(status, 429);
    app.clock.advance(Duration::minutes(1));
    let (status, body) = b.sign_in("els@example.be", PASSWORD).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn sign_in_rate_limit_per_ip() {
    let app = TestApp::spawn_with(|c| c.rate_limits.sign_in_per_ip = 3).await;
    let mut b = app.browser().await;
    for i in 0..3 {
        let (status, _) = b
            .sign_in(&format!("n{i}@example.be"), "verkeerd-wachtwoord")
            .await;
        assert_eq!(status, 401);
    }
    let (status, body) = b.sign_in("n9@example.be", "verkeerd-wachtwoord").await;
    assert_eq!(status, 429);
    assert_eq!(body["code"], "rate_limited");
}

#[tokio::test]
async fn an_idle_session_expires_and_activity_keeps_it_alive() {
    let app = TestApp::spawn().await;
    let mut b = app.confirmed_account("els@example.be").await;
    assert_eq!(b.sign_in("els@example.be", PASSWORD).await.0, 200);

    app.clock.advance(Duration::minutes(29));
    assert_eq!(b.get("/api/me").await.status(), 200);
    app.clock.advance(Duration::minutes(29));
    assert_eq!(b.get("/api/me").await.status(), 200, "sliding idle timeout");
    app.clock.advance(Duration::minutes(30));
    let resp = b.get("/api/me").await;
    let cleared = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|v| v.to_str().unwrap().starts_with("ml_session=;"));
    assert!(cleared, "the stale cookie is cleared");
    expect_error(resp, 401, ErrorCode::Unauthenticated).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);

    // After expiry the same CSRF token still works anonymously (sign in again).
    assert_eq!(b.sign_in("els@example.be", PASSWORD).await.0, 200);
}

#[tokio::test]
async fn a_session_ends_after_the_absolute_timeout() {
    let app = TestApp::spawn().await;
    let mut b = app.confirmed_account("els@example.be").await;
    assert_eq!(b.sign_in("els@example.be", PASSWORD).await.0, 200);
    for _ in 0..24 {
        app.clock.advance(Duration::minutes(29));
        assert_eq!(b.get("/api/me").await.status(), 200);
    }
    // 24 x 29 min = 11.6 h: still alive; one more step passes 12 h.
    app.clock.advance(Duration::minutes(29));
    assert_eq!(b.get("/api/me").await.status(), 401);
}
