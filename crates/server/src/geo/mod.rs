//! Places: distances, rough postcode locations (dealer assignment, the
//! simulator's routes) and the folding of names for searching (dealers,
//! geocoding).

mod postcodes;

use mijn_lexus_contract::Country;

use postcodes::{BE_REGIONS, NL_REGIONS};

/// Great-circle distance in km between two (lat, lon) points (haversine).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
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

/// Approximate centre of the region of a postcode: Belgian and Dutch ones
/// by their first two digits, every Luxembourg postcode Luxembourg City.
/// French and German postcodes are not located (no dealers there yet).
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

#[cfg(test)]
mod tests {
    use super::postcodes::{BE_REGIONS, NL_REGIONS};
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
}
