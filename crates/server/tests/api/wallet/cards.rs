//! The wallet's rules: add by token, the same card once, the first card is
//! main, make main, removal rules, the billing country.

use super::*;

#[tokio::test]
async fn cards_are_added_by_token_once_and_the_first_is_main() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("els@example.be").await;
    assert_eq!(
        wallet(&b).await,
        json!({"cards": [], "billing_address": null})
    );

    let visa = add_card(&app, &b, VISA).await;
    assert_eq!(visa["brand"], "visa");
    assert_eq!(visa["last4"], "4242");
    assert_eq!(visa["holder"], "Els Janssens");
    assert_eq!(visa["is_main"], true, "the first card is the main card");
    assert_eq!(visa["expired"], false);
    let mc = add_card(&app, &b, MASTERCARD).await;
    assert_eq!(mc["is_main"], false);

    // The same number again (another token): the existing card, 200.
    let resp = add_card_raw(&app, &b, "4242424242424242", false).await;
    assert_eq!(resp.status(), 200);
    let again: Value = resp.json().await.unwrap();
    assert_eq!(again["id"], visa["id"]);
    let w = wallet(&b).await;
    assert_eq!(w["cards"].as_array().unwrap().len(), 2);
    assert_eq!(w["cards"][0]["id"], visa["id"], "main card first");
    assert_eq!(w["billing_address"]["city"], "Brussel");
    // Nothing of the provider's reference or the fingerprint leaves the server.
    let text = w.to_string();
    assert!(
        !text.contains("pm_") && !text.contains("fingerprint"),
        "{text}"
    );

    // `make_main` on add moves the main card.
    let resp = add_card_raw(&app, &b, MASTERCARD_2, true).await;
    assert_eq!(resp.status(), 201);
    let third: Value = resp.json().await.unwrap();
    assert_eq!(third["is_main"], true);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payment_cards WHERE is_main = 1")
            .await,
        1
    );

    // A token is good once; an unknown one is refused.
    let token = tokenise(&app, INSUFFICIENT).await;
    let body = json!({"token": token, "billing_address": address()});
    assert_eq!(b.post("/api/wallet/cards", &body).await.status(), 201);
    expect_error(
        b.post("/api/wallet/cards", &body).await,
        422,
        ErrorCode::CardTokenInvalid,
    )
    .await;
    expect_error(
        b.post(
            "/api/wallet/cards",
            &json!({"token": "tok_made_up", "billing_address": address()}),
        )
        .await,
        422,
        ErrorCode::CardTokenInvalid,
    )
    .await;
    // Card fields are not accepted by our API at all.
    let resp = b
        .post(
            "/api/wallet/cards",
            &json!({"token": "x", "number": "4242424242424242", "billing_address": address()}),
        )
        .await;
    expect_error(resp, 400, ErrorCode::MalformedRequest).await;
}

#[tokio::test]
async fn cards_the_issuer_refuses_are_not_saved() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("els@example.be").await;
    expect_error(
        add_card_raw(&app, &b, DECLINED, false).await,
        402,
        ErrorCode::CardDeclined,
    )
    .await;
    // Expired at the issuer, whatever future date was typed.
    expect_error(
        add_card_raw(&app, &b, EXPIRED, false).await,
        422,
        ErrorCode::CardExpired,
    )
    .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM payment_cards").await, 0);
    assert_eq!(
        wallet(&b).await,
        json!({"cards": [], "billing_address": null})
    );
    // A good card afterwards is the main card.
    assert_eq!(add_card(&app, &b, VISA).await["is_main"], true);
}

#[tokio::test]
async fn the_billing_country_must_be_the_account_country() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("els@example.be").await;
    let token = tokenise(&app, VISA).await;
    let mut dutch = address();
    dutch["country"] = json!("NL");
    dutch["postcode"] = json!("1012 AB");
    let err = expect_error(
        b.post(
            "/api/wallet/cards",
            &json!({"token": token, "billing_address": dutch}),
        )
        .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.fields.len(), 1);
    assert_eq!(err.fields[0].field, "billing_address.country");
    assert_eq!(err.fields[0].code, ErrorCode::BillingCountryMismatch);
    // The address is checked before the token is spent: it still works.
    let resp = b
        .post(
            "/api/wallet/cards",
            &json!({"token": token, "billing_address": address()}),
        )
        .await;
    assert_eq!(resp.status(), 201);

    // PUT /wallet/billing-address: the same rule; a good address is the
    // wallet's (every card's).
    add_card(&app, &b, MASTERCARD).await;
    expect_error(
        b.put("/api/wallet/billing-address", &dutch).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    let mut antwerp = address();
    antwerp["street"] = json!("  Meir ");
    antwerp["postcode"] = json!("2000");
    antwerp["city"] = json!("Antwerpen");
    let mut smuggled = antwerp.clone();
    smuggled["user_id"] = json!(1);
    expect_error(
        b.put("/api/wallet/billing-address", &smuggled).await,
        400,
        ErrorCode::MalformedRequest,
    )
    .await;
    let resp = b.put("/api/wallet/billing-address", &antwerp).await;
    assert_eq!(resp.status(), 200);
    let w: Value = resp.json().await.unwrap();
    assert_eq!(w["billing_address"]["street"], "Meir");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payment_cards WHERE billing_city = 'Antwerpen'")
            .await,
        2
    );
    // An empty wallet has no billing address to change.
    let empty = app.signed_in("leeg@example.be").await;
    expect_error(
        empty.put("/api/wallet/billing-address", &antwerp).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
}

/// A running subscription of `email`'s first vehicle, paid by `card_id`.
async fn subscription(app: &TestApp, email: &str, card_public_id: &str, status: &str) {
    sqlx::query(
        "INSERT INTO subscriptions (public_id, user_id, vehicle_id, service, plan, status, card_id,
                                    started_at, current_period_start, current_period_end, created_at)
         SELECT ?, u.id, vu.vehicle_id, 'remote', 'monthly', ?, c.id, 0, 0, 1, 0
           FROM users u JOIN vehicle_users vu ON vu.user_id = u.id
           JOIN payment_cards c ON c.user_id = u.id AND c.public_id = ?
          WHERE u.email = ?",
    )
    .bind(format!("sub-{card_public_id}-{status}"))
    .bind(status)
    .bind(card_public_id)
    .bind(email)
    .execute(&app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_main_card_stays_while_a_subscription_needs_it() {
    const VIN: &str = "JTHBAAHB2P7000001";
    const EMAIL: &str = "els@example.be";
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in(EMAIL).await;
    b.add_vehicle(VIN).await;
    let main = add_card(&app, &b, VISA).await;
    let main_id = main["id"].as_str().unwrap();
    subscription(&app, EMAIL, main_id, "active").await;

    // The only card behind a running subscription: not removable, and why.
    let err = expect_error(
        b.delete(&format!("/api/wallet/cards/{main_id}")).await,
        409,
        ErrorCode::MainCardInUse,
    )
    .await;
    assert!(err.message.contains("hoofdkaart"), "{}", err.message);

    // With a second card: make that one main first.
    let second = add_card(&app, &b, MASTERCARD).await;
    let second_id = second["id"].as_str().unwrap();
    expect_error(
        b.delete(&format!("/api/wallet/cards/{main_id}")).await,
        409,
        ErrorCode::MainCardMustBeReplaced,
    )
    .await;
    let resp = b
        .post(&format!("/api/wallet/cards/{second_id}/main"), &json!({}))
        .await;
    assert_eq!(resp.status(), 200);
    let w: Value = resp.json().await.unwrap();
    assert_eq!(w["cards"][0]["id"], second["id"]);
    assert_eq!(w["cards"][0]["is_main"], true);
    assert_eq!(w["cards"][1]["is_main"], false);

    // The old main card goes; its subscription moves to the main card.
    assert_eq!(
        b.delete(&format!("/api/wallet/cards/{main_id}"))
            .await
            .status(),
        204
    );
    let moved: String = sqlx::query_scalar(
        "SELECT c.public_id FROM subscriptions s JOIN payment_cards c ON c.id = s.card_id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(moved, second_id);
    expect_error(
        b.delete(&format!("/api/wallet/cards/{second_id}")).await,
        409,
        ErrorCode::MainCardInUse,
    )
    .await;
    // Once the subscription ended the last card may go.
    sqlx::query("UPDATE subscriptions SET status = 'ended'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(
        b.delete(&format!("/api/wallet/cards/{second_id}"))
            .await
            .status(),
        204
    );
    assert_eq!(wallet(&b).await["cards"], json!([]));
    let card: Option<i64> = sqlx::query_scalar("SELECT card_id FROM subscriptions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(card, None);
}

#[tokio::test]
async fn a_main_card_without_subscriptions_goes_as_the_last_card() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("els@example.be").await;
    let main = add_card(&app, &b, VISA).await;
    let other = add_card(&app, &b, MASTERCARD).await;
    let main_id = main["id"].as_str().unwrap();
    let other_id = other["id"].as_str().unwrap();
    // A non-main card is always removable.
    assert_eq!(
        b.delete(&format!("/api/wallet/cards/{other_id}"))
            .await
            .status(),
        204
    );
    expect_error(
        b.delete(&format!("/api/wallet/cards/{other_id}")).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    assert_eq!(
        b.delete(&format!("/api/wallet/cards/{main_id}"))
            .await
            .status(),
        204
    );
    // The next card added is main again.
    assert_eq!(add_card(&app, &b, SCA).await["is_main"], true);
}

#[tokio::test]
async fn services_find_the_main_card_through_the_wallet() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("els@example.be").await;
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let db = &app.state.db;
    assert_eq!(
        mijn_lexus_server::wallet::main_card(db, user_id)
            .await
            .unwrap(),
        None
    );
    let visa = add_card(&app, &b, ATTACH_THEN_FAIL).await;
    let main = mijn_lexus_server::wallet::main_card(db, user_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(main.public_id, visa["id"].as_str().unwrap());
    assert_eq!(
        mijn_lexus_server::wallet::card_by_public_id(db, user_id, &main.public_id)
            .await
            .unwrap(),
        Some(main.clone())
    );
    assert_eq!(
        mijn_lexus_server::wallet::card_by_public_id(db, user_id + 1, &main.public_id)
            .await
            .unwrap(),
        None
    );
    // Its provider reference charges through the provider: this card was
    // saved fine and fails every charge (a failed renewal).
    let outcome = app
        .state
        .payments
        .charge(charge_request(
            &main.provider_token,
            "renewal-1",
            Initiated::Merchant,
        ))
        .await
        .unwrap();
    assert!(matches!(
        outcome,
        ChargeOutcome::Failed {
            reason: DeclineReason::Declined,
            ..
        }
    ));
}

#[tokio::test]
async fn the_same_card_added_in_parallel_is_one_card() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("els@example.be").await;
    let mut tokens = Vec::new();
    for _ in 0..6 {
        tokens.push(tokenise(&app, SCA).await);
    }
    let handles: Vec<_> = tokens
        .into_iter()
        .map(|token| {
            let client = b.client.clone();
            let url = b.url("/api/wallet/cards");
            let csrf = b.csrf.clone();
            tokio::spawn(async move {
                client
                    .post(url)
                    .header("x-csrf-token", csrf)
                    .json(&json!({"token": token, "billing_address": address(), "make_main": true}))
                    .send()
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut ids = Vec::new();
    let mut created = 0;
    for h in handles {
        let resp = h.await.unwrap();
        let status = resp.status().as_u16();
        assert!(matches!(status, 200 | 201), "{status}");
        created += usize::from(status == 201);
        let card: Value = resp.json().await.unwrap();
        ids.push(card["id"].clone());
    }
    assert_eq!(created, 1);
    assert!(ids.iter().all(|id| *id == ids[0]));
    assert_eq!(app.count("SELECT COUNT(*) FROM payment_cards").await, 1);
    assert_eq!(wallet(&b).await["cards"][0]["is_main"], true);
}

#[tokio::test]
async fn erasing_the_account_removes_its_cards_also_behind_a_subscription() {
    const VIN: &str = "JTHBAAHB2P7000003";
    const EMAIL: &str = "els@example.be";
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in(EMAIL).await;
    b.add_vehicle(VIN).await;
    let card = add_card(&app, &b, VISA).await;
    subscription(&app, EMAIL, card["id"].as_str().unwrap(), "active").await;
    let resp = b
        .post("/api/account/delete", &json!({"password": PASSWORD}))
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(app.count("SELECT COUNT(*) FROM payment_cards").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM subscriptions").await, 0);
}
