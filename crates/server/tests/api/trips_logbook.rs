//! The logbook (E2 export) and retention (E4): the CSV per language with
//! RFC 4180 quoting and neutralised formulas, and the purge that keeps the
//! tagged trips as logbook rows.

use mijn_lexus_contract::ErrorCode;
use serde_json::json;

use crate::common::*;
use crate::trips::{owner, Fixture};

/// Splits RFC 4180 text (quoted fields may hold separators, quotes, line breaks).
fn parse_csv(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        row.is_empty() && field.is_empty(),
        "the file ends with CRLF"
    );
    rows
}

#[tokio::test]
async fn e2_logbook_csv_per_language_with_quoting_and_no_formulas() {
    let app = TestApp::spawn().await;
    let o = owner(&app, "2026-04-10T12:00:00Z").await;
    let mut awkward = Fixture::at("2026-03-02T06:45:00Z", 35, 31.25);
    awkward.from = "Rue de l'Église 5; Liège";
    awkward.to = "Kantoor \"De Toren\"\nverdieping 3";
    awkward.purpose = Some("business");
    awkward.odometer = 21_000.04;
    let id = awkward.insert(&app, o.vehicle_id).await;
    o.b.patch(
        &format!("{}/trips/{id}", o.v),
        &json!({"note": "=HYPERLINK(\"http://evil\"), klant"}),
    )
    .await;
    let mut plain = Fixture::at("2026-03-31T21:30:00Z", 20, 12.0);
    plain.from = "-Gent";
    plain.to = "@home";
    plain.odometer = 21_031.3;
    plain.insert(&app, o.vehicle_id).await;
    // Outside the period in Brussels: 23:59 on 28 February, 00:30 on 1 April.
    for start in ["2026-02-28T22:59:00Z", "2026-03-31T22:30:00Z"] {
        Fixture::at(start, 20, 12.0)
            .insert(&app, o.vehicle_id)
            .await;
    }

    let export = |lang: &'static str| {
        let b = &o.b;
        let v = o.v.clone();
        async move {
            let q = if lang.is_empty() {
                String::new()
            } else {
                format!("&lang={lang}")
            };
            let resp = b
                .get(&format!(
                    "{v}/trips/logbook.csv?from=2026-03-01&to=2026-03-31{q}"
                ))
                .await;
            assert_eq!(resp.status(), 200);
            let h = resp.headers().clone();
            assert_eq!(h["content-type"], "text/csv; charset=utf-8");
            assert_eq!(h["cache-control"], "no-store");
            let disposition = h["content-disposition"].to_str().unwrap().to_owned();
            let bytes = resp.bytes().await.unwrap();
            assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte order mark");
            let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
            (disposition, text)
        }
    };

    let (disposition, nl) = export("").await;
    assert_eq!(
        disposition, "attachment; filename=\"rittenlogboek_1-ABC-234_2026-03-01_2026-03-31.csv\"",
        "the account's language (nl)"
    );
    assert!(nl.contains("\r\n"));
    let rows = parse_csv(&nl, ';');
    assert_eq!(
        rows[0],
        [
            "Voertuig",
            "Nummerplaat",
            "Datum",
            "Vertrek",
            "Aankomst",
            "Kilometerstand begin",
            "Kilometerstand einde",
            "Vertrekadres",
            "Aankomstadres",
            "Afstand (km)",
            "Doel",
            "Notitie"
        ]
    );
    assert_eq!(rows.len(), 3, "{nl}");
    assert!(rows.iter().all(|r| r.len() == 12), "{rows:?}");
    assert_eq!(
        rows[1],
        [
            "UX 250h",
            "1-ABC-234",
            "02/03/2026",
            "07:45",
            "08:20",
            "21000,0",
            "21031,3",
            "Rue de l'Église 5; Liège",
            "Kantoor \"De Toren\"\nverdieping 3",
            "31,3",
            "Zakelijk",
            "'=HYPERLINK(\"http://evil\"), klant"
        ]
    );
    // 21:30 UTC on 31 March is 23:30 in Brussels (summer time).
    assert_eq!(rows[2][2], "31/03/2026");
    assert_eq!(rows[2][3], "23:30");
    assert!(
        nl.contains("\"'=HYPERLINK(\"\"http://evil\"\"), klant\""),
        "quotes doubled"
    );
    assert_eq!(
        (rows[2][7].as_str(), rows[2][8].as_str()),
        ("'-Gent", "'@home")
    );
    assert_eq!(rows[2][10], "Niet aangeduid");

    let (disposition, en) = export("en").await;
    assert!(disposition.contains("filename=\"trip-logbook_1-ABC-234_"));
    let rows = parse_csv(&en, ',');
    assert_eq!(rows[0][5], "Odometer start (km)");
    assert!(rows.iter().all(|r| r.len() == 12), "{rows:?}");
    assert_eq!(rows[1][2], "2026-03-02");
    assert_eq!(rows[1][5], "21000.0");
    assert_eq!(rows[1][9], "31.3");
    assert_eq!(rows[1][10], "Business");
    assert_eq!(
        rows[1][7], "Rue de l'Église 5; Liège",
        "no quotes needed with ,"
    );
    assert!(
        en.contains("\"'=HYPERLINK(\"\"http://evil\"\"), klant\""),
        "the comma is quoted"
    );

    let (disposition, fr) = export("fr").await;
    assert!(disposition.contains("filename=\"carnet-de-trajets_1-ABC-234_"));
    let rows = parse_csv(&fr, ';');
    assert_eq!(rows[0][8], "Adresse d'arrivée");
    assert_eq!(rows[1][10], "Professionnel");
    assert_eq!(rows[1][9], "31,3");

    // A period is required and checked; strangers get 404.
    expect_error(
        o.b.get(&format!(
            "{}/trips/logbook.csv?from=2026-03-31&to=2026-03-01",
            o.v
        ))
        .await,
        422,
        ErrorCode::DateRangeInvalid,
    )
    .await;
    let stranger = app.signed_in("stranger@example.be").await;
    expect_error(
        stranger
            .get(&format!(
                "{}/trips/logbook.csv?from=2026-03-01&to=2026-03-31",
                o.v
            ))
            .await,
        404,
        ErrorCode::NotFound,
    )
    .await;
}
