//! F3: invoices and credit notes with numbers from one gapless sequence per
//! year, seller and buyer, VAT; only their owner reads them; PDF.

use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

use super::*;
use crate::common::expect_error;

const VIN: &str = "JTHBAAHB2P1000007";

#[tokio::test]
async fn an_invoice_names_seller_buyer_lines_and_vat() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    bought(&b, VIN, "smart", "yearly").await;
    let list: Value = b.get("/api/invoices").await.json().await.unwrap();
    let id = list["invoices"][0]["id"].as_str().unwrap();
    let inv: Value = b
        .get(&format!("/api/invoices/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let year = chrono::DateTime::from_timestamp(app.clock_unix(), 0)
        .unwrap()
        .format("%Y")
        .to_string();
    assert_eq!(inv["number"], format!("{year}-000001"));
    assert_eq!(inv["kind"], "invoice");
    assert_eq!(inv["seller"]["vat_number"], "BE0441.571.714");
    assert!(inv["buyer"]["address_lines"][0]
        .as_str()
        .unwrap()
        .contains("Wetstraat 16"));
    assert_eq!(inv["lines"][0]["vin"], VIN);
    assert_eq!(inv["lines"][0]["service"], "smart");
    assert_eq!(
        inv["vat"][0],
        json!({"rate_bp": 2100, "net": {"cents": 8256, "currency": "EUR"}, "vat": {"cents": 1734, "currency": "EUR"}})
    );
    assert_eq!(inv["total"]["cents"], 9990);
}

#[tokio::test]
async fn parallel_purchases_get_gapless_numbers() {
    let app = app().await;
    let mut buyers = Vec::new();
    for i in 0..6 {
        let vin = format!("JTHBAAHB2P100010{i}");
        let b = owner(&app, &format!("koper{i}@example.be"), &vin).await;
        main_card(&app, &b, VISA).await;
        buyers.push((b, vin));
    }
    let buys = buyers.iter().flat_map(|(b, vin)| {
        ["remote", "smart"].map(|s| async move {
            let k = key();
            let resp = activate(b, vin, s, "monthly", &k).await;
            let status = resp.status().as_u16();
            if status != 200 {
                eprintln!("{}", resp.text().await.unwrap());
            }
            status
        })
    });
    let statuses = futures_util_join_all(buys.collect()).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let seqs: Vec<i64> = sqlx::query_scalar("SELECT seq FROM invoices ORDER BY seq")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(seqs, (1..=12).collect::<Vec<i64>>());
}

/// Runs the futures concurrently on this task.
async fn futures_util_join_all<F: std::future::Future<Output = u16>>(futs: Vec<F>) -> Vec<u16> {
    let mut set = Vec::new();
    for f in futs {
        set.push(Box::pin(f));
    }
    let mut out = vec![0; set.len()];
    let mut pending: Vec<usize> = (0..set.len()).collect();
    std::future::poll_fn(|cx| {
        pending.retain(|&i| match set[i].as_mut().poll(cx) {
            std::task::Poll::Ready(v) => {
                out[i] = v;
                false
            }
            std::task::Poll::Pending => true,
        });
        if pending.is_empty() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out
}

#[tokio::test]
async fn nobody_else_reads_an_invoice_or_the_payment_history() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    bought(&b, VIN, "remote", "monthly").await;
    let list: Value = b.get("/api/invoices").await.json().await.unwrap();
    let id = list["invoices"][0]["id"].as_str().unwrap();
    let sec = secondary(&app, &b, VIN, "sec@example.be").await;
    let stranger = app.signed_in("stranger@example.be").await;
    for other in [&sec, &stranger] {
        expect_error(
            other.get(&format!("/api/invoices/{id}")).await,
            404,
            ErrorCode::NotFound,
        )
        .await;
        expect_error(
            other.get(&format!("/api/invoices/{id}/pdf")).await,
            404,
            ErrorCode::NotFound,
        )
        .await;
        let l: Value = other.get("/api/invoices").await.json().await.unwrap();
        assert!(l["invoices"].as_array().unwrap().is_empty());
        let p: Value = other.get("/api/payments").await.json().await.unwrap();
        assert!(p["payments"].as_array().unwrap().is_empty());
    }
    let anonymous = app.browser().await;
    assert_eq!(anonymous.get("/api/invoices").await.status(), 401);
}

/// The text shown by a PDF's content streams (literal and hex strings of
/// `Tj`, WinAnsi read as Latin-1), one string per shown run.
fn pdf_text(pdf: &[u8]) -> String {
    let s = String::from_utf8_lossy(pdf);
    let mut out = String::new();
    let mut rest = &s[..];
    while let Some(i) = rest.find(" Tj") {
        let before = &rest[..i];
        if before.ends_with(')') {
            let start = before.rfind('(').unwrap();
            out.push_str(
                &before[start + 1..before.len() - 1]
                    .replace("\\(", "(")
                    .replace("\\)", ")"),
            );
        } else if before.ends_with('>') {
            let start = before.rfind('<').unwrap();
            let hex = &before[start + 1..before.len() - 1];
            let bytes: Vec<u8> = (0..hex.len() / 2)
                .map(|k| u8::from_str_radix(&hex[2 * k..2 * k + 2], 16).unwrap())
                .collect();
            out.extend(bytes.iter().map(|&b| b as char));
        }
        out.push('\n');
        rest = &rest[i + 3..];
    }
    out
}

#[tokio::test]
async fn the_pdf_is_in_the_users_language() {
    let app = app().await;
    let b = owner(&app, "els@example.be", VIN).await;
    main_card(&app, &b, VISA).await;
    let sub = bought(&b, VIN, "smart", "yearly").await;
    let list: Value = b.get("/api/invoices").await.json().await.unwrap();
    let inv = &list["invoices"][0];
    let id = inv["id"].as_str().unwrap();
    let number = inv["number"].as_str().unwrap();
    let resp = b.get(&format!("/api/invoices/{id}/pdf")).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    let pdf = resp.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    assert!(text.contains(&format!("Factuur {number}")), "{text}");
    assert!(text.contains("Smart Services, jaarabonnement"), "{text}");
    assert!(text.contains(&format!("VIN {VIN}")), "{text}");
    assert!(text.contains("EUR 99,90"), "{text}");
    assert!(
        text.contains("EUR 82,56") && text.contains("EUR 17,34"),
        "{text}"
    );
    assert!(text.contains("BE0441.571.714"), "{text}");
    let fr = pdf_text(
        &b.get(&format!("/api/invoices/{id}/pdf?lang=fr"))
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert!(fr.contains(&format!("Facture {number}")), "{fr}");
    assert!(fr.contains("abonnement annuel"), "{fr}");
    // The credit note of a withdrawal.
    b.post(
        &format!(
            "/api/subscriptions/{}/withdrawal",
            sub["id"].as_str().unwrap()
        ),
        &json!({}),
    )
    .await;
    let list: Value = b.get("/api/invoices").await.json().await.unwrap();
    let credit = list["invoices"][0]["id"].as_str().unwrap();
    let en = pdf_text(
        &b.get(&format!("/api/invoices/{credit}/pdf?lang=en"))
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert!(
        en.contains("Credit note") && en.contains(&format!("Corrects invoice: {number}")),
        "{en}"
    );
    assert!(en.contains("EUR -99.90"), "{en}");
}
