//! Retention of inactive accounts (A5) with the manual clock.

use crate::common::*;
use chrono::Duration;
use mijn_lexus_server::retention;

#[tokio::test]
async fn inactive_accounts_are_warned_then_closed() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("idle@example.be").await;
    drop(b);
    // Nothing yet after a year.
    app.clock.advance(Duration::days(365));
    let r = retention::run(&app.state).await.unwrap();
    assert!(r.warned.is_empty() && r.closed.is_empty());

    // 2 years without sign-in (no vehicle): warned 30 days before.
    app.clock.advance(Duration::days(365 - 30));
    let r = retention::run(&app.state).await.unwrap();
    assert_eq!(r.warned.len(), 1);
    let mail = app.outbox("idle@example.be").await.last().unwrap().clone();
    assert!(mail["subject"].as_str().unwrap().contains("gesloten"));
    // Not warned twice, not closed early.
    app.clock.advance(Duration::days(10));
    let r = retention::run(&app.state).await.unwrap();
    assert!(r.warned.is_empty() && r.closed.is_empty());

    app.clock.advance(Duration::days(21));
    let r = retention::run(&app.state).await.unwrap();
    assert_eq!(r.closed.len(), 1);
    assert_eq!(app.users().await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM account_deletions WHERE reason = 'inactivity'")
            .await,
        1
    );
    let mails = app.outbox("idle@example.be").await;
    assert_eq!(mails.len(), 1, "only the closing notice");
}

#[tokio::test]
async fn signing_in_cancels_the_warning() {
    let app = TestApp::spawn().await;
    app.signed_in("back@example.be").await;
    app.clock.advance(Duration::days(2 * 365 - 29));
    assert_eq!(retention::run(&app.state).await.unwrap().warned.len(), 1);
    let mut b = app.browser().await;
    assert_eq!(b.sign_in("back@example.be", PASSWORD).await.0, 200);
    app.clock.advance(Duration::days(40));
    let r = retention::run(&app.state).await.unwrap();
    assert!(r.closed.is_empty() && r.warned.is_empty());
    assert_eq!(app.users().await, 1);
}

#[tokio::test]
async fn periods_depend_on_vehicle_and_first_sign_in() {
    let app = TestApp::spawn().await;
    // Confirmed but never signed in: 6 months.
    app.confirmed_account("never@example.be").await;
    // With a vehicle: 5 years.
    let owner = app.signed_in("owner@example.be").await;
    app.vehicle("JTHBA1D20K5000002", 5_000.0).await;
    owner.add_vehicle("JTHBA1D20K5000002").await;

    app.clock.advance(Duration::days(183 - 30));
    let r = retention::run(&app.state).await.unwrap();
    assert_eq!(r.warned.len(), 1, "the never-signed-in account");
    app.clock.advance(Duration::days(30));
    assert_eq!(retention::run(&app.state).await.unwrap().closed.len(), 1);

    // The owner is still there after 3 years, warned before 5.
    app.clock.advance(Duration::days(3 * 365));
    assert!(retention::run(&app.state).await.unwrap().warned.is_empty());
    app.clock.advance(Duration::days(2 * 365 - 183 - 30 + 30));
    let r = retention::run(&app.state).await.unwrap();
    assert_eq!(r.warned.len(), 1);
    assert_eq!(app.users().await, 1);
}
