//! The sandbox provider: the test-card table through the provider trait,
//! idempotency, the challenge page, refunds, and input that never panics.

use super::*;

#[tokio::test]
async fn every_test_card_behaves_as_the_table_says() {
    let app = TestApp::spawn().await;
    let payments = &app.state.payments;
    for (number, customer_outcome, merchant_outcome) in [
        (VISA, Ok(true), Ok(true)),
        (MASTERCARD, Ok(true), Ok(true)),
        (MASTERCARD_2, Ok(true), Ok(true)),
        ("4111 1111 1111 1111", Ok(true), Ok(true)),
        (
            DECLINED,
            Err(DeclineReason::Declined),
            Err(DeclineReason::Declined),
        ),
        (
            INSUFFICIENT,
            Err(DeclineReason::InsufficientFunds),
            Err(DeclineReason::InsufficientFunds),
        ),
        (
            EXPIRED,
            Err(DeclineReason::ExpiredCard),
            Err(DeclineReason::ExpiredCard),
        ),
        // Strong authentication for the customer, never for renewals.
        (SCA, Ok(false), Ok(true)),
        (
            ATTACH_THEN_FAIL,
            Err(DeclineReason::Declined),
            Err(DeclineReason::Declined),
        ),
    ] {
        // Every card tokenises and is saved fine.
        let card = payments.card(&tokenise(&app, number).await).await.unwrap();
        assert_eq!(card.last4, &number[number.len() - 4..]);
        for (initiated, expected) in [
            (customer(), customer_outcome),
            (Initiated::Merchant, merchant_outcome),
        ] {
            let key = format!("{number}-{initiated:?}");
            let outcome = payments
                .charge(charge_request(&card.provider_token, &key, initiated))
                .await
                .unwrap();
            let got = match &outcome {
                ChargeOutcome::Succeeded { .. } => Ok(true),
                ChargeOutcome::RequiresAction { challenge_url, .. } => {
                    assert!(challenge_url.contains("/sandbox-pay/challenge/ch_"));
                    Ok(false)
                }
                ChargeOutcome::Failed { reason, .. } => Err(*reason),
            };
            assert_eq!(got, expected, "{number} {key}");
            assert_eq!(
                payments.charge_status(outcome.charge_id()).await.unwrap(),
                outcome
            );
        }
    }
    assert!(DeclineReason::ExpiredCard.is_hard());
    assert!(!DeclineReason::InsufficientFunds.is_hard());
}

#[tokio::test]
async fn the_browser_learns_where_to_tokenise() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("els@example.be").await;
    let provider: Value = b.get("/api/wallet/provider").await.json().await.unwrap();
    assert_eq!(provider["publishable_key"], KEY);
    assert_eq!(
        provider["tokens_url"],
        format!("{}{TOKENS}", public_url(&app.base))
    );
    expect_error(
        app.browser().await.get("/api/wallet/provider").await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;
}

#[tokio::test]
async fn tokens_are_single_use_and_brand_comes_from_the_number() {
    let app = TestApp::spawn().await;
    let resp = tokenise_raw(&app, &card_fields(&app, MASTERCARD_2, "123")).await;
    assert_eq!(resp.status(), 201);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["brand"], "mastercard");
    assert_eq!(body["last4"], "3222");
    let token = body["token"].as_str().unwrap();
    let card = app.state.payments.card(token).await.unwrap();
    assert_eq!(card.holder, "Els Janssens");
    assert!(matches!(
        app.state.payments.card(token).await,
        Err(PaymentError::UnknownToken)
    ));
    assert!(matches!(
        app.state.payments.card("tok_unknown").await,
        Err(PaymentError::UnknownToken)
    ));
    // Tokens expire after 15 minutes.
    let token = tokenise(&app, VISA).await;
    app.clock.advance(chrono::Duration::minutes(16));
    assert!(matches!(
        app.state.payments.card(&token).await,
        Err(PaymentError::UnknownToken)
    ));
    // The same number gives the same fingerprint; another number another.
    let a = app
        .state
        .payments
        .card(&tokenise(&app, VISA).await)
        .await
        .unwrap();
    let b = app
        .state
        .payments
        .card(&tokenise(&app, "4242424242424242").await)
        .await
        .unwrap();
    let c = app
        .state
        .payments
        .card(&tokenise(&app, MASTERCARD).await)
        .await
        .unwrap();
    assert_eq!(a.fingerprint, b.fingerprint);
    assert_ne!(a.provider_token, b.provider_token);
    assert_ne!(a.fingerprint, c.fingerprint);
}

#[tokio::test]
async fn tokenisation_checks_the_key_and_every_field() {
    let app = TestApp::spawn().await;
    let fields = card_fields(&app, VISA, "123");
    for key in [None, Some("pk_wrong")] {
        let mut req = reqwest::Client::new()
            .post(format!("{}{TOKENS}", app.base))
            .json(&fields);
        if let Some(key) = key {
            req = req.bearer_auth(key);
        }
        expect_error(req.send().await.unwrap(), 401, ErrorCode::PaymentKeyInvalid).await;
    }
    for (field, value, at, code) in [
        (
            "number",
            json!("4242 4242 4242 4241"),
            "number",
            ErrorCode::CardNumberInvalid,
        ),
        (
            "number",
            json!("3782 822463 10005"),
            "number",
            ErrorCode::CardBrandUnsupported,
        ),
        (
            "exp_month",
            json!(13),
            "exp_month",
            ErrorCode::CardExpiryInvalid,
        ),
        ("exp_year", json!(2020), "exp_year", ErrorCode::CardExpired),
        ("cvc", json!("12"), "cvc", ErrorCode::CvcInvalid),
        ("holder", json!(""), "holder", ErrorCode::Required),
    ] {
        let mut body = fields.clone();
        body[field] = value;
        let resp = tokenise_raw(&app, &body).await;
        let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
        assert_eq!(err.fields.len(), 1, "{err:?}");
        assert_eq!(
            (err.fields[0].field.as_str(), err.fields[0].code),
            (at, code)
        );
    }
    // Unknown fields are refused, as by the API.
    let mut body = fields.clone();
    body["save_cvc"] = json!(true);
    expect_error(
        tokenise_raw(&app, &body).await,
        400,
        ErrorCode::MalformedRequest,
    )
    .await;
    // Errors come in the browser's language.
    let mut body = fields.clone();
    body["cvc"] = json!("1");
    let resp = reqwest::Client::new()
        .post(format!("{}{TOKENS}", app.base))
        .bearer_auth(KEY)
        .header("accept-language", "fr-BE, fr;q=0.9")
        .json(&body)
        .send()
        .await
        .unwrap();
    let err = api_error(resp).await;
    assert_eq!(
        err.fields[0].message,
        ErrorCode::CvcInvalid.message(mijn_lexus_contract::Language::Fr)
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM sandbox_cards").await, 0);
}

#[tokio::test]
async fn garbage_never_panics_the_tokenisation() {
    use rand::{Rng, SeedableRng};
    // Hundreds of tokenisations from one client: no limit here.
    let app = TestApp::spawn_with(|c| c.rate_limits.card_tokens_per_client = 0).await;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(12);
    let pieces: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        "\"number\":",
        "\"cvc\":",
        "\"exp_month\":",
        "\"exp_year\":",
        "\"holder\":",
        "\"4242 4242 4242 4242\"",
        "\"€😀\"",
        "-1",
        "4294967296",
        "1e99",
        "null",
        "true",
        ",",
        ":",
        "\"\\u0000\"",
        "12",
        "\"123\"",
        "\"\"",
    ];
    let client = reqwest::Client::new();
    for round in 0..150 {
        let body: String = if round % 3 == 0 {
            (0..rng.gen_range(0..64))
                .map(|_| rng.gen::<u8>() as char)
                .collect()
        } else {
            (0..rng.gen_range(1..14))
                .map(|_| pieces[rng.gen_range(0..pieces.len())])
                .collect()
        };
        let resp = client
            .post(format!("{}{TOKENS}", app.base))
            .bearer_auth(KEY)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        assert!(matches!(status, 201 | 400 | 422), "{status} for {body:?}");
        let text = resp.text().await.unwrap();
        serde_json::from_str::<Value>(&text).unwrap_or_else(|_| panic!("{body:?}: {text}"));
    }
    // Valid JSON with random field values: 201 or 422, never anything else.
    for _ in 0..100 {
        let number: String = (0..rng.gen_range(0..22))
            .map(|_| b"0123456789 4-x"[rng.gen_range(0..14)] as char)
            .collect();
        let body = json!({"number": number, "exp_month": rng.gen_range(0..15u32),
            "exp_year": rng.gen_range(0..3000u32), "cvc": rng.gen_range(0..10_000u32).to_string(),
            "holder": "Els"});
        let status = tokenise_raw(&app, &body).await.status().as_u16();
        assert!(matches!(status, 201 | 422), "{status} for {body}");
    }
    // Too large a body.
    let resp = client
        .post(format!("{}{TOKENS}", app.base))
        .bearer_auth(KEY)
        .header("content-type", "application/json")
        .body(format!("{{\"number\": \"{}\"}}", "4".repeat(10_000)))
        .send()
        .await
        .unwrap();
    expect_error(resp, 413, ErrorCode::PayloadTooLarge).await;
    // The server still answers.
    assert_eq!(
        tokenise_raw(&app, &card_fields(&app, VISA, "123"))
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn tokenisations_per_client_are_limited() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits.card_tokens_per_client = 3;
        c.rate_limits.card_tokens_window_secs = 600;
    })
    .await;
    // Refused ones count too (card testing tries numbers until one passes).
    let mut bad = card_fields(&app, VISA, "123");
    bad["number"] = json!("4242 4242 4242 4241");
    assert_eq!(tokenise_raw(&app, &bad).await.status(), 422);
    tokenise(&app, VISA).await;
    tokenise(&app, MASTERCARD).await;
    let resp = tokenise_raw(&app, &card_fields(&app, SCA, "123")).await;
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&retry), "{retry}");
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    app.clock.advance(chrono::Duration::seconds(601));
    tokenise(&app, SCA).await;
}

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
    let declined = provider_token(&app, DECLINED).await;
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
