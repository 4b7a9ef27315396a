//! Address search (D3's destination search, and any place the SPA needs):
//! an offline index of the served extract's addresses, named places and
//! streets (built by scripts/map-data.sh), or a Photon-compatible HTTP
//! service for production (`GET /api?q=&limit=`, GeoJSON features).

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use mijn_lexus_contract::map::{GeocodeResult, GeocodeResults, LatLon, GEOCODE_MAX_RESULTS};
use mijn_lexus_contract::ErrorCode;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::geo::fold;
use crate::state::AppState;

/// The provider is down, too slow or answered nonsense (`geocoding_unavailable`).
#[derive(Debug, PartialEq, Eq)]
pub struct GeocodingUnavailable;

pub enum Geocoder {
    Offline(Vec<IndexEntry>),
    Photon { http: reqwest::Client, base: String },
}

/// One line of the offline index (scripts/geocode-index.py).
#[derive(Debug, Deserialize)]
pub struct IndexEntry {
    label: String,
    lat: f64,
    lon: f64,
    /// "address", "poi", "place" or "street".
    kind: String,
    #[serde(skip)]
    folded: String,
}

impl Geocoder {
    pub fn offline(path: &Path) -> anyhow::Result<Geocoder> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the geocoding index {}", path.display()))?;
        let mut entries: Vec<IndexEntry> = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a geocoding index", path.display()))?;
        entries.retain(|e| LatLon::new(e.lat, e.lon).is_some() && !e.label.trim().is_empty());
        for e in &mut entries {
            e.folded = fold(&e.label);
        }
        Ok(Geocoder::Offline(entries))
    }

    pub fn photon(base: &str, timeout: Duration) -> anyhow::Result<Geocoder> {
        let base = base.trim().trim_end_matches('/').to_owned();
        anyhow::ensure!(
            base.starts_with("http://") || base.starts_with("https://"),
            "--geocoding-url must be an http(s) URL, not {base}"
        );
        let http = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(2)))
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Geocoder::Photon { http, base })
    }

    /// Best matches first, at most [`GEOCODE_MAX_RESULTS`]; `query` is
    /// already checked (contract `parse_geocode_query`).
    pub async fn search(&self, query: &str) -> Result<Vec<GeocodeResult>, GeocodingUnavailable> {
        match self {
            Geocoder::Offline(entries) => Ok(search_index(entries, query)),
            Geocoder::Photon { http, base } => photon(http, base, query).await,
        }
    }
}

/// GET /map/geocode: the configured provider's matches for `query`,
/// counted against the user's search budget.
pub async fn search(state: &AppState, user_id: i64, query: &str) -> AppResult<GeocodeResults> {
    let geocoder = state
        .map
        .geocoder
        .as_ref()
        .ok_or(ErrorCode::GeocodingUnavailable)?;
    state
        .map
        .geocodes_per_user
        .hit(&user_id.to_string(), state.clock.now())
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    let results = geocoder
        .search(query)
        .await
        .map_err(|GeocodingUnavailable| AppError::Code(ErrorCode::GeocodingUnavailable))?;
    Ok(GeocodeResults { results })
}

/// Entries whose label contains every word of the query (case and accents
/// ignored); labels starting with the query first, then those with a word
/// starting with its first word; addresses and named places before streets;
/// shorter labels first.
fn search_index(entries: &[IndexEntry], query: &str) -> Vec<GeocodeResult> {
    let needle = fold(query);
    let words: Vec<&str> = needle
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return Vec::new();
    };
    let mut hits: Vec<(u8, u8, usize, &IndexEntry)> = entries
        .iter()
        .filter(|e| words.iter().all(|w| e.folded.contains(w)))
        .map(|e| {
            let position = if e.folded.starts_with(&needle) {
                0
            } else if e
                .folded
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(first))
            {
                1
            } else {
                2
            };
            let kind = match e.kind.as_str() {
                "address" => 0,
                "poi" => 1,
                "place" => 2,
                _ => 3,
            };
            (position, kind, e.label.chars().count(), e)
        })
        .collect();
    hits.sort_by(|a, b| (a.0, a.1, a.2, &a.3.label).cmp(&(b.0, b.1, b.2, &b.3.label)));
    hits.into_iter()
        .take(GEOCODE_MAX_RESULTS)
        .map(|(_, _, _, e)| GeocodeResult {
            label: e.label.clone(),
            location: LatLon {
                lat: e.lat,
                lon: e.lon,
            },
        })
        .collect()
}

#[derive(Deserialize)]
struct PhotonAnswer {
    features: Vec<PhotonFeature>,
}

#[derive(Deserialize)]
struct PhotonFeature {
    geometry: PhotonPoint,
    #[serde(default)]
    properties: PhotonProperties,
}

#[derive(Deserialize)]
struct PhotonPoint {
    coordinates: [f64; 2],
}

#[derive(Default, Deserialize)]
struct PhotonProperties {
    name: Option<String>,
    street: Option<String>,
    housenumber: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
}

impl PhotonProperties {
    /// "Name, Street 12, 1000 City" with what is there.
    fn label(&self) -> Option<String> {
        let street = match (&self.street, &self.housenumber) {
            (Some(s), Some(n)) => Some(format!("{s} {n}")),
            (Some(s), None) => Some(s.clone()),
            _ => None,
        };
        let town = [&self.postcode, &self.city]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let parts: Vec<String> = [self.name.clone(), street, Some(town)]
            .into_iter()
            .flatten()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

async fn photon(
    http: &reqwest::Client,
    base: &str,
    query: &str,
) -> Result<Vec<GeocodeResult>, GeocodingUnavailable> {
    // Errors are logged without their URL: it holds what the user typed.
    let limit = GEOCODE_MAX_RESULTS.to_string();
    let resp = http
        .get(format!("{base}/api"))
        .query(&[("q", query), ("limit", limit.as_str())])
        .send()
        .await
        .map_err(|e| {
            tracing::warn!(error = %e.without_url(), "geocoding provider unreachable");
            GeocodingUnavailable
        })?;
    if !resp.status().is_success() {
        tracing::warn!(status = %resp.status(), "geocoding provider refused");
        return Err(GeocodingUnavailable);
    }
    let answer: PhotonAnswer = resp.json().await.map_err(|e| {
        tracing::warn!(error = %e.without_url(), "geocoding provider answer unreadable");
        GeocodingUnavailable
    })?;
    Ok(answer
        .features
        .into_iter()
        .filter_map(|f| {
            let [lon, lat] = f.geometry.coordinates;
            Some(GeocodeResult {
                label: f.properties.label()?,
                location: LatLon::new(lat, lon)?,
            })
        })
        .take(GEOCODE_MAX_RESULTS)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(label: &str, kind: &str) -> IndexEntry {
        IndexEntry {
            label: label.into(),
            lat: 43.7,
            lon: 7.4,
            kind: kind.into(),
            folded: fold(label),
        }
    }

    #[test]
    fn offline_search_ranks_and_ignores_accents() {
        let entries = [
            entry("Boulevard des Moulins", "street"),
            entry("Pharmacie des Moulins", "poi"),
            entry("Casino de Monte Carlo", "poi"),
            entry("Place du Casino", "street"),
            entry("Avenue de la Costa 12, 98000 Monaco", "address"),
            entry("Café de Paris", "poi"),
        ];
        let labels = |q: &str| {
            search_index(&entries, q)
                .into_iter()
                .map(|r| r.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            labels("casino"),
            ["Casino de Monte Carlo", "Place du Casino"]
        );
        assert_eq!(
            labels("moulins"),
            ["Pharmacie des Moulins", "Boulevard des Moulins"]
        );
        assert_eq!(labels("CAFE paris"), ["Café de Paris"]);
        assert_eq!(labels("costa 12"), ["Avenue de la Costa 12, 98000 Monaco"]);
        assert!(labels("nowhere").is_empty());
        assert!(labels(" , ").is_empty());
    }

    #[test]
    fn photon_labels() {
        let p = PhotonProperties {
            name: Some("Grand-Place".into()),
            street: None,
            housenumber: Some("1".into()),
            postcode: Some("1000".into()),
            city: Some("Brussel".into()),
        };
        assert_eq!(p.label().as_deref(), Some("Grand-Place, 1000 Brussel"));
        assert_eq!(PhotonProperties::default().label(), None);
    }
}
