//! The dealer directory and the preferred dealer (B2).
//!
//! Without a choice, the dealer nearest to the user's postcode is assigned.
//! Postcodes are located roughly: the first two digits of a Belgian or
//! Dutch postcode map to the centre of their region (table below), every
//! Luxembourg postcode to Luxembourg City. French and German postcodes are
//! not located (no dealers there yet): no dealer is assigned.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use mijn_lexus_contract::profile::{
    ChooseDealerRequest, Dealer, DealerList, OpeningPeriod, PreferredDealer,
};
use mijn_lexus_contract::{Country, ErrorCode};
use serde::Deserialize;
use sqlx::SqlitePool;

use crate::error::{AppError, AppResult};
use crate::security::session::SignedIn;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct DealerRow {
    id: i64,
    name: String,
    street: String,
    postcode: String,
    city: String,
    country: String,
    lat: f64,
    lon: f64,
    phone: String,
    email: String,
    opening_hours: String,
}

impl DealerRow {
    fn into_dealer(self) -> Dealer {
        Dealer {
            id: self.id,
            name: self.name,
            street: self.street,
            postcode: self.postcode,
            city: self.city,
            country: Country::from_code(&self.country).unwrap_or(Country::Be),
            lat: self.lat,
            lon: self.lon,
            phone: self.phone,
            email: self.email,
            opening_hours: serde_json::from_str::<Vec<OpeningPeriod>>(&self.opening_hours)
                .unwrap_or_default(),
        }
    }
}

pub async fn all_dealers(db: &SqlitePool) -> AppResult<Vec<Dealer>> {
    let rows: Vec<DealerRow> = sqlx::query_as(
        "SELECT id, name, street, postcode, city, country, lat, lon, phone, email, opening_hours
         FROM dealers ORDER BY country, name",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(DealerRow::into_dealer).collect())
}

/// Lower case without accents, for searching ("Liège" = "liege").
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ÿ' => 'y',
            '’' => '\'',
            c => c,
        })
        .collect()
}

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

/// GET /dealers?q=: name, town or postcode contains the query (case and
/// accents ignored); all dealers without a query.
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> AppResult<Json<DealerList>> {
    let needle = fold(q.q.as_deref().unwrap_or("").trim());
    let dealers = all_dealers(&state.db)
        .await?
        .into_iter()
        .filter(|d| {
            needle.is_empty()
                || fold(&d.name).contains(&needle)
                || fold(&d.city).contains(&needle)
                || fold(&d.postcode).starts_with(&needle)
        })
        .collect();
    Ok(Json(DealerList { dealers }))
}

/// Approximate centre of the region of a postcode.
pub fn locate_postcode(postcode: &str, country: Country) -> Option<(f64, f64)> {
    let digits: String = postcode.chars().filter(char::is_ascii_digit).collect();
    let prefix: u32 = digits.get(..2)?.parse().ok()?;
    let table: &[(u32, u32, f64, f64)] = match country {
        Country::Be => BE_REGIONS,
        Country::Nl => NL_REGIONS,
        Country::Lu => return Some((49.6116, 6.1319)),
        Country::Fr | Country::De => return None,
    };
    table
        .iter()
        .find(|(lo, hi, _, _)| (*lo..=*hi).contains(&prefix))
        .map(|&(_, _, lat, lon)| (lat, lon))
}

/// Great-circle distance in km.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// The user's chosen dealer, or the nearest to their postcode.
pub async fn preferred(state: &AppState, user_id: i64) -> AppResult<PreferredDealer> {
    let (chosen, postcode, country): (Option<i64>, String, String) =
        sqlx::query_as("SELECT preferred_dealer_id, postcode, country FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&state.db)
            .await?
            .ok_or(AppError::Code(ErrorCode::Unauthenticated))?;
    let dealers = all_dealers(&state.db).await?;
    let home = Country::from_code(&country).and_then(|c| locate_postcode(&postcode, c));
    if let Some(d) = chosen.and_then(|id| dealers.iter().find(|d| d.id == id)) {
        return Ok(PreferredDealer {
            distance_km: home.map(|h| round1(distance_km(h, (d.lat, d.lon)))),
            dealer: Some(d.clone()),
            assigned: false,
        });
    }
    let nearest = home.and_then(|h| {
        dealers
            .into_iter()
            .map(|d| (distance_km(h, (d.lat, d.lon)), d))
            .min_by(|a, b| a.0.total_cmp(&b.0))
    });
    Ok(match nearest {
        Some((km, d)) => PreferredDealer {
            dealer: Some(d),
            assigned: true,
            distance_km: Some(round1(km)),
        },
        None => PreferredDealer {
            dealer: None,
            assigned: false,
            distance_km: None,
        },
    })
}

fn round1(km: f64) -> f64 {
    (km * 10.0).round() / 10.0
}

/// GET /profile/dealer
pub async fn get_preferred(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<PreferredDealer>> {
    Ok(Json(preferred(&state, session.user_id).await?))
}

/// PUT /profile/dealer: choose (422 `dealer_unknown` on field `dealer_id`).
pub async fn choose(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    crate::routes::ApiJson(req): crate::routes::ApiJson<ChooseDealerRequest>,
) -> AppResult<Json<PreferredDealer>> {
    let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM dealers WHERE id = ?")
        .bind(req.dealer_id)
        .fetch_optional(&state.db)
        .await?;
    if exists.is_none() {
        return Err(AppError::field("dealer_id", ErrorCode::DealerUnknown));
    }
    sqlx::query("UPDATE users SET preferred_dealer_id = ?, updated_at = ? WHERE id = ?")
        .bind(req.dealer_id)
        .bind(state.clock.unix())
        .bind(session.user_id)
        .execute(&state.db)
        .await?;
    Ok(Json(preferred(&state, session.user_id).await?))
}

/// DELETE /profile/dealer: back to the assigned (nearest) dealer.
pub async fn clear(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<StatusCode> {
    sqlx::query("UPDATE users SET preferred_dealer_id = NULL, updated_at = ? WHERE id = ?")
        .bind(state.clock.unix())
        .bind(session.user_id)
        .execute(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Belgian postcode prefixes (first two digits, ranges) to region centres.
const BE_REGIONS: &[(u32, u32, f64, f64)] = &[
    (10, 12, 50.8466, 4.3528), // Brussel
    (13, 13, 50.7170, 4.6110), // Wavre
    (14, 14, 50.5980, 4.3280), // Nivelles
    (15, 16, 50.7340, 4.2400), // Halle
    (17, 17, 50.8850, 4.2000), // Asse
    (18, 18, 50.9280, 4.4250), // Vilvoorde
    (19, 19, 50.8850, 4.4700), // Zaventem
    (20, 21, 51.2194, 4.4025), // Antwerpen
    (22, 22, 51.1760, 4.8350), // Herentals
    (23, 23, 51.3230, 4.9450), // Turnhout
    (24, 24, 51.1910, 5.1160), // Mol
    (25, 25, 51.1320, 4.5700), // Lier
    (26, 27, 51.1650, 4.4300), // Edegem, Mortsel
    (28, 28, 51.0259, 4.4776), // Mechelen
    (29, 29, 51.2900, 4.4900), // Brasschaat
    (30, 30, 50.8798, 4.7005), // Leuven
    (31, 31, 50.9800, 4.6400), // Haacht
    (32, 32, 50.9870, 4.8370), // Aarschot
    (33, 33, 50.8070, 4.9380), // Tienen
    (34, 34, 50.7470, 5.0800), // Landen
    (35, 35, 50.9307, 5.3325), // Hasselt
    (36, 36, 50.9650, 5.5000), // Genk
    (37, 37, 50.7800, 5.4640), // Tongeren
    (38, 38, 50.8160, 5.1860), // Sint-Truiden
    (39, 39, 51.2000, 5.4000), // Pelt
    (40, 41, 50.6326, 5.5797), // Liège
    (42, 43, 50.6980, 5.2550), // Waremme
    (44, 44, 50.5800, 5.4500), // Flémalle
    (45, 45, 50.5190, 5.2390), // Huy
    (46, 46, 50.6400, 5.7900), // Herve
    (47, 47, 50.6280, 6.0330), // Eupen
    (48, 48, 50.5890, 5.8620), // Verviers
    (49, 49, 50.4900, 5.8660), // Spa
    (50, 51, 50.4674, 4.8718), // Namur
    (52, 54, 50.2940, 5.1000), // Ciney
    (55, 55, 50.2610, 4.9120), // Dinant
    (56, 57, 50.2020, 4.5430), // Philippeville
    (58, 59, 50.4400, 4.6200), // Sambreville
    (60, 61, 50.4108, 4.4446), // Charleroi
    (62, 63, 50.4700, 4.4400), // Fleurus
    (64, 64, 50.1000, 4.3300), // Chimay
    (65, 65, 50.4100, 4.1700), // Binche
    (66, 66, 50.0000, 5.7150), // Bastogne
    (67, 67, 49.6830, 5.8160), // Arlon
    (68, 68, 49.9200, 5.3800), // Libramont
    (69, 69, 50.2270, 5.3440), // Marche-en-Famenne
    (70, 70, 50.4542, 3.9523), // Mons
    (71, 71, 50.4800, 4.1900), // La Louvière
    (72, 73, 50.4300, 3.8000), // Boussu
    (74, 74, 50.5800, 4.0700), // Soignies
    (75, 75, 50.6060, 3.3880), // Tournai
    (76, 76, 50.5100, 3.5900), // Péruwelz
    (77, 77, 50.7440, 3.2140), // Mouscron
    (78, 79, 50.6290, 3.7780), // Ath
    (80, 80, 51.2093, 3.2247), // Brugge
    (81, 82, 51.0650, 3.1000), // Torhout
    (83, 83, 51.3390, 3.2860), // Knokke
    (84, 84, 51.2154, 2.9270), // Oostende
    (85, 85, 50.8280, 3.2650), // Kortrijk
    (86, 86, 51.0570, 2.7330), // Veurne, Diksmuide
    (87, 88, 50.9470, 3.1230), // Roeselare
    (89, 89, 50.8510, 2.8860), // Ieper
    (90, 90, 51.0543, 3.7174), // Gent
    (91, 91, 51.1650, 4.1430), // Sint-Niklaas
    (92, 92, 51.0280, 4.1010), // Dendermonde
    (93, 93, 50.9370, 4.0400), // Aalst
    (94, 94, 50.8280, 4.0200), // Ninove
    (95, 95, 50.7730, 3.8820), // Geraardsbergen
    (96, 97, 50.8450, 3.6050), // Oudenaarde
    (98, 98, 50.9860, 3.5270), // Deinze
    (99, 99, 51.1850, 3.5620), // Eeklo
];

/// Dutch postcode prefixes (first two digits, ranges) to region centres.
const NL_REGIONS: &[(u32, u32, f64, f64)] = &[
    (10, 11, 52.3676, 4.9041), // Amsterdam
    (12, 12, 52.2230, 5.1760), // Hilversum
    (13, 13, 52.3700, 5.2140), // Almere
    (14, 14, 52.5020, 4.9600), // Purmerend
    (15, 15, 52.4390, 4.8260), // Zaandam
    (16, 16, 52.6420, 5.0600), // Hoorn
    (17, 17, 52.8200, 4.8000), // Heerhugowaard
    (18, 18, 52.6320, 4.7530), // Alkmaar
    (19, 19, 52.4850, 4.6600), // Beverwijk
    (20, 20, 52.3874, 4.6462), // Haarlem
    (21, 21, 52.3030, 4.6900), // Hoofddorp
    (22, 23, 52.1601, 4.4970), // Leiden
    (24, 24, 52.1290, 4.6560), // Alphen aan den Rijn
    (25, 25, 52.0705, 4.3007), // Den Haag
    (26, 26, 52.0116, 4.3571), // Delft
    (27, 27, 52.0600, 4.4940), // Zoetermeer
    (28, 28, 52.0170, 4.7080), // Gouda
    (29, 29, 51.9250, 4.5800), // Capelle aan den IJssel
    (30, 31, 51.9244, 4.4777), // Rotterdam
    (32, 32, 51.8450, 4.3290), // Spijkenisse
    (33, 33, 51.8133, 4.6901), // Dordrecht
    (34, 34, 52.0300, 5.0800), // Nieuwegein
    (35, 35, 52.0907, 5.1214), // Utrecht
    (36, 36, 52.1400, 5.0400), // Maarssen
    (37, 37, 52.0900, 5.2330), // Zeist
    (38, 38, 52.1561, 5.3878), // Amersfoort
    (39, 39, 52.0280, 5.5550), // Veenendaal
    (40, 40, 51.8870, 5.4300), // Tiel
    (41, 41, 51.9550, 5.2270), // Culemborg
    (42, 42, 51.8300, 4.9740), // Gorinchem
    (43, 43, 51.4988, 3.6110), // Middelburg
    (44, 44, 51.5040, 3.8880), // Goes
    (45, 45, 51.3350, 3.8280), // Terneuzen
    (46, 46, 51.4940, 4.2870), // Bergen op Zoom
    (47, 47, 51.5300, 4.4650), // Roosendaal
    (48, 48, 51.5719, 4.7683), // Breda
    (49, 49, 51.6450, 4.8600), // Oosterhout
    (50, 50, 51.5555, 5.0913), // Tilburg
    (51, 51, 51.6870, 5.0700), // Waalwijk
    (52, 52, 51.6978, 5.3037), // 's-Hertogenbosch
    (53, 53, 51.7650, 5.5180), // Oss
    (54, 54, 51.6600, 5.6200), // Uden
    (55, 56, 51.4416, 5.4697), // Eindhoven
    (57, 57, 51.4790, 5.6570), // Helmond
    (58, 58, 51.5250, 5.9750), // Venray
    (59, 59, 51.3700, 6.1720), // Venlo
    (60, 60, 51.2510, 5.7070), // Weert
    (61, 61, 51.0000, 5.8690), // Sittard
    (62, 62, 50.8514, 5.6910), // Maastricht
    (63, 64, 50.8880, 5.9800), // Heerlen
    (65, 65, 51.8126, 5.8372), // Nijmegen
    (66, 66, 51.8090, 5.7230), // Wijchen
    (67, 67, 52.0400, 5.6650), // Ede
    (68, 68, 51.9851, 5.8987), // Arnhem
    (69, 69, 51.9280, 6.0750), // Zevenaar
    (70, 70, 51.9650, 6.2890), // Doetinchem
    (71, 71, 51.9700, 6.7200), // Winterswijk
    (72, 72, 52.1380, 6.2010), // Zutphen
    (73, 73, 52.2112, 5.9699), // Apeldoorn
    (74, 74, 52.2550, 6.1630), // Deventer
    (75, 75, 52.2215, 6.8937), // Enschede
    (76, 76, 52.3570, 6.6620), // Almelo
    (77, 77, 52.5750, 6.6190), // Hardenberg
    (78, 78, 52.7850, 6.8970), // Emmen
    (79, 79, 52.7230, 6.4760), // Hoogeveen
    (80, 80, 52.5168, 6.0830), // Zwolle
    (81, 81, 52.3900, 6.2760), // Raalte
    (82, 82, 52.5185, 5.4714), // Lelystad
    (83, 83, 52.7100, 5.7500), // Emmeloord
    (84, 84, 52.9590, 5.9200), // Heerenveen
    (85, 87, 53.0330, 5.6590), // Sneek
    (88, 88, 53.1740, 5.4220), // Harlingen
    (89, 90, 53.2012, 5.7999), // Leeuwarden
    (91, 91, 53.3260, 5.9980), // Dokkum
    (92, 92, 53.1080, 6.0990), // Drachten
    (93, 94, 52.9925, 6.5649), // Assen
    (95, 95, 52.9900, 6.9500), // Stadskanaal
    (96, 96, 53.1600, 6.7600), // Hoogezand
    (97, 98, 53.2194, 6.5665), // Groningen
    (99, 99, 53.3200, 6.8600), // Appingedam
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_located_by_region() {
        let antwerp = locate_postcode("2018", Country::Be).unwrap();
        assert!(distance_km(antwerp, (51.2194, 4.4025)) < 1.0);
        let utrecht = locate_postcode("3511 AB", Country::Nl).unwrap();
        assert!(distance_km(utrecht, (52.09, 5.12)) < 2.0);
        assert!(locate_postcode("L-1234", Country::Lu).is_some());
        assert!(locate_postcode("75001", Country::Fr).is_none());
        assert!(locate_postcode("", Country::Be).is_none());
    }

    #[test]
    fn every_prefix_is_covered() {
        for p in 10..=99 {
            assert!(
                NL_REGIONS
                    .iter()
                    .any(|(lo, hi, _, _)| (*lo..=*hi).contains(&p)),
                "NL {p}"
            );
            assert!(
                BE_REGIONS
                    .iter()
                    .any(|(lo, hi, _, _)| (*lo..=*hi).contains(&p)),
                "BE {p}"
            );
        }
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Liège"), "liege");
        assert!(fold("Lexus Liège").contains(&fold("LIEGE")));
    }
}
