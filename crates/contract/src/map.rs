//! Maps (D1 find my car, D2 car to door): what the SPA needs to draw a map
//! and the walking routes the server computes.
//!
//! The server talks to the map providers (tiles, routing, geocoding); the
//! browser only talks to the server, so the CSP stays tight and provider keys
//! stay secret. Routes are language-neutral: a step is a maneuver kind, a
//! modifier and a street name, and the SPA writes the sentence in the user's
//! language ("Sla linksaf de Boulevard Albert 1er in").
//!
//! Distances are metres, durations seconds, coordinates WGS 84 degrees.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::vehicle::Place;
use crate::{ErrorCode, FieldError};

/// The attribution OpenStreetMap's licence (ODbL) requires wherever its data
/// is shown (tiles, routes, addresses).
pub const OSM_ATTRIBUTION: &str = "© OpenStreetMap contributors";

/// Beyond this straight-line distance between the user and the car no
/// walking route is computed (`too_far_to_walk`); the car's position is still
/// shown and the hand-off links to other apps still work.
pub const MAX_WALK_STRAIGHT_LINE_M: f64 = 20_000.0;

/// A geocoding query: at least this many characters (after trimming) ...
pub const GEOCODE_QUERY_MIN_CHARS: usize = 2;
/// ... and at most this many.
pub const GEOCODE_QUERY_MAX_CHARS: usize = 200;
/// At most this many geocoding results are returned.
pub const GEOCODE_MAX_RESULTS: usize = 10;

/// A point, WGS 84 degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    /// A valid point: finite, latitude in [-90, 90], longitude in [-180, 180].
    pub fn new(lat: f64, lon: f64) -> Option<LatLon> {
        (lat.is_finite()
            && lon.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon))
        .then_some(LatLon { lat, lon })
    }

    /// Parses a coordinate pair from query parameters (`from_lat`,
    /// `from_lon`): each field missing (`required`), not a number
    /// (`invalid_value`) or outside its range (`out_of_range`) is named.
    pub fn parse_query(
        lat: Option<&str>,
        lon: Option<&str>,
        lat_field: &str,
        lon_field: &str,
    ) -> Result<LatLon, Vec<FieldError>> {
        let one = |raw: Option<&str>, max: f64, field: &str| -> Result<f64, FieldError> {
            let raw = raw.map(str::trim).unwrap_or_default();
            if raw.is_empty() {
                return Err(FieldError::new(field, ErrorCode::Required));
            }
            let v: f64 = raw
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| FieldError::new(field, ErrorCode::InvalidValue))?;
            if (-max..=max).contains(&v) {
                Ok(v)
            } else {
                Err(FieldError::new(field, ErrorCode::OutOfRange))
            }
        };
        match (one(lat, 90.0, lat_field), one(lon, 180.0, lon_field)) {
            (Ok(lat), Ok(lon)) => Ok(LatLon { lat, lon }),
            (a, b) => Err([a.err(), b.err()].into_iter().flatten().collect()),
        }
    }

    /// Great-circle distance in metres (haversine, mean Earth radius).
    pub fn distance_m(self, other: LatLon) -> f64 {
        const R: f64 = 6_371_008.8;
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * R * a.sqrt().asin()
    }
}

/// A rectangle on the map.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl Bounds {
    pub fn contains(&self, p: LatLon) -> bool {
        (self.south..=self.north).contains(&p.lat) && (self.west..=self.east).contains(&p.lon)
    }
}

/// Where the map's tiles come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TileSource {
    /// Mapbox vector tiles (gzip-compressed PBF) in the OpenMapTiles schema
    /// (layers `transportation`, `transportation_name`, `building`, `water`,
    /// `waterway`, `landuse`, `landcover`, `park`, `poi`, `place`, ...).
    /// `url` is a template with `{z}`, `{x}`, `{y}` on our own origin
    /// (outside the API base), e.g. `/tiles/{z}/{x}/{y}.pbf`.
    Vector {
        url: String,
        min_zoom: u8,
        max_zoom: u8,
    },
    /// Raster tiles (PNG/JPEG) of a hosted provider, fetched through our
    /// server: `/tiles/{z}/{x}/{y}.png`.
    Raster {
        url: String,
        min_zoom: u8,
        max_zoom: u8,
    },
}

/// GET /map/config: how the SPA draws maps and what the server can compute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapConfig {
    /// `None`: no tile provider configured; the SPA draws only the world
    /// background and the markers.
    pub tiles: Option<TileSource>,
    /// Texts to show on every map (e.g. [`OSM_ATTRIBUTION`]); never empty
    /// when `tiles` is set.
    pub attribution: Vec<String>,
    /// The area the served tiles cover (an offline extract); `None` when the
    /// provider covers the world.
    pub region: Option<Bounds>,
    /// URL of a low-zoom world outline (GeoJSON `FeatureCollection` of land
    /// polygons, Natural Earth) drawn under the tiles so that places outside
    /// `region` are not blank; `None` when not configured.
    pub world_background_url: Option<String>,
    /// Walking routes can be computed (D1, D2).
    pub routing: bool,
    /// Address search is available ([`routes::MAP_GEOCODE`](crate::routes::MAP_GEOCODE)).
    pub geocoding: bool,
}

/// What a step asks the walker to do (OSRM's `maneuver.type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Maneuver {
    /// The first step: set off along `street`.
    Depart,
    /// The last step: the destination is reached.
    Arrive,
    Turn,
    /// Go on (possibly bending, see the modifier).
    Continue,
    /// The road keeps going but its name changes.
    NewName,
    Merge,
    OnRamp,
    OffRamp,
    Fork,
    /// The road ends (T-junction): turn as the modifier says.
    EndOfRoad,
    /// Enter a roundabout; `exit` says which exit to take.
    Roundabout,
    /// Leave the roundabout.
    ExitRoundabout,
    /// Anything the router reports that is not a change of direction
    /// (OSRM `notification`, `use lane` and unknown types): keep going.
    Keep,
}

impl Maneuver {
    /// OSRM's `maneuver.type`; large rotaries count as roundabouts, and
    /// unknown or future types as [`Maneuver::Keep`].
    pub fn from_osrm(kind: &str) -> Maneuver {
        match kind {
            "depart" => Maneuver::Depart,
            "arrive" => Maneuver::Arrive,
            "turn" => Maneuver::Turn,
            "continue" => Maneuver::Continue,
            "new name" => Maneuver::NewName,
            "merge" => Maneuver::Merge,
            "on ramp" | "ramp" => Maneuver::OnRamp,
            "off ramp" => Maneuver::OffRamp,
            "fork" => Maneuver::Fork,
            "end of road" => Maneuver::EndOfRoad,
            "roundabout" | "rotary" | "roundabout turn" => Maneuver::Roundabout,
            "exit roundabout" | "exit rotary" => Maneuver::ExitRoundabout,
            _ => Maneuver::Keep,
        }
    }
}

/// Which way (OSRM's `maneuver.modifier`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modifier {
    Uturn,
    SharpRight,
    Right,
    SlightRight,
    Straight,
    SlightLeft,
    Left,
    SharpLeft,
}

impl Modifier {
    pub fn from_osrm(modifier: &str) -> Option<Modifier> {
        Some(match modifier {
            "uturn" => Modifier::Uturn,
            "sharp right" => Modifier::SharpRight,
            "right" => Modifier::Right,
            "slight right" => Modifier::SlightRight,
            "straight" => Modifier::Straight,
            "slight left" => Modifier::SlightLeft,
            "left" => Modifier::Left,
            "sharp left" => Modifier::SharpLeft,
            _ => return None,
        })
    }
}

/// One instruction of a walking route: do `maneuver` (`modifier`) at
/// `location` onto `street`, then walk `distance_m` / `duration_s` until the
/// next step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RouteStep {
    pub maneuver: Maneuver,
    pub modifier: Option<Modifier>,
    /// For [`Maneuver::Roundabout`]: the exit to take, counted from 1.
    pub exit: Option<u8>,
    /// The street walked after this step; `None` for unnamed paths.
    pub street: Option<String>,
    pub distance_m: f64,
    pub duration_s: f64,
    pub location: LatLon,
}

/// A walking route along streets, computed by the routing provider.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalkingRoute {
    pub distance_m: f64,
    pub duration_s: f64,
    /// The line to draw, from start to end.
    pub geometry: Vec<LatLon>,
    /// At least a `depart` and an `arrive` step.
    pub steps: Vec<RouteStep>,
}

/// GET /vehicles/{vin}/walk?from_lat=&from_lon= (D1): from the user's
/// position (the browser's, sent only for this request, never stored) to
/// the parked car.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalkToCar {
    pub from: LatLon,
    pub parked: Place,
    pub parked_at: DateTime<Utc>,
    pub route: WalkingRoute,
}

/// GET /vehicles/{vin}/car-to-door (D2): from where the car was parked to
/// the final destination its navigation had.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CarToDoor {
    pub parked: Place,
    pub parked_at: DateTime<Utc>,
    pub destination: Place,
    pub route: WalkingRoute,
}

/// One address or named place found by GET /map/geocode?q=.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeocodeResult {
    /// "Boulevard Albert 1er 4, Monaco"
    pub label: String,
    pub location: LatLon,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeocodeResults {
    /// Best match first; at most [`GEOCODE_MAX_RESULTS`].
    pub results: Vec<GeocodeResult>,
}

/// A geocoding query, trimmed: `required` when shorter than
/// [`GEOCODE_QUERY_MIN_CHARS`], `too_long` over [`GEOCODE_QUERY_MAX_CHARS`].
pub fn parse_geocode_query(raw: Option<&str>) -> Result<String, ErrorCode> {
    let q = raw.map(str::trim).unwrap_or_default();
    let n = q.chars().count();
    if n < GEOCODE_QUERY_MIN_CHARS {
        Err(ErrorCode::Required)
    } else if n > GEOCODE_QUERY_MAX_CHARS {
        Err(ErrorCode::TooLong)
    } else {
        Ok(q.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_checked_per_field() {
        assert_eq!(
            LatLon::parse_query(Some("43.7384"), Some(" 7.4246 "), "a", "b"),
            Ok(LatLon {
                lat: 43.7384,
                lon: 7.4246
            })
        );
        let codes = |lat, lon| {
            LatLon::parse_query(lat, lon, "from_lat", "from_lon")
                .unwrap_err()
                .into_iter()
                .map(|f| (f.field, f.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(None, Some("x")),
            [
                ("from_lat".to_owned(), ErrorCode::Required),
                ("from_lon".to_owned(), ErrorCode::InvalidValue)
            ]
        );
        assert_eq!(
            codes(Some("90.5"), Some("NaN")),
            [
                ("from_lat".to_owned(), ErrorCode::OutOfRange),
                ("from_lon".to_owned(), ErrorCode::InvalidValue)
            ]
        );
        assert_eq!(
            codes(Some("1"), Some("-180.01")),
            [("from_lon".to_owned(), ErrorCode::OutOfRange)]
        );
        assert!(LatLon::new(f64::INFINITY, 0.0).is_none());
    }

    #[test]
    fn distance_is_haversine() {
        // Monaco casino to the port, about 500 m.
        let casino = LatLon::new(43.7393, 7.4277).unwrap();
        let port = LatLon::new(43.7350, 7.4222).unwrap();
        let d = casino.distance_m(port);
        assert!((600.0..700.0).contains(&d), "{d}");
        // Brussels to Monaco, about 830 km.
        let brussels = LatLon::new(50.8467, 4.3525).unwrap();
        assert!((820_000.0..840_000.0).contains(&brussels.distance_m(port)));
    }

    #[test]
    fn osrm_names_map_to_the_enums() {
        assert_eq!(Maneuver::from_osrm("end of road"), Maneuver::EndOfRoad);
        assert_eq!(Maneuver::from_osrm("rotary"), Maneuver::Roundabout);
        assert_eq!(Maneuver::from_osrm("exit rotary"), Maneuver::ExitRoundabout);
        assert_eq!(Maneuver::from_osrm("use lane"), Maneuver::Keep);
        assert_eq!(Maneuver::from_osrm("something new"), Maneuver::Keep);
        assert_eq!(
            Modifier::from_osrm("slight left"),
            Some(Modifier::SlightLeft)
        );
        assert_eq!(Modifier::from_osrm("sideways"), None);
        assert_eq!(
            serde_json::to_value(Maneuver::EndOfRoad).unwrap(),
            "end_of_road"
        );
        assert_eq!(
            serde_json::to_value(Modifier::SharpRight).unwrap(),
            "sharp_right"
        );
    }

    #[test]
    fn tile_source_is_tagged() {
        let v = serde_json::to_value(TileSource::Vector {
            url: "/tiles/{z}/{x}/{y}.pbf".into(),
            min_zoom: 0,
            max_zoom: 14,
        })
        .unwrap();
        assert_eq!(v["kind"], "vector");
        assert_eq!(v["max_zoom"], 14);
    }

    #[test]
    fn geocode_query_is_bounded() {
        assert_eq!(parse_geocode_query(Some(" x ")), Err(ErrorCode::Required));
        assert_eq!(parse_geocode_query(None), Err(ErrorCode::Required));
        assert_eq!(
            parse_geocode_query(Some(&"a".repeat(201))),
            Err(ErrorCode::TooLong)
        );
        assert_eq!(
            parse_geocode_query(Some(" Casino ")).as_deref(),
            Ok("Casino")
        );
    }
}
