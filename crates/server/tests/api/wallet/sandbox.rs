//! The sandbox provider: the test-card table through the provider trait,
//! tokens, the tokenisation's checks and limit, and input that never panics
//! (charges, refunds and the challenge page: charges.rs).

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
        // A zero-amount verification does not see the balance.
        (
            INSUFFICIENT,
            Err(DeclineReason::InsufficientFunds),
            Err(DeclineReason::InsufficientFunds),
        ),
        // Strong authentication for the customer, never for renewals.
        (SCA, Ok(false), Ok(true)),
        (
            ATTACH_THEN_FAIL,
            Err(DeclineReason::Declined),
            Err(DeclineReason::Declined),
        ),
    ] {
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
    // The issuer refuses these when they are saved; the token is spent.
    for (number, reason) in [
        (DECLINED, DeclineReason::Declined),
        (EXPIRED, DeclineReason::ExpiredCard),
    ] {
        let token = tokenise(&app, number).await;
        assert!(
            matches!(payments.card(&token).await, Err(PaymentError::CardRefused(r)) if r == reason),
            "{number}"
        );
        assert!(matches!(
            payments.card(&token).await,
            Err(PaymentError::UnknownToken)
        ));
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
