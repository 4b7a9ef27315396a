//! The logbook (E2 export) and retention (E4): the CSV per language with
//! RFC 4180 quoting and neutralised formulas, and the purge that keeps the
//! tagged trips as logbook rows.

use mijn_lexus_contract::ErrorCode;
use serde_json::json;

use crate::common::*;
use crate::trips::{get_json, owner, Fixture};

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

    // Privacy mode on: no addresses, the rest of the logbook stays.
    let key = format!(
        "ingest-key-{}-0123456789abcdef0123456789",
        crate::trips::VIN
    );
    let privacy = json!({"messages": [{"message_id": "privacy-on", "recorded_at": app.rfc3339(-5),
                                       "status": {"privacy_mode": true}}]});
    assert_eq!(
        app.ingest(crate::trips::VIN, Some(&key), &privacy)
            .await
            .status(),
        200
    );
    let (_, hidden) = export("nl").await;
    assert!(
        !hidden.contains("Liège") && !hidden.contains("Toren"),
        "{hidden}"
    );
    let rows = parse_csv(&hidden, ';');
    assert_eq!((rows[1][7].as_str(), rows[1][8].as_str()), ("", ""));
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

#[tokio::test]
async fn e4_retention_keeps_tagged_trips_as_logbook_rows() {
    let app = TestApp::spawn().await;
    // The owner's car reported a status, a parked position and a trip on
    // 2025-06-01 (`owner`); it is now mid-June 2027.
    let o = owner(&app, "2027-06-15T10:00:00Z").await;
    let mut business = Fixture::at("2026-03-02T07:00:00Z", 30, 25.0);
    business.purpose = Some("business");
    business.from = "Thuis, Kerkstraat 1";
    business.to = "Klant NV, Industrieweg 9";
    business.odometer = 30_000.0;
    let business = business.insert(&app, o.vehicle_id).await;
    o.b.patch(
        &format!("{}/trips/{business}", o.v),
        &json!({"note": "Offerte Janssens"}),
    )
    .await;
    let mut private = Fixture::at("2026-04-04T09:00:00Z", 60, 80.0);
    private.purpose = Some("private");
    private.insert(&app, o.vehicle_id).await;
    let untagged = Fixture::at("2026-05-05T09:00:00Z", 10, 5.0)
        .insert(&app, o.vehicle_id)
        .await;
    let recent = Fixture::at("2027-05-05T09:00:00Z", 10, 5.0)
        .insert(&app, o.vehicle_id)
        .await;
    for trip in [business, untagged, recent] {
        sqlx::query(
            "INSERT INTO trip_events (trip_id, vehicle_id, at, kind, lat, lon)
             SELECT id, vehicle_id, started_at + 60, 'harsh_braking', 51.1, 4.4 FROM trips WHERE id = ?",
        )
        .bind(trip)
        .execute(&app.db)
        .await
        .unwrap();
    }
    // Logbook rows of long ago: 31 December 2019 goes (older than the 7th
    // calendar year), 1 January 2020 (Brussels) stays.
    for (id, start) in [
        (900_001, "2019-12-31T12:00:00Z"),
        (900_002, "2019-12-31T23:30:00Z"),
    ] {
        sqlx::query(
            "INSERT INTO logbook_entries (id, vehicle_id, started_at, ended_at, distance_km,
                 duration_s, purpose) VALUES (?, ?, ?, ?, 10.0, 600, 'business')",
        )
        .bind(id)
        .bind(o.vehicle_id)
        .bind(crate::trips::at(start).timestamp())
        .bind(crate::trips::at(start).timestamp() + 600)
        .execute(&app.db)
        .await
        .unwrap();
    }

    let r = mijn_lexus_server::retention::run(&app.state).await.unwrap();
    let d = r.driving;
    assert_eq!(d.kept_as_logbook, 2, "{d:?}");
    assert_eq!(d.trips, 4, "three of 2026 and the one of 2025: {d:?}");
    assert_eq!(d.logbook_entries, 1, "{d:?}");
    assert!(
        d.readings >= 1 && d.positions >= 1 && d.messages >= 1,
        "{d:?}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM trip_events").await,
        1,
        "only the recent trip's event is left"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM trip_routes").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM logbook_entries WHERE id IN (900001, 900002)")
            .await,
        1
    );

    // The page: only the recent trip; the logbook of 2026 is still complete.
    let list = get_json(&o.b, &format!("{}/trips", o.v)).await;
    assert_eq!(list["trips"].as_array().unwrap().len(), 1);
    assert_eq!(list["trips"][0]["id"], recent);
    let (status, csv) = {
        let resp =
            o.b.get(&format!(
                "{}/trips/logbook.csv?from=2026-01-01&to=2026-12-31&lang=en",
                o.v
            ))
            .await;
        (resp.status(), resp.text().await.unwrap())
    };
    assert_eq!(status, 200);
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'), ',');
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(
        rows[1],
        [
            "UX 250h",
            "1-ABC-234",
            "2026-03-02",
            "08:00",
            "08:30",
            "30000.0",
            "30025.0",
            "Thuis, Kerkstraat 1",
            "Klant NV, Industrieweg 9",
            "25.0",
            "Business",
            "Offerte Janssens"
        ]
    );
    assert_eq!(rows[2][10], "Private");
    let totals = get_json(
        &o.b,
        &format!("{}/trips/totals?from=2026-01-01&to=2026-12-31", o.v),
    )
    .await;
    assert_eq!(totals["totals"][0]["trips"], 1);
    assert_eq!(totals["totals"][1]["distance_km"], 80.0);
    assert_eq!(totals["totals"][2]["trips"], 0, "the untagged trip is gone");

    // How far back each kind of data goes.
    let info = get_json(&o.b, &format!("{}/trips/retention", o.v)).await;
    assert_eq!(info["telemetry_months"], 12);
    assert_eq!(info["logbook_years"], 7);
    assert_eq!(info["telemetry_kept_from"], "2026-06-15T10:00:00Z");
    assert_eq!(info["logbook_kept_from"], "2020-01-01");
    assert_eq!(info["oldest_trip"], "2027-05-05T09:00:00Z");
    assert_eq!(
        info["oldest_logbook_entry"], "2026-03-02",
        "rows before the owner's time are not theirs"
    );

    // A second pass changes nothing.
    let again = mijn_lexus_server::retention::run(&app.state).await.unwrap();
    assert_eq!(again.driving, Default::default());
}
