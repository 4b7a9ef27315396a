//! Issue 9, item 3: behind a trusted reverse proxy every client has its own
//! rate limits; a forwarded address from anyone else is ignored; IPv6
//! clients count by /64.

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::json;

/// A failed sign-in for a fresh address (so only the per-client limit counts).
async fn fail_sign_in(b: &Browser, forwarded_for: &str, n: usize) -> reqwest::Response {
    let body =
        json!({ "email": format!("niemand{n}@example.be"), "password": "fout-wachtwoord-123" });
    b.post_from(forwarded_for, "/api/session", &body).await
}

#[tokio::test]
async fn clients_behind_a_trusted_proxy_are_limited_separately() {
    let app = TestApp::spawn_with(|c| {
        c.trusted_proxies = vec!["127.0.0.1/32".into()];
        c.rate_limits.sign_in_per_ip = 3;
    })
    .await;
    let b = app.browser().await;
    // The proxy appends the real client; anything left of it is the client's say.
    for n in 0..3 {
        let resp = fail_sign_in(&b, "203.0.113.5", n).await;
        expect_error(resp, 401, ErrorCode::InvalidCredentials).await;
    }
    let resp = fail_sign_in(&b, "10.9.9.9, 203.0.113.5", 3).await;
    assert!(resp.headers().contains_key("retry-after"));
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    // Another client behind the same proxy is not affected.
    let resp = fail_sign_in(&b, "203.0.113.6", 4).await;
    expect_error(resp, 401, ErrorCode::InvalidCredentials).await;
    // A client cannot escape by prepending a made-up address.
    let resp = fail_sign_in(&b, "198.51.100.1, 203.0.113.5", 5).await;
    expect_error(resp, 429, ErrorCode::RateLimited).await;
}

#[tokio::test]
async fn forwarded_addresses_from_untrusted_peers_are_ignored() {
    let app = TestApp::spawn_with(|c| c.rate_limits.sign_in_per_ip = 3).await;
    let b = app.browser().await;
    for n in 0..3 {
        let resp = fail_sign_in(&b, &format!("203.0.113.{n}"), n).await;
        expect_error(resp, 401, ErrorCode::InvalidCredentials).await;
    }
    // A new made-up address every time: still the same peer, still limited.
    let resp = fail_sign_in(&b, "203.0.113.77", 3).await;
    expect_error(resp, 429, ErrorCode::RateLimited).await;
}

#[tokio::test]
async fn ipv6_clients_are_limited_by_their_64() {
    let app = TestApp::spawn_with(|c| {
        c.trusted_proxies = vec!["127.0.0.1".into()];
        c.rate_limits.sign_in_per_ip = 3;
    })
    .await;
    let b = app.browser().await;
    for (n, ip) in ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff::9"]
        .iter()
        .enumerate()
    {
        let resp = fail_sign_in(&b, ip, n).await;
        expect_error(resp, 401, ErrorCode::InvalidCredentials).await;
    }
    let resp = fail_sign_in(&b, "2001:db8:1:2:abcd::42", 3).await;
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    let resp = fail_sign_in(&b, "2001:db8:1:3::1", 4).await;
    expect_error(resp, 401, ErrorCode::InvalidCredentials).await;
}
