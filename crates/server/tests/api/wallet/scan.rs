//! THE SCAN: after every test card went through the sandbox and into the
//! wallet (and a few refused tokenisations), neither the database file (with
//! its WAL), nor the server's log (debug level), nor the outbox holds a card
//! number (with or without spaces) or a CVC next to it.

use std::process::Stdio;
use std::time::Duration;

use super::*;
use crate::server_binary::{mail_token, server, Log};

/// Distinct CVCs per card, so "CVC next to the number" is findable.
fn cvc(i: usize) -> String {
    format!("{}", 731 + i)
}

#[tokio::test]
async fn no_card_number_in_the_database_the_log_or_the_outbox() {
    const EMAIL: &str = "scan@example.be";
    let dir = tempfile::tempdir().unwrap();
    let mut child = server(dir.path())
        .args(["--dev", "--log-format", "json"])
        .args(["--sandbox-pay-publishable-key", KEY])
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let log = Log::capture(&mut child);
    let base = format!("http://127.0.0.1:{}", log.port().await);

    let mut b = Browser::new(&base).await;
    assert_eq!(
        b.post("/api/accounts", &registration(EMAIL)).await.status(),
        202
    );
    let token = mail_token(&base, EMAIL, "/confirm").await;
    assert_eq!(
        b.post("/api/accounts/confirm", &json!({ "token": token }))
            .await
            .status(),
        204
    );
    assert_eq!(b.sign_in(EMAIL, PASSWORD).await.0, 200);

    let client = reqwest::Client::new();
    let year = chrono::Utc::now().year() + 3;
    for (i, number) in TEST_CARDS.iter().enumerate() {
        let fields = |cvc: &str, exp_year: i32| {
            json!({"number": number, "exp_month": 11, "exp_year": exp_year, "cvc": cvc,
                   "holder": "Els Janssens"})
        };
        let tokenise = |body: Value| {
            client
                .post(format!("{base}{TOKENS}"))
                .bearer_auth(KEY)
                .json(&body)
                .send()
        };
        // Refused ones first: a bad CVC, an expired date (the number is
        // fine, so the error must not echo it).
        assert_eq!(tokenise(fields("1", year)).await.unwrap().status(), 422);
        let refused = tokenise(fields(&cvc(i), 2001)).await.unwrap();
        assert_eq!(refused.status(), 422);
        let text = refused.text().await.unwrap();
        assert!(!text.contains(&number[5..]), "{text}");
        let resp = tokenise(fields(&cvc(i), year)).await.unwrap();
        assert_eq!(resp.status(), 201);
        let token: Value = resp.json().await.unwrap();
        let resp = b
            .post(
                "/api/wallet/cards",
                &json!({"token": token["token"], "billing_address": address()}),
            )
            .await;
        // The issuer's verification refuses the declined and expired cards.
        let saved = if [DECLINED, EXPIRED].contains(number) {
            402..=422
        } else {
            201..=201
        };
        assert!(saved.contains(&resp.status().as_u16()), "{number}");
    }
    let wallet: Value = b.get("/api/wallet/cards").await.json().await.unwrap();
    assert_eq!(
        wallet["cards"].as_array().unwrap().len(),
        TEST_CARDS.len() - 2
    );
    let outbox = reqwest::get(format!("{base}/api/dev/outbox"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(outbox.contains(EMAIL), "the outbox has mails: {outbox}");

    let _ = child.kill();
    let _ = child.wait();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let log = log.lines().join("\n");
    assert!(
        log.contains("/api/wallet/cards"),
        "the requests were logged"
    );
    assert!(log.contains(TOKENS));

    let mut database = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(format!("portal.db{suffix}"))) {
            database.extend(bytes);
        }
    }
    let database = String::from_utf8_lossy(&database).into_owned();
    // The scan looks at real data: the last four digits are there.
    assert!(database.contains("4444") && database.contains("3155"));

    for (i, number) in TEST_CARDS.iter().enumerate() {
        let digits = number.replace(' ', "");
        let needles = [
            number.to_string(),
            digits.clone(),
            format!("{}{digits}", cvc(i)),
            format!("{digits}{}", cvc(i)),
        ];
        for needle in &needles {
            for (place, text) in [("database", &database), ("log", &log), ("outbox", &outbox)] {
                assert!(
                    !text.contains(needle.as_str()),
                    "{needle} found in the {place}"
                );
            }
        }
    }
}
