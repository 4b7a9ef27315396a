//! Another user's cards: never readable, removable or made main (404), not
//! by a stranger nor by a secondary user of the same vehicle; CSRF and a
//! session on every wallet call.

use super::*;

#[tokio::test]
async fn other_users_cannot_touch_a_card() {
    const VIN: &str = "JTHBAAHB2P7000002";
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let owner = app.signed_in("main@example.be").await;
    owner.add_vehicle(VIN).await;
    let card = add_card(&app, &owner, VISA).await;
    let second = add_card(&app, &owner, MASTERCARD).await;

    // A secondary user of the same vehicle.
    let v = format!("/api/vehicles/{VIN}");
    assert_eq!(
        owner
            .post(
                &format!("{v}/invitations"),
                &json!({"email": "sec@example.be"})
            )
            .await
            .status(),
        201
    );
    let token = app.token_from_mail("sec@example.be", "/invitation").await;
    let secondary = app.signed_in("sec@example.be").await;
    assert_eq!(
        secondary
            .post("/api/invitations/accept", &json!({"token": token}))
            .await
            .status(),
        200
    );
    let stranger = app.signed_in("stranger@example.be").await;

    for other in [&secondary, &stranger] {
        assert_eq!(wallet(other).await["cards"], json!([]));
        for id in [&card["id"], &second["id"]] {
            let id = id.as_str().unwrap();
            expect_error(
                other.delete(&format!("/api/wallet/cards/{id}")).await,
                404,
                ErrorCode::NotFound,
            )
            .await;
            expect_error(
                other
                    .post(&format!("/api/wallet/cards/{id}/main"), &json!({}))
                    .await,
                404,
                ErrorCode::NotFound,
            )
            .await;
        }
        // Adding the same card number makes their own card, not a link to
        // the owner's.
        let own = add_card(&app, other, VISA).await;
        assert_ne!(own["id"], card["id"]);
        assert_eq!(own["is_main"], true);
    }
    let w = wallet(&owner).await;
    assert_eq!(w["cards"].as_array().unwrap().len(), 2);
    assert_eq!(w["cards"][0]["id"], card["id"]);
    assert_eq!(w["cards"][0]["is_main"], true);
}

#[tokio::test]
async fn wallet_calls_need_a_session_and_mutations_the_csrf_token() {
    let app = TestApp::spawn().await;
    let mut b = app.signed_in("els@example.be").await;
    let card = add_card(&app, &b, VISA).await;
    let id = card["id"].as_str().unwrap();
    let token = tokenise(&app, MASTERCARD).await;
    let good = b.csrf.clone();
    b.csrf = "wrong".into();
    for resp in [
        b.post(
            "/api/wallet/cards",
            &json!({"token": token, "billing_address": address()}),
        )
        .await,
        b.delete(&format!("/api/wallet/cards/{id}")).await,
        b.post(&format!("/api/wallet/cards/{id}/main"), &json!({}))
            .await,
        b.put("/api/wallet/billing-address", &address()).await,
    ] {
        expect_error(resp, 403, ErrorCode::CsrfFailed).await;
    }
    b.csrf = good;
    assert_eq!(wallet(&b).await["cards"].as_array().unwrap().len(), 1);
    // The token was not spent by the refused request.
    let resp = b
        .post(
            "/api/wallet/cards",
            &json!({"token": token, "billing_address": address()}),
        )
        .await;
    assert_eq!(resp.status(), 201);

    let anonymous = app.browser().await;
    expect_error(
        anonymous.get("/api/wallet/cards").await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;
    expect_error(
        anonymous.delete(&format!("/api/wallet/cards/{id}")).await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;
}
