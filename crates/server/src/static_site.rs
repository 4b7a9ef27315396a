//! The built SPA served by the API's server: its files, with long caching
//! for the hashed ones, and index.html (pre-compressed) for every client-side
//! route; in development mode also under the demo host page's sub-path (G3).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use mijn_lexus_contract::ErrorCode;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::error::{error_response, ErrorBody};
use crate::security::headers::inline_script_hashes;

/// The built SPA: files from the static directory, `index.html` (read once)
/// for every other path so client-side routes work. With `embed_demo`
/// (development mode) the same files also under the sub-path of the demo
/// host page that embeds the portal (G3, [`crate::embed_demo`]).
pub struct StaticSite {
    dir: Option<PathBuf>,
    index: Option<IndexPage>,
    embed_demo: Option<Bytes>,
}

/// index.html and the pre-compressed copies the build wrote beside it
/// (scripts/precompress.sh): the page of every first visit, so it travels
/// compressed too (14.2 KB -> 3.9 KB with brotli).
struct IndexPage {
    html: Bytes,
    br: Option<Bytes>,
    gzip: Option<Bytes>,
}

impl IndexPage {
    fn read(path: &Path) -> std::io::Result<IndexPage> {
        let html = Bytes::from(std::fs::read(path)?);
        let sibling = |ext: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(ext);
            std::fs::read(PathBuf::from(name)).ok().map(Bytes::from)
        };
        Ok(IndexPage {
            br: sibling(".br"),
            gzip: sibling(".gz"),
            html,
        })
    }

    /// The page in the best encoding the request accepts.
    fn response(&self, request: &HeaderMap) -> Response {
        let encoded = [("br", &self.br), ("gzip", &self.gzip)]
            .into_iter()
            .find_map(|(name, body)| {
                body.as_ref()
                    .filter(|_| accepts_encoding(request, name))
                    .map(|body| (name, body))
            });
        let mut resp = match encoded {
            Some((name, body)) => {
                let mut resp = html_response(body.clone());
                resp.headers_mut()
                    .insert(CONTENT_ENCODING, HeaderValue::from_static(name));
                resp
            }
            None => html_response(self.html.clone()),
        };
        resp.headers_mut()
            .insert(VARY, HeaderValue::from_static("accept-encoding"));
        resp
    }
}

/// Whether `Accept-Encoding` lists `name` with a weight above zero.
fn accepts_encoding(request: &HeaderMap, name: &str) -> bool {
    request
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            parts.next().is_some_and(|n| n.eq_ignore_ascii_case(name))
                && parts.all(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_none_or(|q| q > 0.0)
                })
        })
}

impl StaticSite {
    pub fn load(dir: &Path, embed_demo: bool) -> anyhow::Result<StaticSite> {
        if !dir.is_dir() {
            tracing::warn!(dir = %dir.display(), "static directory missing: serving the API only");
            return Ok(StaticSite {
                dir: None,
                index: None,
                embed_demo: None,
            });
        }
        let index_path = dir.join("index.html");
        let index = match IndexPage::read(&index_path) {
            Ok(page) => Some(page),
            Err(e) => {
                tracing::warn!(file = %index_path.display(), error = %e, "no index.html: client routes will 404");
                None
            }
        };
        let embed_demo = match (&index, embed_demo) {
            (Some(index), true) => {
                match crate::embed_demo::host_page(&String::from_utf8_lossy(&index.html)) {
                    Ok(page) => Some(Bytes::from(page)),
                    Err(e) => {
                        tracing::warn!(error = %e, "no embed demo page");
                        None
                    }
                }
            }
            _ => None,
        };
        Ok(StaticSite {
            dir: Some(dir.to_owned()),
            index,
            embed_demo,
        })
    }

    /// CSP hashes of the inline scripts of index.html.
    pub fn script_hashes(&self) -> Vec<String> {
        self.index
            .as_ref()
            .map(|i| inline_script_hashes(&String::from_utf8_lossy(&i.html)))
            .unwrap_or_default()
    }

    fn index_response(&self, request: &HeaderMap) -> Option<Response> {
        self.index.as_ref().map(|page| page.response(request))
    }
}

fn html_response(page: Bytes) -> Response {
    let mut resp = Response::new(Body::from(page));
    resp.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

fn not_found() -> Response {
    error_response(
        ErrorBody {
            code: ErrorCode::NotFound,
            fields: vec![],
        },
        Default::default(),
    )
}

pub(crate) async fn static_files(State(site): State<Arc<StaticSite>>, req: Request) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return error_response(
            ErrorBody {
                code: ErrorCode::MethodNotAllowed,
                fields: vec![],
            },
            Default::default(),
        );
    }
    let Some(dir) = &site.dir else {
        return not_found();
    };
    let path = req.uri().path().to_owned();
    if let Some(page) = &site.embed_demo {
        if let Some(rest) = path
            .strip_prefix(crate::embed_demo::PATH)
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        {
            return embed_demo_files(dir, page, rest, req).await;
        }
    }
    let headers = req.headers().clone();
    let index = || site.index_response(&headers).unwrap_or_else(not_found);
    if path == "/" || path == "/index.html" {
        return index();
    }
    serve_file(dir, &path, req).await.unwrap_or_else(index)
}

/// The demo host page's paths: the page at `/`, its style sheet, the built
/// files as at the root, and the page again for the portal's client routes.
async fn embed_demo_files(dir: &Path, page: &Bytes, rest: &str, req: Request) -> Response {
    let page_response = || html_response(page.clone());
    match rest {
        "" | "/" | "/index.html" => page_response(),
        crate::embed_demo::BRAND_CSS_FILE => {
            let mut resp = Response::new(Body::from(crate::embed_demo::BRAND_CSS));
            resp.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("text/css"));
            resp.headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            resp
        }
        _ => serve_file(dir, rest, req)
            .await
            .unwrap_or_else(page_response),
    }
}

/// A file of the static directory at `path` with its cache policy, or None
/// when there is none (the caller then answers with the SPA's page).
async fn serve_file(dir: &Path, path: &str, mut req: Request) -> Option<Response> {
    *req.uri_mut() = path.parse().ok()?;
    let serve = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let resp = match serve.oneshot(req).await {
        Ok(resp) => resp.map(Body::new),
        Err(never) => match never {},
    };
    if resp.status() == StatusCode::NOT_FOUND {
        return None;
    }
    let mut resp = resp.into_response();
    if resp.status().is_success() || resp.status() == StatusCode::NOT_MODIFIED {
        let value = if is_hashed_asset(path) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        resp.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    Some(resp)
}

/// Content-addressed files: Trunk's hashed names (`name-<16+ hex>.js`,
/// `name-<hex>_bg.wasm`, `name-<hex>.css`) and everything under the wasm
/// build's `pkg-<16+ hex>/` directory (scripts/build-wasm.sh).
pub fn is_hashed_asset(path: &str) -> bool {
    let is_hash = |s: &str| s.len() >= 16 && s.chars().all(|c| c.is_ascii_hexdigit());
    let mut segments = path.trim_start_matches('/').split('/');
    let file = segments.next_back().unwrap_or("");
    if segments.any(|dir| dir.strip_prefix("pkg-").is_some_and(is_hash)) {
        return true;
    }
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| is_hash(hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets() {
        assert!(is_hashed_asset("/mijn-lexus-0123456789abcdef.js"));
        assert!(is_hashed_asset("/mijn-lexus-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef0123.css"));
        assert!(!is_hashed_asset("/logo.svg"));
        assert!(!is_hashed_asset("/app-123.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(is_hashed_asset("/pkg-0123456789abcdef/mijn-lexus_bg.wasm"));
        assert!(is_hashed_asset(
            "/mijn-lexus/pkg-0123456789abcdef/__wasm_split.js"
        ));
        assert!(!is_hashed_asset("/pkg-0123/boot.js"));
        assert!(!is_hashed_asset("/pkg-0123456789abcdef"));
    }

    #[test]
    fn accepted_encodings() {
        let headers = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(ACCEPT_ENCODING, HeaderValue::from_static(v));
            h
        };
        assert!(accepts_encoding(&headers("gzip, deflate, br, zstd"), "br"));
        assert!(accepts_encoding(&headers("GZIP;q=0.5"), "gzip"));
        assert!(!accepts_encoding(&headers("gzip, br;q=0"), "br"));
        assert!(!accepts_encoding(&headers("gzip"), "br"));
        assert!(!accepts_encoding(&HeaderMap::new(), "gzip"));
    }
}
