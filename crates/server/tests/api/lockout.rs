//! Issue 9, items 4 and 5: password attempts are counted before the
//! password is checked (parallel bursts stay within the limit), hashing is
//! bounded (503 `server_busy` beyond), and a stranger cannot lock the owner
//! out of sign-in, profile actions or password reset (ASVS 2.2.1).

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::json;

const OWNER: &str = "els@example.be";
const STRANGER_IP: &str = "198.51.100.66";
const OWNER_IP: &str = "192.0.2.10";

fn sign_in_body(password: &str) -> serde_json::Value {
    json!({ "email": OWNER, "password": password })
}

#[tokio::test]
async fn parallel_wrong_passwords_never_pass_the_limit() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits.sign_in_per_address = 5;
        // Enough hashing for all of them: only the limit may refuse.
        c.password_hash_concurrency = 32;
    })
    .await;
    app.confirmed_account(OWNER).await;
    let b = app.browser().await;
    let attempts = (0..20).map(|i| {
        let b = &b;
        async move {
            b.post(
                "/api/session",
                &sign_in_body(&format!("fout-wachtwoord-{i}")),
            )
            .await
            .status()
            .as_u16()
        }
    });
    let statuses = futures_join_all(attempts).await;
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + limited, 20, "{statuses:?}");
    assert!(checked <= 5, "{checked} passwords checked: {statuses:?}");
    assert_eq!(limited, 15, "{statuses:?}");
}

/// Runs the futures concurrently (tokio::spawn needs 'static; join_all
/// from the futures crate is not a dependency).
async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(Box::pin(f));
    }
    let mut out: Vec<Option<F::Output>> = (0..set.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in set.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().map(|o| o.unwrap()).collect()
}

#[tokio::test]
async fn saturated_hashing_answers_503_with_retry_after() {
    let app = TestApp::spawn_with(|c| c.password_hash_concurrency = 1).await;
    app.confirmed_account(OWNER).await;
    let mut b = app.browser().await;
    let held = app.state.passwords.permit().expect("the only permit");
    let resp = b.post("/api/session", &sign_in_body(PASSWORD)).await;
    assert_eq!(resp.headers()["retry-after"], "1");
    let err = expect_error(resp, 503, ErrorCode::ServerBusy).await;
    assert!(!err.message.is_empty());
    // Registration hashes too.
    let resp = b
        .post("/api/accounts", &registration("jan@example.be"))
        .await;
    expect_error(resp, 503, ErrorCode::ServerBusy).await;
    drop(held);
    // The refused attempts did not count: the owner signs in at once.
    for _ in 0..5 {
        let _held = app.state.passwords.permit().unwrap();
        let resp = b
            .post("/api/session", &sign_in_body("fout-wachtwoord"))
            .await;
        expect_error(resp, 503, ErrorCode::ServerBusy).await;
    }
    assert_eq!(b.sign_in(OWNER, PASSWORD).await.0, 200);
}

#[tokio::test]
async fn a_stranger_cannot_lock_the_owner_out() {
    let app = TestApp::spawn_with(|c| c.trusted_proxies = vec!["127.0.0.1/32".into()]).await;
    app.confirmed_account(OWNER).await;
    let stranger = app.browser().await;
    for _ in 0..5 {
        let resp = stranger
            .post_from(
                STRANGER_IP,
                "/api/session",
                &sign_in_body("geraden-wachtwoord"),
            )
            .await;
        expect_error(resp, 401, ErrorCode::InvalidCredentials).await;
    }
    // The stranger's client is stopped, with the right password too.
    let resp = stranger
        .post_from(STRANGER_IP, "/api/session", &sign_in_body(PASSWORD))
        .await;
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    for _ in 0..3 {
        let resp = stranger
            .post_from(
                STRANGER_IP,
                "/api/password-reset",
                &json!({ "email": OWNER }),
            )
            .await;
        assert_eq!(resp.status(), 202);
    }
    let resp = stranger
        .post_from(
            STRANGER_IP,
            "/api/password-reset",
            &json!({ "email": OWNER }),
        )
        .await;
    expect_error(resp, 429, ErrorCode::RateLimited).await;

    // The owner, from their own client: signs in, uses the password in the
    // profile, and can still ask for a reset link.
    let mut owner = app.browser().await;
    let resp = owner
        .post_from(OWNER_IP, "/api/session", &sign_in_body(PASSWORD))
        .await;
    assert_eq!(resp.status(), 200);
    let state: serde_json::Value = resp.json().await.unwrap();
    owner.csrf = state["csrf_token"].as_str().unwrap().to_owned();
    let new_password = "een-nieuwe-lange-zin-2026";
    let resp = owner
        .post_from(
            OWNER_IP,
            "/api/profile/password",
            &json!({ "current_password": PASSWORD, "new_password": new_password,
                     "new_password_confirmation": new_password }),
        )
        .await;
    assert_eq!(resp.status(), 204, "{}", resp.text().await.unwrap());
    let before = app.outbox(OWNER).await.len();
    let resp = owner
        .post_from(OWNER_IP, "/api/password-reset", &json!({ "email": OWNER }))
        .await;
    assert_eq!(resp.status(), 202);
    assert_eq!(app.outbox(OWNER).await.len(), before + 1);
}

#[tokio::test]
async fn failures_and_mails_for_an_address_stay_bounded_over_all_clients() {
    let app = TestApp::spawn_with(|c| {
        c.trusted_proxies = vec!["127.0.0.1/32".into()];
        c.rate_limits.sign_in_per_address_total = 8;
        c.rate_limits.email_per_address_total = 4;
    })
    .await;
    app.confirmed_account(OWNER).await;
    let b = app.browser().await;
    // Four clients, two failures each: within every per-client limit.
    for client in 1..=4 {
        for _ in 0..2 {
            let resp = b
                .post_from(
                    &format!("198.51.100.{client}"),
                    "/api/session",
                    &sign_in_body("fout"),
                )
                .await;
            expect_error(resp, 401, ErrorCode::InvalidCredentials).await;
        }
        let resp = b
            .post_from(
                &format!("198.51.100.{client}"),
                "/api/password-reset",
                &json!({ "email": OWNER }),
            )
            .await;
        assert_eq!(resp.status(), 202);
    }
    // A fifth client meets the per-address bound.
    let resp = b
        .post_from("198.51.100.5", "/api/session", &sign_in_body("fout"))
        .await;
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    let resp = b
        .post_from(
            "198.51.100.5",
            "/api/password-reset",
            &json!({ "email": OWNER }),
        )
        .await;
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    // Mails to the address: four, however many clients ask.
    let resets = app
        .outbox(OWNER)
        .await
        .iter()
        .filter(|m| {
            m["body_text"]
                .as_str()
                .unwrap()
                .contains("/reset-password?token=")
        })
        .count();
    assert_eq!(resets, 4);
}
