//! The routing provider: an OSRM-compatible HTTP service
//! (`GET /route/v1/{profile}/{lon},{lat};{lon},{lat}`), mapped to the
//! contract's language-neutral [`WalkingRoute`].

use std::time::Duration;

use mijn_lexus_contract::map::{LatLon, Maneuver, Modifier, RouteStep, WalkingRoute};
use mijn_lexus_contract::ErrorCode;
use serde::Deserialize;

/// Why no route came back; each maps to a stable code, never to a 500.
#[derive(Debug, PartialEq, Eq)]
pub enum RoutingError {
    /// The provider answered: no walkable connection (`no_route`).
    NoRoute,
    /// The provider is down, too slow or answered nonsense (`routing_unavailable`).
    Unavailable,
}

impl From<RoutingError> for ErrorCode {
    fn from(e: RoutingError) -> ErrorCode {
        match e {
            RoutingError::NoRoute => ErrorCode::NoRoute,
            RoutingError::Unavailable => ErrorCode::RoutingUnavailable,
        }
    }
}

/// How far a start or end may be from the nearest walkable way, in metres.
pub const SNAP_RADIUS_M: u32 = 500;

pub struct Router {
    http: reqwest::Client,
    base: String,
    profile: String,
}

impl Router {
    pub fn new(base: &str, profile: &str, timeout: Duration) -> anyhow::Result<Router> {
        let base = base.trim().trim_end_matches('/').to_owned();
        anyhow::ensure!(
            base.starts_with("http://") || base.starts_with("https://"),
            "--routing-url must be an http(s) URL, not {base}"
        );
        anyhow::ensure!(
            !profile.is_empty()
                && profile
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "--routing-profile must be a plain name"
        );
        let http = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(2)))
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Router {
            http,
            base,
            profile: profile.to_owned(),
        })
    }

    /// A walking route from `from` to `to`.
    pub async fn walk(&self, from: LatLon, to: LatLon) -> Result<WalkingRoute, RoutingError> {
        // Coordinates are validated numbers, formatted here: nothing of the
        // request reaches the URL as text. A point farther than
        // SNAP_RADIUS_M from any path (at sea, outside the extract) is not
        // moved onto one: `NoSegment`.
        let url = format!(
            "{}/route/v1/{}/{:.6},{:.6};{:.6},{:.6}?overview=full&geometries=geojson&steps=true&radiuses={SNAP_RADIUS_M};{SNAP_RADIUS_M}",
            self.base, self.profile, from.lon, from.lat, to.lon, to.lat
        );
        // Errors are logged without their URL: it holds the user's position.
        let resp = self.http.get(&url).send().await.map_err(|e| {
            tracing::warn!(error = %e.without_url(), "routing provider unreachable");
            RoutingError::Unavailable
        })?;
        let status = resp.status();
        let body = resp.bytes().await.map_err(|e| {
            tracing::warn!(error = %e.without_url(), "routing provider answer incomplete");
            RoutingError::Unavailable
        })?;
        let answer: OsrmAnswer = serde_json::from_slice(&body).map_err(|e| {
            tracing::warn!(%status, error = %e, "routing provider answer unreadable");
            RoutingError::Unavailable
        })?;
        to_route(answer)
    }
}

#[derive(Deserialize)]
struct OsrmAnswer {
    code: String,
    #[serde(default)]
    routes: Vec<OsrmRoute>,
}

#[derive(Deserialize)]
struct OsrmRoute {
    distance: f64,
    duration: f64,
    geometry: OsrmGeometry,
    #[serde(default)]
    legs: Vec<OsrmLeg>,
}

#[derive(Deserialize)]
struct OsrmGeometry {
    coordinates: Vec<[f64; 2]>,
}

#[derive(Deserialize)]
struct OsrmLeg {
    #[serde(default)]
    steps: Vec<OsrmStep>,
}

#[derive(Deserialize)]
struct OsrmStep {
    distance: f64,
    duration: f64,
    #[serde(default)]
    name: String,
    maneuver: OsrmManeuver,
}

#[derive(Deserialize)]
struct OsrmManeuver {
    #[serde(rename = "type")]
    kind: String,
    modifier: Option<String>,
    location: [f64; 2],
    exit: Option<u32>,
}

fn point([lon, lat]: [f64; 2]) -> Result<LatLon, RoutingError> {
    LatLon::new(lat, lon).ok_or(RoutingError::Unavailable)
}

fn to_route(answer: OsrmAnswer) -> Result<WalkingRoute, RoutingError> {
    match answer.code.as_str() {
        "Ok" => {}
        // No walkable connection, or a point too far from any path.
        "NoRoute" | "NoSegment" => return Err(RoutingError::NoRoute),
        other => {
            tracing::warn!(code = other, "routing provider refused the request");
            return Err(RoutingError::Unavailable);
        }
    }
    let route = answer
        .routes
        .into_iter()
        .next()
        .ok_or(RoutingError::NoRoute)?;
    let finite = |v: f64| {
        v.is_finite()
            .then_some(v.max(0.0))
            .ok_or(RoutingError::Unavailable)
    };
    let geometry = route
        .geometry
        .coordinates
        .into_iter()
        .map(point)
        .collect::<Result<Vec<_>, _>>()?;
    let steps = route
        .legs
        .into_iter()
        .flat_map(|leg| leg.steps)
        .map(|s| {
            let maneuver = Maneuver::from_osrm(&s.maneuver.kind);
            Ok(RouteStep {
                maneuver,
                modifier: s.maneuver.modifier.as_deref().and_then(Modifier::from_osrm),
                exit: s
                    .maneuver
                    .exit
                    .filter(|_| maneuver == Maneuver::Roundabout)
                    .and_then(|e| u8::try_from(e).ok()),
                street: Some(s.name.trim().to_owned()).filter(|n| !n.is_empty()),
                distance_m: finite(s.distance)?,
                duration_s: finite(s.duration)?,
                location: point(s.maneuver.location)?,
            })
        })
        .collect::<Result<Vec<_>, RoutingError>>()?;
    if geometry.is_empty() || steps.is_empty() {
        return Err(RoutingError::Unavailable);
    }
    Ok(WalkingRoute {
        distance_m: finite(route.distance)?,
        duration_s: finite(route.duration)?,
        geometry,
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(json: &str) -> Result<WalkingRoute, RoutingError> {
        to_route(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn osrm_answers_map_to_the_contract() {
        let route = answer(
            r#"{"code":"Ok","routes":[{"distance":120.5,"duration":90.1,
                "geometry":{"type":"LineString","coordinates":[[7.42,43.73],[7.421,43.731]]},
                "legs":[{"steps":[
                  {"distance":100,"duration":70,"name":"Boulevard Albert 1er","mode":"walking",
                   "maneuver":{"type":"depart","location":[7.42,43.73],"bearing_after":10}},
                  {"distance":20.5,"duration":20.1,"name":"","mode":"walking",
                   "maneuver":{"type":"roundabout","modifier":"slight right","exit":2,"location":[7.4205,43.7305]}},
                  {"distance":0,"duration":0,"name":"","mode":"walking",
                   "maneuver":{"type":"arrive","modifier":"left","location":[7.421,43.731]}}]}]}],
                "waypoints":[]}"#,
        )
        .unwrap();
        assert_eq!(route.distance_m, 120.5);
        assert_eq!(
            route.geometry[1],
            LatLon {
                lat: 43.731,
                lon: 7.421
            }
        );
        assert_eq!(route.steps.len(), 3);
        assert_eq!(route.steps[0].maneuver, Maneuver::Depart);
        assert_eq!(
            route.steps[0].street.as_deref(),
            Some("Boulevard Albert 1er")
        );
        assert_eq!(route.steps[1].maneuver, Maneuver::Roundabout);
        assert_eq!(route.steps[1].exit, Some(2));
        assert_eq!(route.steps[1].modifier, Some(Modifier::SlightRight));
        assert_eq!(route.steps[1].street, None);
        assert_eq!(route.steps[2].maneuver, Maneuver::Arrive);
    }

    #[test]
    fn refusals_have_their_codes() {
        assert_eq!(
            answer(r#"{"code":"NoRoute","message":"x"}"#),
            Err(RoutingError::NoRoute)
        );
        assert_eq!(
            answer(r#"{"code":"NoSegment"}"#),
            Err(RoutingError::NoRoute)
        );
        assert_eq!(
            answer(r#"{"code":"TooBig"}"#),
            Err(RoutingError::Unavailable)
        );
        assert_eq!(
            answer(r#"{"code":"Ok","routes":[]}"#),
            Err(RoutingError::NoRoute)
        );
        assert_eq!(
            answer(
                r#"{"code":"Ok","routes":[{"distance":1,"duration":1,"geometry":{"coordinates":[[999,0]]},"legs":[]}]}"#
            ),
            Err(RoutingError::Unavailable)
        );
    }
}
