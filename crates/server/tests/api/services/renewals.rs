//! F1 renewals and dunning (seeds/004 "Betaalinformatie"): renewed on the
//! same day with a merchant-initiated charge; a failure is retried after
//! one and two days, then the subscription is cancelled; a mail after each
//! failure and at cancellation; expiring cards are announced.

use super::*;

const VIN: &str = "JTHBAAHB2P1000006";

#[tokio::test]
async fn a_monthly_plan_renews_on_its_day_with_an_invoice() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let sub = bought(&b, VIN, "remote", "monthly").await;
    app.clock.advance(days(10));
    assert!(renewals(&app).await.renewed.is_empty());
    app.clock.advance(days(22));
    let report = renewals(&app).await;
    assert_eq!(report.renewed.len(), 1);
    let remote = offer(&b, VIN, "remote").await;
    assert_eq!(remote["subscription"]["status"], "active");
    assert_ne!(
        remote["subscription"]["current_period_end"],
        sub["current_period_end"]
    );
    assert!(remote["subscription"]["withdrawal_deadline"].is_null());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM invoices WHERE kind = 'invoice'").await,
        2
    );
    // Merchant-initiated: no challenge, even for a card that asks for one first.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM sandbox_charges WHERE initiated = 'merchant'"
        )
        .await,
        1
    );
    // The pass is idempotent.
    assert!(renewals(&app).await.renewed.is_empty());
}

#[tokio::test]
async fn internet_yearly_is_renewed_by_hand_the_pass_ends_it_without_charging() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let quote: serde_json::Value = b
        .post(
            &format!("/api/vehicles/{VIN}/services/internet/quote"),
            &serde_json::json!({"plan": "yearly"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(quote["renews"], false);
    let monthly: serde_json::Value = b
        .post(
            &format!("/api/vehicles/{VIN}/services/internet/quote"),
            &serde_json::json!({"plan": "monthly"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(monthly["renews"], true);
    let sub = bought(&b, VIN, "internet", "yearly").await;
    assert!(sub["renews_at"].is_null(), "{sub}");
    let charges = count(&app, "SELECT COUNT(*) FROM sandbox_charges").await;
    let end = chrono::DateTime::parse_from_rfc3339(sub["current_period_end"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    app.clock.set(end + chrono::Duration::hours(1));
    let report = renewals(&app).await;
    assert!(report.renewed.is_empty() && report.failed.is_empty());
    assert_eq!(report.ended.len(), 1);
    assert!(!offer(&b, VIN, "internet").await["running"]
        .as_bool()
        .unwrap());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM sandbox_charges").await,
        charges
    );
    // Renewing by hand is buying the next year, paid in advance.
    let again = bought(&b, VIN, "internet", "yearly").await;
    assert_eq!(again["status"], "active");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM sandbox_charges").await,
        charges + 1
    );
}

#[tokio::test]
async fn three_failed_attempts_over_two_days_then_cancellation_with_four_mails() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let sub = bought(&b, VIN, "smart", "monthly").await;
    let renewal = chrono::DateTime::parse_from_rfc3339(sub["current_period_end"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    // The main card is now one whose later charges fail.
    main_card(&app, &b, FAILS_LATER).await;
    let mails_before = app.outbox("els@example.be").await.len();
    app.clock.set(renewal + chrono::Duration::hours(1));
    let r1 = renewals(&app).await;
    assert_eq!(r1.failed.len(), 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM subscriptions WHERE status = 'past_due'"
        )
        .await,
        1
    );
    // Not retried before a day has passed.
    app.clock.advance(chrono::Duration::hours(12));
    assert!(renewals(&app).await.failed.is_empty());
    app.clock.advance(chrono::Duration::hours(12));
    assert_eq!(renewals(&app).await.failed.len(), 1);
    app.clock.advance(days(1));
    let r3 = renewals(&app).await;
    assert_eq!(r3.failed.len(), 1);
    assert_eq!(r3.cancelled_unpaid.len(), 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM subscriptions WHERE status = 'ended'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM service_payments WHERE status = 'failed'"
        )
        .await,
        3
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invoices").await, 1);
    let mails = app.outbox("els@example.be").await;
    let new: Vec<&str> = mails[mails_before..]
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert_eq!(new.len(), 4, "{new:?}");
    assert!(
        new[..3].iter().all(|s| s.contains("niet gelukt")),
        "{new:?}"
    );
    assert!(new[3].contains("stopgezet"), "{new:?}");
    // Nothing more happens afterwards.
    app.clock.advance(days(5));
    let after = renewals(&app).await;
    assert!(after.failed.is_empty() && after.renewed.is_empty());
}

#[tokio::test]
async fn a_retry_that_succeeds_keeps_the_renewal_day() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let sub = bought(&b, VIN, "remote", "monthly").await;
    let renewal = chrono::DateTime::parse_from_rfc3339(sub["current_period_end"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    main_card(&app, &b, FAILS_LATER).await;
    app.clock.set(renewal);
    assert_eq!(renewals(&app).await.failed.len(), 1);
    // The user makes a good card main again.
    main_card(&app, &b, VISA).await;
    app.clock.advance(days(1));
    assert_eq!(renewals(&app).await.renewed.len(), 1);
    let remote = offer(&b, VIN, "remote").await;
    assert_eq!(remote["subscription"]["status"], "active");
    let start = chrono::DateTime::parse_from_rfc3339(sub["started_at"].as_str().unwrap()).unwrap();
    let end = chrono::DateTime::parse_from_rfc3339(
        remote["subscription"]["current_period_end"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let days_between = (end - start).num_days();
    assert!(
        (59..=62).contains(&days_between),
        "two months from the start: {days_between}"
    );
}

#[tokio::test]
async fn a_card_expiring_before_the_renewal_is_announced_once_a_month_before() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    bought(&b, VIN, "smart", "yearly").await;
    // The card expires next month (before the renewal in a year).
    let now = chrono::DateTime::from_timestamp(app.clock_unix(), 0).unwrap();
    let next = now + days(40);
    use chrono::Datelike;
    sqlx::query("UPDATE payment_cards SET exp_month = ?, exp_year = ?")
        .bind(next.month())
        .bind(next.year())
        .execute(&app.db)
        .await
        .unwrap();
    assert!(renewals(&app).await.cards_announced.is_empty(), "too early");
    app.clock.advance(days(340));
    let mails_before = app.outbox("els@example.be").await.len();
    assert_eq!(renewals(&app).await.cards_announced.len(), 1);
    assert!(renewals(&app).await.cards_announced.is_empty(), "once");
    let mails = app.outbox("els@example.be").await;
    assert_eq!(mails.len(), mails_before + 1);
    assert!(mails.last().unwrap()["subject"]
        .as_str()
        .unwrap()
        .contains("vervalt"));
}
