//! The logbook as CSV (E2): what a tax authority asks of a trip log, per
//! trip of a period, in a file that opens cleanly in a spreadsheet.
//!
//! - nl, fr: `;` between fields and a decimal comma (what Excel expects with
//!   a Belgian or French locale); en: `,` and a decimal point.
//! - UTF-8 with a byte order mark (so Excel reads the accents), CRLF line
//!   ends, fields quoted as RFC 4180 says (separator, quote, CR or LF in it;
//!   quotes doubled).
//! - Text that starts with `=`, `+`, `-`, `@`, a tab or a CR gets a `'` in
//!   front, so a spreadsheet never runs an address or a note as a formula.
//! - Dates and times in Brussels; the rows kept after the purge (E4) are in
//!   it too. In privacy mode the addresses are left empty, as on the page.

use chrono::{DateTime, Utc};
use mijn_lexus_contract::trips::{brussels, DateRange, TripPurpose};
use mijn_lexus_contract::vehicle::Localized;
use mijn_lexus_contract::Language;
use sqlx::SqlitePool;

use super::{BindWindow, Window};
use crate::clock::from_unix;
use crate::error::AppResult;
use crate::garage::status::privacy_mode;
use crate::garage::UserVehicle;

/// A finished CSV file.
pub struct CsvFile {
    pub file_name: String,
    pub body: String,
}

const COLUMNS: [Localized; 12] = [
    Localized {
        nl: "Voertuig",
        fr: "Véhicule",
        en: "Vehicle",
    },
    Localized {
        nl: "Nummerplaat",
        fr: "Plaque",
        en: "Licence plate",
    },
    Localized {
        nl: "Datum",
        fr: "Date",
        en: "Date",
    },
    Localized {
        nl: "Vertrek",
        fr: "Départ",
        en: "Start time",
    },
    Localized {
        nl: "Aankomst",
        fr: "Arrivée",
        en: "End time",
    },
    Localized {
        nl: "Kilometerstand begin",
        fr: "Kilométrage début",
        en: "Odometer start (km)",
    },
    Localized {
        nl: "Kilometerstand einde",
        fr: "Kilométrage fin",
        en: "Odometer end (km)",
    },
    Localized {
        nl: "Vertrekadres",
        fr: "Adresse de départ",
        en: "Start address",
    },
    Localized {
        nl: "Aankomstadres",
        fr: "Adresse d'arrivée",
        en: "End address",
    },
    Localized {
        nl: "Afstand (km)",
        fr: "Distance (km)",
        en: "Distance (km)",
    },
    Localized {
        nl: "Doel",
        fr: "Motif",
        en: "Purpose",
    },
    Localized {
        nl: "Notitie",
        fr: "Note",
        en: "Note",
    },
];

const FILE_NAME: Localized = Localized {
    nl: "rittenlogboek",
    fr: "carnet-de-trajets",
    en: "trip-logbook",
};

/// How numbers, dates and fields are written in one language.
#[derive(Clone, Copy)]
struct Format {
    separator: char,
    decimal: char,
    lang: Language,
}

impl Format {
    fn new(lang: Language) -> Format {
        match lang {
            Language::En => Format {
                separator: ',',
                decimal: '.',
                lang,
            },
            Language::Nl | Language::Fr => Format {
                separator: ';',
                decimal: ',',
                lang,
            },
        }
    }

    fn km(self, v: Option<f64>) -> String {
        // Rounded half away from zero, as everywhere else (31.25 -> 31.3).
        v.map(|v| {
            format!("{:.1}", (v * 10.0).round() / 10.0).replace('.', &self.decimal.to_string())
        })
        .unwrap_or_default()
    }

    fn date(self, at: DateTime<Utc>) -> String {
        let local = brussels::local(at);
        match self.lang {
            Language::En => local.format("%Y-%m-%d").to_string(),
            Language::Nl | Language::Fr => local.format("%d/%m/%Y").to_string(),
        }
    }

    fn time(self, at: DateTime<Utc>) -> String {
        brussels::local(at).format("%H:%M").to_string()
    }

    /// One field: neutralised when it could be a formula, quoted when needed.
    fn text(self, raw: &str) -> String {
        let safe = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{raw}")
        } else {
            raw.to_owned()
        };
        if safe.contains([self.separator, '"', '\r', '\n']) {
            format!("\"{}\"", safe.replace('"', "\"\""))
        } else {
            safe
        }
    }

    fn line(self, fields: &[String]) -> String {
        let mut line = fields.join(&self.separator.to_string());
        line.push_str("\r\n");
        line
    }
}

#[derive(sqlx::FromRow)]
struct LogbookRow {
    started_at: i64,
    ended_at: i64,
    start_label: Option<String>,
    end_label: Option<String>,
    odometer_start_km: Option<f64>,
    odometer_end_km: Option<f64>,
    distance_km: f64,
    purpose: Option<String>,
    note: Option<String>,
}

/// The logbook of `range` (oldest trip first) in `lang`.
pub async fn export(
    db: &SqlitePool,
    v: &UserVehicle,
    range: DateRange,
    lang: Language,
) -> AppResult<CsvFile> {
    let rows: Vec<LogbookRow> = sqlx::query_as(&format!(
        "SELECT started_at, ended_at, start_label, end_label, odometer_start_km, odometer_end_km,
                distance_km, purpose, note
         FROM logbook WHERE {} ORDER BY started_at",
        Window::SQL
    ))
    .bind_window(Window::new(v, range))
    .fetch_all(db)
    .await?;
    let hide_addresses = privacy_mode(db, v.vehicle.id).await?;
    let f = Format::new(lang);
    let mut body = String::from('\u{feff}');
    body.push_str(&f.line(&COLUMNS.map(|c| f.text(c.get(lang)))));
    for r in &rows {
        let (started, ended) = (from_unix(r.started_at), from_unix(r.ended_at));
        let address = |label: &Option<String>| {
            if hide_addresses {
                String::new()
            } else {
                f.text(label.as_deref().unwrap_or_default())
            }
        };
        body.push_str(&f.line(&[
            f.text(&v.vehicle.model),
            f.text(&v.licence_plate),
            f.date(started),
            f.time(started),
            f.time(ended),
            f.km(r.odometer_start_km),
            f.km(r.odometer_end_km),
            address(&r.start_label),
            address(&r.end_label),
            f.km(Some(r.distance_km)),
            f.text(TripPurpose::from_db(r.purpose.as_deref()).label().get(lang)),
            f.text(r.note.as_deref().unwrap_or_default()),
        ]));
    }
    let plate: String = v
        .licence_plate
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Ok(CsvFile {
        file_name: format!(
            "{}_{plate}_{}_{}.csv",
            FILE_NAME.get(lang),
            range.from,
            range.to
        ),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_neutralised() {
        let nl = Format::new(Language::Nl);
        let en = Format::new(Language::En);
        assert_eq!(nl.text("Rue de l'Église"), "Rue de l'Église");
        assert_eq!(nl.text("a;b"), "\"a;b\"");
        assert_eq!(en.text("a;b"), "a;b");
        assert_eq!(en.text("a,b"), "\"a,b\"");
        assert_eq!(nl.text("zei \"ja\""), "\"zei \"\"ja\"\"\"");
        assert_eq!(nl.text("regel 1\nregel 2"), "\"regel 1\nregel 2\"");
        assert_eq!(nl.text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for bad in ["+32 3", "-1", "@SUM(A1)", "\tx"] {
            assert!(nl.text(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(nl.km(Some(12_345.06)), "12345,1");
        assert_eq!(en.km(Some(12_345.06)), "12345.1");
        assert_eq!(en.km(None), "");
        assert_eq!(en.km(Some(31.25)), "31.3");
    }
}
