//! Issue 9, item 11: invitations (mail to any address) are bounded per user
//! and per vehicle per day; lists that grow without bound come in pages; the
//! export stays complete but is limited per user.

use crate::common::*;
use chrono::Duration;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const VINS: [&str; 3] = [
    "JTHBAAHB2P1000001",
    "JTHBAAHB2P1000002",
    "JTHBAAHB2P1000003",
];

async fn invite(b: &Browser, vin: &str, n: usize) -> reqwest::Response {
    b.post(
        &format!("/api/vehicles/{vin}/invitations"),
        &json!({"email": format!("friend{n}@example.be")}),
    )
    .await
}

fn retry_after(resp: &reqwest::Response) -> i64 {
    resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn invitations_are_limited_per_vehicle_and_per_user_per_day() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("main@example.be").await;
    for vin in VINS {
        app.vehicle(vin, 1_000.0).await;
        b.add_vehicle(vin).await;
    }
    for n in 0..10 {
        assert_eq!(invite(&b, VINS[0], n).await.status(), 201);
    }
    let resp = invite(&b, VINS[0], 10).await;
    let retry = retry_after(&resp);
    assert!(retry > 23 * 3600 && retry <= 24 * 3600, "{retry}");
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    assert!(app.outbox("friend10@example.be").await.is_empty());
    // Another vehicle of the same user has its own 10 ...
    for n in 10..20 {
        assert_eq!(invite(&b, VINS[1], n).await.status(), 201);
    }
    // ... but the user's 20 a day are used up, on any vehicle.
    expect_error(invite(&b, VINS[2], 20).await, 429, ErrorCode::RateLimited).await;
    // A day later there is room again.
    app.clock.advance(Duration::hours(24));
    let mut b = b;
    b.sign_in("main@example.be", PASSWORD).await;
    assert_eq!(invite(&b, VINS[2], 21).await.status(), 201);
}

/// Follows `next_before_id` with pages of `limit`; every item of `key`.
async fn all_pages(b: &Browser, path: &str, key: &str, limit: usize) -> Vec<Value> {
    let mut items = Vec::new();
    let mut url = format!("{path}?limit={limit}");
    loop {
        let page: Value = b.get(&url).await.json().await.unwrap();
        let got = page[key].as_array().unwrap();
        assert!(got.len() <= limit, "{page}");
        items.extend(got.iter().cloned());
        match page["next_before_id"].as_i64() {
            Some(next) => url = format!("{path}?limit={limit}&before_id={next}"),
            None => return items,
        }
    }
}

#[tokio::test]
async fn consent_history_service_requests_and_invitations_come_in_pages() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("main@example.be").await;
    app.vehicle(VINS[0], 1_000.0).await;
    b.add_vehicle(VINS[0]).await;

    for granted in [true, false, true, false, true] {
        b.put(
            "/api/profile/consents/newsletter",
            &json!({"granted": granted}),
        )
        .await;
    }
    let full: Value = b.get("/api/profile/consents").await.json().await.unwrap();
    let total = full["history"].as_array().unwrap().len();
    assert!(total >= 5, "{full}");
    assert!(full["next_before_id"].is_null());
    let first: Value = b
        .get("/api/profile/consents?limit=2")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["history"].as_array().unwrap().len(), 2);
    // Newest first; the current state does not depend on the page.
    assert_eq!(first["history"][0]["kind"], "newsletter");
    assert_eq!(first["history"][0]["granted"], true);
    assert_eq!(first["current"], full["current"]);
    let paged = all_pages(&b, "/api/profile/consents", "history", 2).await;
    assert_eq!(paged, full["history"].as_array().unwrap().clone());
    // A huge limit is clamped, not an error.
    let clamped = b.get("/api/profile/consents?limit=100000").await;
    assert_eq!(clamped.status(), 200);

    let v = format!("/api/vehicles/{}", VINS[0]);
    let date = (chrono::DateTime::from_timestamp(app.clock_unix(), 0)
        .unwrap()
        .date_naive()
        + chrono::Days::new(10))
    .to_string();
    for note in ["een", "twee", "drie"] {
        let resp = b
            .post(
                &format!("{v}/service-requests"),
                &json!({"preferred_date": date, "note": note}),
            )
            .await;
        assert_eq!(resp.status(), 201);
    }
    let requests = all_pages(&b, &format!("{v}/service-requests"), "requests", 2).await;
    let notes: Vec<_> = requests
        .iter()
        .map(|r| r["note"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["drie", "twee", "een"]);

    for n in 0..5 {
        assert_eq!(invite(&b, VINS[0], n).await.status(), 201);
    }
    let page: Value = b
        .get(&format!("{v}/users?limit=2"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["invitations"].as_array().unwrap().len(), 2);
    assert_eq!(page["invitations"][0]["email"], "friend4@example.be");
    let invitations = all_pages(&b, &format!("{v}/users"), "invitations", 2).await;
    let emails: Vec<_> = invitations
        .iter()
        .map(|i| i["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        [
            "friend4@example.be",
            "friend3@example.be",
            "friend2@example.be",
            "friend1@example.be",
            "friend0@example.be"
        ]
    );
}

#[tokio::test]
async fn the_export_stays_complete_but_is_limited_per_user() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("export@example.be").await;
    for _ in 0..5 {
        assert_eq!(b.get("/api/profile/export").await.status(), 200);
    }
    let resp = b.get("/api/profile/export").await;
    assert!(retry_after(&resp) > 0);
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    // Another user is not affected.
    let other = app.signed_in("other@example.be").await;
    assert_eq!(other.get("/api/profile/export").await.status(), 200);
}
