//! Tiles of a hosted provider (`--tiles-url`), fetched by our server for the
//! browser: the provider's key stays here and the CSP stays `'self'`.

use std::time::Duration;

use axum::body::Bytes;

use super::tiles::{parse_address, Tile};
use crate::config::TileFormat;

/// The provider is down, too slow or refused (`tiles_unavailable`).
#[derive(Debug)]
pub struct TilesUnavailable;

pub struct TileProxy {
    http: reqwest::Client,
    template: String,
    pub format: TileFormat,
    pub max_zoom: u8,
}

impl TileProxy {
    pub fn new(template: &str, format: TileFormat, max_zoom: u8) -> anyhow::Result<TileProxy> {
        let template = template.trim().to_owned();
        anyhow::ensure!(
            (template.starts_with("http://") || template.starts_with("https://"))
                && ["{z}", "{x}", "{y}"].iter().all(|p| template.contains(p)),
            "--tiles-url must be an http(s) URL template with {{z}}, {{x}} and {{y}}"
        );
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(2))
            .timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(TileProxy {
            http,
            template,
            format,
            max_zoom: max_zoom.min(super::tiles::MAX_ZOOM),
        })
    }

    /// The extension of our tile URLs for this format.
    pub fn suffix(&self) -> &'static str {
        match self.format {
            TileFormat::Vector => ".pbf",
            TileFormat::Raster => ".png",
        }
    }

    /// Tile z/x/y from the provider; `None` for an address that is not a
    /// tile or a tile the provider does not have.
    pub async fn tile(&self, z: &str, x: &str, y: &str) -> Result<Option<Tile>, TilesUnavailable> {
        let Some((z, x, y)) = parse_address(z, x, y, self.suffix(), 0, self.max_zoom) else {
            return Ok(None);
        };
        let url = self
            .template
            .replace("{z}", &z.to_string())
            .replace("{x}", &x.to_string())
            .replace("{y}", &y.to_string());
        // The URL may hold the provider's key: it is never logged.
        let resp = self.http.get(url).send().await.map_err(|e| {
            tracing::warn!(timeout = e.is_timeout(), "tile provider unreachable");
            TilesUnavailable
        })?;
        if resp.status() == reqwest::StatusCode::NOT_FOUND
            || resp.status() == reqwest::StatusCode::NO_CONTENT
        {
            return Ok(None);
        }
        if !resp.status().is_success() {
            tracing::warn!(status = %resp.status(), "tile provider refused");
            return Err(TilesUnavailable);
        }
        let header = |name: reqwest::header::HeaderName| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let gzip = header(reqwest::header::CONTENT_ENCODING).is_some_and(|e| e == "gzip");
        let data: Bytes = resp.bytes().await.map_err(|_| TilesUnavailable)?;
        Ok(Some(Tile {
            gzip: gzip || data.starts_with(&[0x1f, 0x8b]),
            content_type: content_type.unwrap_or_else(|| match self.format {
                TileFormat::Vector => super::tiles::VECTOR_TILE_TYPE.to_owned(),
                TileFormat::Raster => "image/png".to_owned(),
            }),
            data,
        }))
    }
}
