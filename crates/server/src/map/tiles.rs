//! Vector tiles from an MBTiles file (SQLite; github.com/mapbox/mbtiles-spec):
//! rows are numbered from the south (TMS), tile data is gzip-compressed PBF.

use std::path::Path;
use std::str::FromStr;

use anyhow::Context;
use axum::body::Bytes;
use mijn_lexus_contract::map::Bounds;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

/// The deepest zoom any tile set has (2^30 tiles a side fits in u32).
pub const MAX_ZOOM: u8 = 30;

/// The media type of a Mapbox vector tile.
pub const VECTOR_TILE_TYPE: &str = "application/vnd.mapbox-vector-tile";

/// One tile as it is sent to the browser.
pub struct Tile {
    pub data: Bytes,
    pub content_type: String,
    /// The data is gzip-compressed (`Content-Encoding: gzip`).
    pub gzip: bool,
}

pub struct TileStore {
    db: SqlitePool,
    pub min_zoom: u8,
    pub max_zoom: u8,
    /// The area covered (metadata `bounds`), when the file says.
    pub bounds: Option<Bounds>,
}

impl TileStore {
    pub async fn open(path: &Path) -> anyhow::Result<TileStore> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .immutable(true);
        let db = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open the MBTiles file {}", path.display()))?;
        let meta: Vec<(String, String)> = sqlx::query_as("SELECT name, value FROM metadata")
            .fetch_all(&db)
            .await
            .with_context(|| format!("{} is not an MBTiles file", path.display()))?;
        let get = |name: &str| {
            meta.iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let zoom = |name: &str, default: u8| {
            get(name)
                .and_then(|v| v.trim().parse::<u8>().ok())
                .unwrap_or(default)
                .min(MAX_ZOOM)
        };
        let min_zoom = zoom("minzoom", 0);
        let max_zoom = zoom("maxzoom", 14).max(min_zoom);
        Ok(TileStore {
            db,
            min_zoom,
            max_zoom,
            bounds: get("bounds").and_then(parse_bounds),
        })
    }

    /// The stored bytes of tile z/x/y (XYZ numbering, as Leaflet asks); an
    /// empty tile where the set has nothing (the sea, places outside the
    /// extract: renderers draw an empty body as a tile without layers);
    /// `None` when the address is not one of its tiles (not numbers, zoom
    /// out of the set's range, x or y beyond the zoom's grid).
    pub async fn tile(&self, z: &str, x: &str, y: &str) -> anyhow::Result<Option<Tile>> {
        let Some((z, x, y)) = parse_address(z, x, y, ".pbf", self.min_zoom, self.max_zoom) else {
            return Ok(None);
        };
        let row = (1u32 << z) - 1 - y;
        let data: Option<Vec<u8>> = sqlx::query_scalar(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
        )
        .bind(i64::from(z))
        .bind(i64::from(x))
        .bind(i64::from(row))
        .fetch_optional(&self.db)
        .await?;
        let data = data.unwrap_or_default();
        Ok(Some(Tile {
            gzip: data.starts_with(&[0x1f, 0x8b]),
            content_type: VECTOR_TILE_TYPE.to_owned(),
            data: Bytes::from(data),
        }))
    }
}

/// `z`, `x` and `y` (the last may end in `suffix`) as numbers within the
/// zoom range and the zoom's grid.
pub fn parse_address(
    z: &str,
    x: &str,
    y: &str,
    suffix: &str,
    min_zoom: u8,
    max_zoom: u8,
) -> Option<(u8, u32, u32)> {
    let y = y.strip_suffix(suffix).unwrap_or(y);
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 10 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        u32::from_str(s).ok()
    };
    let z = u8::try_from(number(z)?)
        .ok()
        .filter(|z| (min_zoom..=max_zoom).contains(z))?;
    let (x, y) = (number(x)?, number(y)?);
    let side = 1u32 << z;
    (x < side && y < side).then_some((z, x, y))
}

/// MBTiles `bounds`: "west,south,east,north".
fn parse_bounds(v: &str) -> Option<Bounds> {
    let n: Vec<f64> = v
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok().filter(|f| f.is_finite()))
        .collect::<Option<_>>()?;
    let [west, south, east, north] = n[..] else {
        return None;
    };
    (south <= north && west <= east).then_some(Bounds {
        south,
        west,
        north,
        east,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked() {
        assert_eq!(
            parse_address("14", "8529", "5975.pbf", ".pbf", 0, 14),
            Some((14, 8529, 5975))
        );
        assert_eq!(parse_address("0", "0", "0", ".pbf", 0, 14), Some((0, 0, 0)));
        for (z, x, y) in [
            ("15", "0", "0"),
            ("1", "2", "0"),
            ("1", "0", "2.pbf"),
            ("1", "-1", "0"),
            ("1", "0", "0.png"),
            ("99999999999", "0", "0"),
            ("3", "4294967295", "0"),
            ("", "0", "0"),
        ] {
            assert_eq!(parse_address(z, x, y, ".pbf", 0, 14), None, "{z}/{x}/{y}");
        }
    }

    #[test]
    fn bounds_parse() {
        assert_eq!(
            parse_bounds("7.349000,43.710000,7.491000,43.770000"),
            Some(Bounds {
                south: 43.71,
                west: 7.349,
                north: 43.77,
                east: 7.491
            })
        );
        assert_eq!(parse_bounds("1,2,3"), None);
        assert_eq!(parse_bounds("5,5,1,1"), None);
    }
}
