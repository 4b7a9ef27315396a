//! Consents (B4): granted and withdrawn any time, every change a new row.

use crate::common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn consent_history_is_append_only() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("c@example.be").await;
    let c: Value = b.get("/api/profile/consents").await.json().await.unwrap();
    assert_eq!(c["current"].as_array().unwrap().len(), 4);
    assert_eq!(c["current"][0]["kind"], "marketing_email");
    assert_eq!(c["current"][0]["granted"], false);
    assert_eq!(c["history"][0]["source"], "registration");
    assert!(c["current"][2]["since"].is_null(), "newsletter never asked");

    let resp = b
        .put(
            "/api/profile/consents/newsletter",
            &json!({"granted": true}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    app.clock.advance(chrono::Duration::minutes(10));
    b.put(
        "/api/profile/consents/newsletter",
        &json!({"granted": false}),
    )
    .await;
    b.put(
        "/api/profile/consents/dealer_data_sharing",
        &json!({"granted": true}),
    )
    .await;
    let c: Value = b.get("/api/profile/consents").await.json().await.unwrap();
    let history = c["history"].as_array().unwrap();
    assert_eq!(history.len(), 4);
    let news: Vec<&Value> = history
        .iter()
        .filter(|h| h["kind"] == "newsletter")
        .collect();
    assert_eq!(news.len(), 2);
    // Newest first.
    assert_eq!(news[0]["granted"], false);
    assert_eq!(news[1]["granted"], true);
    assert_eq!(news[0]["user_agent"], USER_AGENT);
    assert_eq!(news[0]["source"], "profile");
    assert_ne!(news[0]["recorded_at"], news[1]["recorded_at"]);
    let current = |kind: &str| {
        c["current"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"] == kind)
            .unwrap()
            .clone()
    };
    assert_eq!(current("newsletter")["granted"], false);
    assert_eq!(current("dealer_data_sharing")["granted"], true);
    assert_eq!(app.count("SELECT COUNT(*) FROM consents").await, 4);

    let resp = b
        .put("/api/profile/consents/spam", &json!({"granted": true}))
        .await;
    assert_eq!(resp.status(), 404);
    // Nobody else's history.
    let other = app.signed_in("d@example.be").await;
    let c: Value = other
        .get("/api/profile/consents")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(c["history"].as_array().unwrap().len(), 1);
}
