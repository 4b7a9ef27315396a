//! Maps (D1 find my car, D2 car to door, address search): the configured
//! providers and what the SPA is told about them. See docs/maps.md.
//!
//! The server calls the providers; the browser only talks to this server, so
//! the CSP stays `connect-src 'self'` and provider keys never reach it.

pub mod geocoding;
pub mod routing;
pub mod tile_proxy;
pub mod tiles;
pub mod walks;

use std::path::Path;

use axum::body::Bytes;
use mijn_lexus_contract::map::{MapConfig, TileSource, OSM_ATTRIBUTION};
use mijn_lexus_contract::routes::{MAP_WORLD, RASTER_TILE_URL_TEMPLATE, TILE_URL_TEMPLATE};

use crate::config::{MapArgs, TileFormat};
use crate::security::rate_limit::RateLimiter;
use geocoding::Geocoder;
use routing::Router;
use tile_proxy::{TileProxy, TilesUnavailable};
use tiles::{Tile, TileStore};

/// Where the tiles come from.
pub enum Tiles {
    /// Our own MBTiles file.
    Local(TileStore),
    /// A hosted provider, fetched through our server.
    Proxy(TileProxy),
}

impl Tiles {
    /// Tile z/x/y; `None` when there is no such tile.
    pub async fn tile(
        &self,
        z: &str,
        x: &str,
        y: &str,
    ) -> anyhow::Result<Result<Option<Tile>, TilesUnavailable>> {
        Ok(match self {
            Tiles::Local(store) => Ok(store.tile(z, x, y).await?),
            Tiles::Proxy(proxy) => proxy.tile(z, x, y).await,
        })
    }

    fn source(&self) -> TileSource {
        match self {
            Tiles::Local(t) => TileSource::Vector {
                url: TILE_URL_TEMPLATE.to_owned(),
                min_zoom: t.min_zoom,
                max_zoom: t.max_zoom,
            },
            Tiles::Proxy(p) if p.format == TileFormat::Vector => TileSource::Vector {
                url: TILE_URL_TEMPLATE.to_owned(),
                min_zoom: 0,
                max_zoom: p.max_zoom,
            },
            Tiles::Proxy(p) => TileSource::Raster {
                url: RASTER_TILE_URL_TEMPLATE.to_owned(),
                min_zoom: 0,
                max_zoom: p.max_zoom,
            },
        }
    }
}

/// The map providers of this server, opened once at start.
pub struct MapProviders {
    pub tiles: Option<Tiles>,
    /// The world background (GeoJSON), read once.
    pub world: Option<Bytes>,
    pub router: Option<Router>,
    pub geocoder: Option<Geocoder>,
    attribution: Vec<String>,
    /// Walking routes per user (routing is the costly part).
    pub routes_per_user: RateLimiter,
    /// Address searches per user.
    pub geocodes_per_user: RateLimiter,
}

impl MapProviders {
    /// Opens what `args` names; a named file that cannot be read stops the
    /// start (a silently missing map is worse than a clear error).
    pub async fn open(args: &MapArgs) -> anyhow::Result<MapProviders> {
        let tiles = match (&args.tiles_mbtiles, &args.tiles_url) {
            (Some(_), Some(_)) => anyhow::bail!("give --tiles-mbtiles or --tiles-url, not both"),
            (Some(path), None) => Some(Tiles::Local(TileStore::open(path).await?)),
            (None, Some(url)) => Some(Tiles::Proxy(TileProxy::new(
                url,
                args.tiles_format,
                args.tiles_max_zoom,
            )?)),
            (None, None) => None,
        };
        let world = match &args.map_world_geojson {
            Some(path) => Some(read(path)?),
            None => None,
        };
        let router = match &args.routing_url {
            Some(url) => Some(Router::new(
                url,
                &args.routing_profile,
                std::time::Duration::from_millis(args.routing_timeout_ms),
            )?),
            None => None,
        };
        let geocoder = match (&args.geocoding_index, &args.geocoding_url) {
            (Some(_), Some(_)) => {
                anyhow::bail!("give --geocoding-index or --geocoding-url, not both")
            }
            (Some(path), None) => Some(Geocoder::offline(path)?),
            (None, Some(url)) => Some(Geocoder::photon(
                url,
                std::time::Duration::from_millis(args.geocoding_timeout_ms),
            )?),
            (None, None) => None,
        };
        let mut attribution: Vec<String> = args
            .map_attribution
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect();
        if attribution.is_empty() && (tiles.is_some() || router.is_some() || geocoder.is_some()) {
            attribution.push(OSM_ATTRIBUTION.to_owned());
        }
        Ok(MapProviders {
            tiles,
            world,
            router,
            geocoder,
            attribution,
            routes_per_user: RateLimiter::new(args.routes_per_user_per_minute, 60),
            geocodes_per_user: RateLimiter::new(args.geocodes_per_user_per_minute, 60),
        })
    }

    /// What GET /map/config announces.
    pub fn config(&self) -> MapConfig {
        MapConfig {
            tiles: self.tiles.as_ref().map(Tiles::source),
            attribution: self.attribution.clone(),
            region: match &self.tiles {
                Some(Tiles::Local(t)) => t.bounds,
                _ => None,
            },
            world_background_url: self.world.is_some().then(|| MAP_WORLD.to_owned()),
            routing: self.router.is_some(),
            geocoding: self.geocoder.is_some(),
        }
    }
}

fn read(path: &Path) -> anyhow::Result<Bytes> {
    std::fs::read(path)
        .map(Bytes::from)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))
}
