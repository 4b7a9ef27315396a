//! F1 (seeds/004 §2.3, "Herroepingsrecht"): cancellation and withdrawal,
//! with the refund shown before confirming.

use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

use super::*;
use crate::common::{expect_error, Browser};

const VIN: &str = "JTHBAAHB2P1000005";

async fn post(b: &Browser, path: &str) -> Value {
    let resp = b.post(path, &json!({})).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// GET the quote of cancelling now (200).
async fn cancellation_quote(b: &Browser, id: &str) -> Value {
    let resp = b.get(&format!("/api/subscriptions/{id}/cancel")).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// The catalogue's word on whether the vehicle's `service` works now.
async fn running(b: &Browser, service: &str) -> bool {
    offer(b, VIN, service).await["running"].as_bool().unwrap()
}

#[tokio::test]
async fn monthly_cancellation_runs_to_the_end_of_the_cycle_without_refund() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let sub = bought(&b, VIN, "remote", "monthly").await;
    let id = sub["id"].as_str().unwrap();
    app.clock.advance(days(20));
    // The quote first: the end of the cycle, nothing back; it changes nothing.
    let quote = cancellation_quote(&b, id).await;
    assert_eq!(quote["ends_at"], sub["current_period_end"]);
    assert_eq!(quote["refund"]["cents"], 0);
    assert!(running(&b, "remote").await);
    let c = post(&b, &format!("/api/subscriptions/{id}/cancel")).await;
    assert_eq!(c["refund"]["cents"], 0);
    assert_eq!(c["subscription"]["status"], "cancelled");
    assert_eq!(c["subscription"]["cancel_at"], sub["current_period_end"]);
    // Cancelled, it still works until the end of the cycle ...
    assert!(running(&b, "remote").await);
    expect_error(
        b.post(&format!("/api/subscriptions/{id}/cancel"), &json!({}))
            .await,
        409,
        ErrorCode::SubscriptionNotRunning,
    )
    .await;
    app.clock.advance(days(12));
    // ... and not after it, even before the renewal pass has ended it.
    assert!(!running(&b, "remote").await);
    let report = renewals(&app).await;
    assert_eq!(report.ended.len(), 1);
    assert!(report.renewed.is_empty());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM service_payments").await,
        1
    );
}

#[tokio::test]
async fn cancelling_the_standard_services_ends_remote_and_internet_too_each_by_its_own_plan() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let standard = bought(&b, VIN, "standard", "monthly").await;
    bought(&b, VIN, "remote", "trial").await;
    let internet = bought(&b, VIN, "internet", "yearly").await;
    bought(&b, VIN, "smart", "monthly").await;
    // Past the withdrawal window, in the yearly plan's first month.
    app.clock.advance(days(20));
    let internet_alone = cancellation_quote(&b, internet["id"].as_str().unwrap()).await;
    assert_eq!(internet_alone["also_ending"], json!([]));

    let id = standard["id"].as_str().unwrap();
    let quote = cancellation_quote(&b, id).await;
    let also = quote["also_ending"].as_array().unwrap();
    assert_eq!(also.len(), 2, "{quote}");
    // The trial stops at once; Internet access as if cancelled on its own.
    assert_eq!(also[0]["service"], "remote");
    assert_eq!(also[0]["refund"]["cents"], 0);
    assert_eq!(also[1]["service"], "internet");
    assert_eq!(also[1]["ends_at"], internet_alone["ends_at"]);
    assert_eq!(also[1]["refund"], internet_alone["refund"]);
    assert!(also[1]["refund"]["cents"].as_i64().unwrap() > 0);
    // The quote changed nothing.
    assert!(running(&b, "remote").await);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_refunds").await, 0);

    let c = post(&b, &format!("/api/subscriptions/{id}/cancel")).await;
    assert_eq!(c["subscription"]["status"], "cancelled");
    assert_eq!(c["also_ending"][0]["service"], "remote");
    assert_eq!(c["also_ending"][1]["service"], "internet");
    assert_eq!(c["also_ending"][1]["refund"], internet_alone["refund"]);
    assert!(!running(&b, "remote").await);
    let internet_now = offer(&b, VIN, "internet").await;
    assert_eq!(internet_now["subscription"]["status"], "cancelled");
    assert_eq!(
        internet_now["subscription"]["cancel_at"],
        internet_alone["ends_at"]
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_refunds").await, 1);
    // Smart does not depend on the Standard services.
    assert_eq!(
        offer(&b, VIN, "smart").await["subscription"]["status"],
        "active"
    );
    // Cancelling Remote on its own leaves the Standard services alone.
    let app = super::app().await;
    let b = owner(&app, "jan@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    bought(&b, VIN, "standard", "monthly").await;
    let remote = bought(&b, VIN, "remote", "monthly").await;
    let remote_id = remote["id"].as_str().unwrap();
    assert_eq!(
        cancellation_quote(&b, remote_id).await["also_ending"],
        json!([])
    );
    post(&b, &format!("/api/subscriptions/{remote_id}/cancel")).await;
    assert_eq!(
        offer(&b, VIN, "standard").await["subscription"]["status"],
        "active"
    );
}

#[tokio::test]
async fn parallel_cancellations_of_the_standard_services_refund_what_ends_with_them_once() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let standard = bought(&b, VIN, "standard", "monthly").await;
    bought(&b, VIN, "internet", "yearly").await;
    app.clock.advance(days(20));
    let path = format!(
        "/api/subscriptions/{}/cancel",
        standard["id"].as_str().unwrap()
    );
    let body = json!({});
    let (r1, r2) = tokio::join!(b.post(&path, &body), b.post(&path, &body));
    let mut statuses = [r1.status().as_u16(), r2.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409]);
    // Internet's unused months come back once, not once per request.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_refunds").await, 1);
    assert_eq!(
        offer(&b, VIN, "internet").await["subscription"]["status"],
        "cancelled"
    );
}

#[tokio::test]
async fn yearly_cancellation_after_the_window_refunds_the_unused_months() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let sub = bought(&b, VIN, "smart", "yearly").await;
    let id = sub["id"].as_str().unwrap();
    // In the third subscription month (after two anniversaries + a few days).
    app.clock.advance(days(70));
    expect_error(
        b.get(&format!("/api/subscriptions/{id}/withdrawal")).await,
        409,
        ErrorCode::WithdrawalNotAllowed,
    )
    .await;
    let quote = cancellation_quote(&b, id).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_refunds").await, 0);
    let c = post(&b, &format!("/api/subscriptions/{id}/cancel")).await;
    // 99.90 * 9 unused months / 12 = 74.925 -> 74.93, as quoted.
    assert_eq!(c["refund"]["cents"], 7493);
    assert_eq!(quote["refund"], c["refund"]);
    assert_eq!(quote["ends_at"], c["subscription"]["cancel_at"]);
    assert_eq!(c["subscription"]["status"], "cancelled");
    let cancel_at =
        chrono::DateTime::parse_from_rfc3339(c["subscription"]["cancel_at"].as_str().unwrap())
            .unwrap();
    let started =
        chrono::DateTime::parse_from_rfc3339(sub["started_at"].as_str().unwrap()).unwrap();
    assert!(
        (89..=92).contains(&(cancel_at - started).num_days()),
        "end of the third month"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM sandbox_refunds WHERE amount_cents = 7493"
        )
        .await,
        1
    );
    let list: Value = b.get("/api/invoices").await.json().await.unwrap();
    let credit = &list["invoices"][0];
    assert_eq!(credit["kind"], "credit_note");
    assert_eq!(credit["total"]["cents"], -7493);
    let note: Value = b
        .get(&format!("/api/invoices/{}", credit["id"].as_str().unwrap()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(note["corrects"], list["invoices"][1]["number"]);
    // A second cancel refunds nothing more, and there is nothing to quote.
    expect_error(
        b.post(&format!("/api/subscriptions/{id}/cancel"), &json!({}))
            .await,
        409,
        ErrorCode::SubscriptionNotRunning,
    )
    .await;
    expect_error(
        b.get(&format!("/api/subscriptions/{id}/cancel")).await,
        409,
        ErrorCode::SubscriptionNotRunning,
    )
    .await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sandbox_refunds").await, 1);
}

#[tokio::test]
async fn withdrawal_within_14_days_refunds_what_was_not_delivered() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let sub = bought(&b, VIN, "smart", "yearly").await;
    let id = sub["id"].as_str().unwrap();
    app.clock.advance(days(10));
    let q: Value = b
        .get(&format!("/api/subscriptions/{id}/withdrawal"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(q["paid"]["cents"], 9990);
    let refund = q["refund"]["cents"].as_i64().unwrap();
    // 10 of 365/366 days delivered: 9990 * 10 / 365 = 273.7.
    assert!((9990 - 274..=9990 - 272).contains(&refund), "{q}");
    assert_eq!(q["delivered"]["cents"].as_i64().unwrap() + refund, 9990);
    // The quote changes nothing.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM subscriptions WHERE status = 'active'"
        )
        .await,
        1
    );
    let w = post(&b, &format!("/api/subscriptions/{id}/withdrawal")).await;
    assert_eq!(w["refund"]["cents"], refund);
    assert_eq!(w["subscription"]["status"], "ended");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'"
        )
        .await,
        1
    );
    expect_error(
        b.post(&format!("/api/subscriptions/{id}/withdrawal"), &json!({}))
            .await,
        409,
        ErrorCode::WithdrawalNotAllowed,
    )
    .await;
}

#[tokio::test]
async fn the_withdrawal_window_closes_after_14_days() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let sub = bought(&b, VIN, "remote", "monthly").await;
    let id = sub["id"].as_str().unwrap();
    let deadline =
        chrono::DateTime::parse_from_rfc3339(sub["withdrawal_deadline"].as_str().unwrap()).unwrap();
    let started =
        chrono::DateTime::parse_from_rfc3339(sub["started_at"].as_str().unwrap()).unwrap();
    // 14 full days after the contract day: between 14 and 15 days away.
    let hours = (deadline - started).num_hours();
    assert!((14 * 24..=15 * 24 + 1).contains(&hours), "{hours}");
    app.clock.advance(chrono::Duration::hours(15 * 24 + 2));
    expect_error(
        b.get(&format!("/api/subscriptions/{id}/withdrawal")).await,
        409,
        ErrorCode::WithdrawalNotAllowed,
    )
    .await;
    expect_error(
        b.post(&format!("/api/subscriptions/{id}/withdrawal"), &json!({}))
            .await,
        409,
        ErrorCode::WithdrawalNotAllowed,
    )
    .await;
}

#[tokio::test]
async fn no_withdrawal_after_a_trial_of_14_days_or_more_once_charged() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    // Remote: a one-month trial.
    let trial = bought(&b, VIN, "remote", "trial").await;
    post(
        &b,
        &format!(
            "/api/subscriptions/{}/cancel",
            trial["id"].as_str().unwrap()
        ),
    )
    .await;
    let q: Value = b
        .post(
            &format!("/api/vehicles/{VIN}/services/remote/quote"),
            &json!({"plan": "monthly"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(q["withdrawal_deadline"].is_null());
    let paid = bought(&b, VIN, "remote", "monthly").await;
    assert!(paid["withdrawal_deadline"].is_null());
    let id = paid["id"].as_str().unwrap();
    expect_error(
        b.post(&format!("/api/subscriptions/{id}/withdrawal"), &json!({}))
            .await,
        409,
        ErrorCode::WithdrawalNotAllowed,
    )
    .await;
    // Internet's trial is 7 days: the right stays.
    bought(&b, VIN, "internet", "trial").await;
    app.clock.advance(days(8));
    renewals(&app).await;
    let paid = bought(&b, VIN, "internet", "monthly").await;
    assert!(paid["withdrawal_deadline"].is_string());
}
