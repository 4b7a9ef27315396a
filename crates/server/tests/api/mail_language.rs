//! Every mail goes out in the recipient's language (`users.language`); mails
//! to an address without an account use the language of whoever caused them.
//! The 202 answers follow the request's `Accept-Language`.

use crate::common::{registration, Browser, TestApp, PASSWORD};
use mijn_lexus_contract::{Language, Salutation};
use serde::Serialize;
use serde_json::{json, Value};

const VIN: &str = "JTHBAAHB2P7654321";

/// POST with an `Accept-Language` header; returns the status and JSON body.
async fn post_in<T: Serialize>(b: &Browser, lang: &str, path: &str, body: &T) -> (u16, Value) {
    let resp = b
        .client
        .post(b.url(path))
        .header("x-csrf-token", &b.csrf)
        .header("accept-language", lang)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// Registers `email` with `language` (the browser asking in `accept`);
/// returns the browser and the 202 body.
async fn register(
    app: &TestApp,
    email: &str,
    language: Language,
    salutation: Salutation,
    accept: &str,
) -> (Browser, Value) {
    let b = app.browser().await;
    let mut req = registration(email);
    req.language = Some(language);
    req.salutation = Some(salutation);
    let (status, body) = post_in(&b, accept, "/api/accounts", &req).await;
    assert_eq!(status, 202, "{body}");
    (b, body)
}

/// A confirmed, signed-in account with `language`.
async fn signed_in(app: &TestApp, email: &str, language: Language) -> Browser {
    let (mut b, _) = register(app, email, language, Salutation::Ms, "nl").await;
    let token = app.token_from_mail(email, "/confirm").await;
    let resp = b
        .post("/api/accounts/confirm", &json!({ "token": token }))
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(b.sign_in(email, PASSWORD).await.0, 200);
    b
}

async fn last_mail(app: &TestApp, to: &str) -> (String, String) {
    let mails = app.outbox(to).await;
    let last = mails.last().unwrap_or_else(|| panic!("no mail for {to}"));
    (
        last["subject"].as_str().unwrap().to_owned(),
        last["body_text"].as_str().unwrap().to_owned(),
    )
}

async fn ask_reset(app: &TestApp, email: &str, accept: &str) -> Value {
    let b = app.browser().await;
    let (status, body) = post_in(
        &b,
        accept,
        "/api/password-reset",
        &json!({ "email": email }),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    body
}

#[tokio::test]
async fn a_french_user_gets_french_confirmation_and_reset_mails() {
    let app = TestApp::spawn().await;
    register(
        &app,
        "claire@example.be",
        Language::Fr,
        Salutation::Ms,
        "fr-BE",
    )
    .await;
    let (subject, body) = last_mail(&app, "claire@example.be").await;
    assert_eq!(subject, "Confirmez votre adresse e-mail pour Mijn Lexus");
    assert!(body.starts_with("Chère Madame Janssens,\n"), "{body}");
    assert!(body.contains("Ce lien est valable 48 heures"), "{body}");
    assert!(body.contains("L'équipe Mijn Lexus"), "{body}");
    assert!(!body.contains("Geachte"), "{body}");
    // The link still works.
    let token = app.token_from_mail("claire@example.be", "/confirm").await;
    assert!(!token.is_empty());

    ask_reset(&app, "claire@example.be", "nl").await;
    let (subject, body) = last_mail(&app, "claire@example.be").await;
    assert_eq!(
        subject,
        "Choisissez un nouveau mot de passe pour Mijn Lexus"
    );
    assert!(body.starts_with("Chère Madame Janssens,\n"), "{body}");
    assert!(body.contains("Ce lien est valable 1 heure"), "{body}");
    app.token_from_mail("claire@example.be", "/reset-password")
        .await;
}

#[tokio::test]
async fn an_english_user_gets_english_confirmation_and_reset_mails() {
    let app = TestApp::spawn().await;
    register(&app, "john@example.be", Language::En, Salutation::Mr, "nl").await;
    let (subject, body) = last_mail(&app, "john@example.be").await;
    assert_eq!(subject, "Confirm your e-mail address for Mijn Lexus");
    assert!(body.starts_with("Dear Mr Janssens,\n"), "{body}");
    assert!(
        body.contains("Kind regards,\nThe Mijn Lexus team"),
        "{body}"
    );

    ask_reset(&app, "john@example.be", "fr").await;
    let (subject, body) = last_mail(&app, "john@example.be").await;
    assert_eq!(subject, "Set a new password for Mijn Lexus");
    assert!(body.starts_with("Dear Mr Janssens,\n"), "{body}");
    assert!(body.contains("The link is valid for 1 hour"), "{body}");
}

#[tokio::test]
async fn a_dutch_user_keeps_dutch_mails() {
    let app = TestApp::spawn().await;
    register(&app, "els@example.be", Language::Nl, Salutation::Ms, "en").await;
    let (subject, body) = last_mail(&app, "els@example.be").await;
    assert_eq!(subject, "Bevestig uw e-mailadres voor Mijn Lexus");
    assert!(body.starts_with("Geachte mevrouw Janssens,\n"), "{body}");
    assert!(body.contains("Met vriendelijke groet,\nHet team van Mijn Lexus"));

    ask_reset(&app, "els@example.be", "en").await;
    let (subject, _) = last_mail(&app, "els@example.be").await;
    assert_eq!(subject, "Stel een nieuw wachtwoord in voor Mijn Lexus");
}

#[tokio::test]
async fn a_second_registration_mails_the_account_holder_in_their_language() {
    let app = TestApp::spawn().await;
    signed_in(&app, "claire@example.be", Language::Fr).await;
    // Someone else registers the same address, in English.
    register(
        &app,
        "claire@example.be",
        Language::En,
        Salutation::Mr,
        "en",
    )
    .await;
    let (subject, _) = last_mail(&app, "claire@example.be").await;
    assert_eq!(subject, "Vous avez déjà un compte Mijn Lexus");
}

#[tokio::test]
async fn answers_follow_accept_language_not_the_account() {
    let app = TestApp::spawn().await;
    let (_, fr) = register(
        &app,
        "a@example.be",
        Language::En,
        Salutation::Mx,
        "fr-BE,fr;q=0.9",
    )
    .await;
    assert!(
        fr["message"].as_str().unwrap().starts_with("Merci !"),
        "{fr}"
    );
    assert!(fr["message"].as_str().unwrap().contains("a@example.be"));
    // The mail still follows the account's language.
    let (subject, body) = last_mail(&app, "a@example.be").await;
    assert_eq!(subject, "Confirm your e-mail address for Mijn Lexus");
    assert!(body.starts_with("Dear Els Janssens,\n"), "{body}");

    let (_, en) = register(&app, "b@example.be", Language::Nl, Salutation::Ms, "en-GB").await;
    assert!(en["message"].as_str().unwrap().starts_with("Thank you!"));
    let (_, nl) = register(&app, "c@example.be", Language::Fr, Salutation::Ms, "de-DE").await;
    assert!(nl["message"].as_str().unwrap().starts_with("Bedankt!"));

    let en = ask_reset(&app, "nobody@example.be", "en").await;
    assert!(
        en["message"]
            .as_str()
            .unwrap()
            .starts_with("If there is an account for nobody@example.be"),
        "{en}"
    );
    let fr = ask_reset(&app, "nobody@example.be", "fr").await;
    assert!(fr["message"].as_str().unwrap().starts_with("Si un compte"));

    let b = app.browser().await;
    let (status, en) = post_in(
        &b,
        "en",
        "/api/accounts/confirm/resend",
        &json!({"email": "c@example.be"}),
    )
    .await;
    assert_eq!(status, 202);
    assert!(en["message"].as_str().unwrap().starts_with("If an account"));
    // The new confirmation mail is French, like the account.
    let (subject, _) = last_mail(&app, "c@example.be").await;
    assert_eq!(subject, "Confirmez votre adresse e-mail pour Mijn Lexus");
}

#[tokio::test]
async fn an_email_change_is_confirmed_in_the_users_language() {
    let app = TestApp::spawn().await;
    let b = signed_in(&app, "claire@example.be", Language::Fr).await;
    let (status, body) = post_in(
        &b,
        "en",
        "/api/profile/email",
        &json!({"new_email": "claire.new@example.be", "current_password": PASSWORD}),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .starts_with("We have sent an e-mail to claire.new@example.be."));
    // The new address has no account: the user's language.
    let (subject, body) = last_mail(&app, "claire.new@example.be").await;
    assert_eq!(
        subject,
        "Confirmez votre nouvelle adresse e-mail pour Mijn Lexus"
    );
    assert!(body.starts_with("Chère Madame Janssens,\n"), "{body}");

    // An address that has an account is told in that account's language.
    signed_in(&app, "john@example.be", Language::En).await;
    let (status, _) = post_in(
        &b,
        "fr",
        "/api/profile/email",
        &json!({"new_email": "john@example.be", "current_password": PASSWORD}),
    )
    .await;
    assert_eq!(status, 202);
    let (subject, body) = last_mail(&app, "john@example.be").await;
    assert_eq!(
        subject,
        "This e-mail address already has a Mijn Lexus account"
    );
    assert!(!body.contains("token="));

    // Confirming: the old address hears it in French.
    let token = app
        .token_from_mail("claire.new@example.be", "/confirm-email-change")
        .await;
    let resp = b
        .post("/api/profile/email/confirm", &json!({"token": token}))
        .await;
    assert_eq!(resp.status(), 204);
    let (subject, body) = last_mail(&app, "claire@example.be").await;
    assert_eq!(
        subject,
        "L'adresse e-mail de votre compte Mijn Lexus a été modifiée"
    );
    assert!(body.contains("claire.new@example.be"));
}

#[tokio::test]
async fn invitations_use_the_invitees_language_or_the_inviters() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let owner = signed_in(&app, "claire@example.be", Language::Fr).await;
    owner.add_vehicle(VIN).await;

    // A stranger: the inviter's language.
    let resp = owner
        .post(
            &format!("/api/vehicles/{VIN}/invitations"),
            &json!({"email": "stranger@example.be"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let (subject, body) = last_mail(&app, "stranger@example.be").await;
    assert_eq!(
        subject,
        "Els Janssens vous invite à partager une Lexus dans Mijn Lexus"
    );
    assert!(body.starts_with("Bonjour,\n"), "{body}");
    app.token_from_mail("stranger@example.be", "/invitation")
        .await;

    // Someone with an account: their own language.
    signed_in(&app, "john@example.be", Language::En).await;
    let resp = owner
        .post(
            &format!("/api/vehicles/{VIN}/invitations"),
            &json!({"email": "john@example.be"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let (subject, body) = last_mail(&app, "john@example.be").await;
    assert_eq!(
        subject,
        "Els Janssens has invited you to share a Lexus in Mijn Lexus"
    );
    assert!(body.starts_with("Hello,\n"), "{body}");
}

#[tokio::test]
async fn profile_mails_follow_the_users_language() {
    let app = TestApp::spawn().await;
    let b = signed_in(&app, "john@example.be", Language::En).await;
    let resp = b
        .post(
            "/api/profile/password",
            &json!({"current_password": PASSWORD,
                    "new_password": "regenachtige-avond-in-brugge",
                    "new_password_confirmation": "regenachtige-avond-in-brugge"}),
        )
        .await;
    assert_eq!(resp.status(), 204, "{}", resp.text().await.unwrap());
    let (subject, _) = last_mail(&app, "john@example.be").await;
    assert_eq!(subject, "Your Mijn Lexus password has been changed");
}
