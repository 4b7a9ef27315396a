//! Sandbox charges and refunds: idempotency keys (also in parallel), refund
//! bounds, and the strong-authentication challenge page.

use super::*;

#[tokio::test]
async fn the_same_idempotency_key_charges_once_also_in_parallel() {
    let app = TestApp::spawn().await;
    let card = provider_token(&app, VISA).await;
    let payments = &app.state.payments;
    let first = payments
        .charge(charge_request(&card, "order-1", Initiated::Merchant))
        .await
        .unwrap();
    let again = payments
        .charge(charge_request(&card, "order-1", Initiated::Merchant))
        .await
        .unwrap();
    assert_eq!(first, again);
    // The same key with another amount is refused, not charged.
    let mut other = charge_request(&card, "order-1", Initiated::Merchant);
    other.amount_cents = 1;
    assert!(matches!(
        payments.charge(other).await,
        Err(PaymentError::IdempotencyConflict)
    ));
    // 20 requests at once with one key: one charge.
    let outcomes = futures_join(
        (0..20)
            .map(|_| {
                let payments = app.state.payments.clone();
                let req = charge_request(&card, "order-2", Initiated::Merchant);
                tokio::spawn(async move { payments.charge(req).await.unwrap() })
            })
            .collect(),
    )
    .await;
    assert!(outcomes.iter().all(|o| *o == outcomes[0]));
    assert!(matches!(outcomes[0], ChargeOutcome::Succeeded { .. }));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sandbox_charges").await,
        2,
        "order-1 and order-2"
    );
}

async fn futures_join<T>(handles: Vec<tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn refunds_are_idempotent_and_bounded_by_the_charge() {
    let app = TestApp::spawn().await;
    let card = provider_token(&app, VISA).await;
    let payments = &app.state.payments;
    let charge = payments
        .charge(charge_request(&card, "yearly-1", Initiated::Merchant))
        .await
        .unwrap();
    let id = charge.charge_id().to_owned();
    // Parallel refunds with one key: one refund.
    let refunds = futures_join(
        (0..10)
            .map(|_| {
                let payments = app.state.payments.clone();
                let id = id.clone();
                tokio::spawn(async move { payments.refund(&id, 1000, "refund-1").await.unwrap() })
            })
            .collect(),
    )
    .await;
    assert!(refunds.iter().all(|r| *r == refunds[0]));
    assert_eq!(refunds[0].amount_cents, 1000);
    // 2.99 left of 12.99: 3.00 is too much, 2.99 fits.
    assert!(matches!(
        payments.refund(&id, 300, "refund-2").await,
        Err(PaymentError::RefundNotPossible(_))
    ));
    assert_eq!(
        payments
            .refund(&id, 299, "refund-3")
            .await
            .unwrap()
            .amount_cents,
        299
    );
    assert!(matches!(
        payments.refund(&id, 1, "refund-4").await,
        Err(PaymentError::RefundNotPossible(_))
    ));
    assert!(matches!(
        payments.refund(&id, 5, "refund-1").await,
        Err(PaymentError::IdempotencyConflict)
    ));
    // A failed charge cannot be refunded.
    let declined = provider_token(&app, INSUFFICIENT).await;
    let failed = payments
        .charge(charge_request(&declined, "declined-1", Initiated::Merchant))
        .await
        .unwrap();
    assert!(matches!(
        payments.refund(failed.charge_id(), 100, "refund-5").await,
        Err(PaymentError::RefundNotPossible(_))
    ));
    assert!(matches!(
        payments.refund("ch_unknown", 100, "refund-6").await,
        Err(PaymentError::UnknownCharge)
    ));
    assert_eq!(app.count("SELECT COUNT(*) FROM sandbox_refunds").await, 2);
}

/// Opens the challenge page and answers it like a browser (no redirects
/// followed): the 303's Location.
async fn answer_challenge(url: &str, decision: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = client
        .post(url)
        .form(&[("decision", decision)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    resp.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_challenge_page_approves_or_fails_the_charge_once() {
    let app = TestApp::spawn().await;
    let card = provider_token(&app, SCA).await;
    let payments = &app.state.payments;
    for (decision, lang, expect) in [
        ("approve", "nl", None),
        ("fail", "fr", Some(DeclineReason::AuthenticationFailed)),
    ] {
        let outcome = payments
            .charge(charge_request(&card, decision, customer()))
            .await
            .unwrap();
        let ChargeOutcome::RequiresAction {
            charge_id,
            challenge_url,
        } = outcome
        else {
            panic!("{outcome:?}");
        };
        // The URL is the app's (public URL localhost -> the test's address).
        let url = challenge_url.replace("localhost", "127.0.0.1");
        let page = reqwest::get(format!("{url}?lang={lang}")).await.unwrap();
        assert_eq!(page.status(), 200);
        let csp = page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.contains("form-action 'self'"), "{csp}");
        let html = page.text().await.unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{html}");
        assert!(html.contains("<h1>"));
        assert!(html.contains("•••• 3155"));
        assert!(html.contains("name=\"decision\" value=\"approve\""));
        assert!(!html.contains("<script") && !html.contains("style="));
        let location = answer_challenge(&url, decision).await;
        assert_eq!(location, "/services/return");
        let status = payments.charge_status(&charge_id).await.unwrap();
        match expect {
            None => assert_eq!(
                status,
                ChargeOutcome::Succeeded {
                    charge_id: charge_id.clone()
                }
            ),
            Some(reason) => assert_eq!(
                status,
                ChargeOutcome::Failed {
                    charge_id: charge_id.clone(),
                    reason
                }
            ),
        }
        // A second answer changes nothing; the page now says it was handled.
        let other = if decision == "approve" {
            "fail"
        } else {
            "approve"
        };
        answer_challenge(&url, other).await;
        assert_eq!(payments.charge_status(&charge_id).await.unwrap(), status);
        let html = reqwest::get(&url).await.unwrap().text().await.unwrap();
        assert!(!html.contains("<form"));
        assert!(html.contains("href=\"/services/return\""));
        // Retrying the charge with its key answers the decided outcome.
        assert_eq!(
            payments
                .charge(charge_request(&card, decision, customer()))
                .await
                .unwrap(),
            status
        );
    }
    // An unknown charge: an HTML 404 in the browser's language; a bad answer: 400.
    let resp = reqwest::Client::new()
        .get(format!("{}/sandbox-pay/challenge/ch_nope", app.base))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    assert!(resp.text().await.unwrap().contains("Payment not found"));
    let pending = payments
        .charge(charge_request(&card, "pending", customer()))
        .await
        .unwrap();
    let url = format!("{}/sandbox-pay/challenge/{}", app.base, pending.charge_id());
    let resp = reqwest::Client::new()
        .post(&url)
        .form(&[("decision", "maybe")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert!(matches!(
        payments.charge_status(pending.charge_id()).await.unwrap(),
        ChargeOutcome::RequiresAction { .. }
    ));
    // A return URL to another host by `//` is refused at charge time.
    let mut req = charge_request(&card, "evil", customer());
    req.initiated = Initiated::Customer {
        return_url: "//evil.example/".into(),
    };
    assert!(matches!(
        payments.charge(req).await,
        Err(PaymentError::InvalidRequest(_))
    ));
}
