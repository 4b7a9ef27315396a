//! Security headers on every response, and `Cache-Control: no-store` on the API.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// Browser features the portal may use: the map may locate the user, on
/// our own pages only; everything else is off. Only features Chromium knows:
/// an unknown one (`bluetooth`) is an error on every page's console.
pub const PERMISSIONS_POLICY: &str = "geolocation=(self), camera=(), microphone=(), \
     payment=(), usb=(), serial=(), hid=(), midi=(), magnetometer=(), \
     gyroscope=(), accelerometer=(), display-capture=(), fullscreen=(self), \
     browsing-topics=(), interest-cohort=()";

#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    pub csp: HeaderValue,
    pub hsts: Option<HeaderValue>,
}

impl SecurityHeaders {
    /// `script_hashes` are CSP sources like `'sha256-…'`.
    pub fn new(
        script_hashes: &[String],
        frame_ancestors: &[String],
        https: bool,
    ) -> SecurityHeaders {
        let mut scripts = String::from("'self'");
        for h in script_hashes {
            scripts.push(' ');
            scripts.push_str(h);
        }
        let mut ancestors = String::from("'self'");
        for a in frame_ancestors
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
        {
            // Only characters that cannot break out of the directive.
            if a.chars()
                .all(|c| c.is_ascii_alphanumeric() || ":/.-*".contains(c))
            {
                ancestors.push(' ');
                ancestors.push_str(a.trim_end_matches('/'));
            } else {
                tracing::warn!(origin = a, "ignoring invalid frame ancestor");
            }
        }
        let csp = format!(
            "default-src 'self'; script-src {scripts} 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
             base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}"
        );
        SecurityHeaders {
            csp: HeaderValue::from_str(&csp).expect("CSP is ASCII"),
            hsts: https.then(|| HeaderValue::from_static("max-age=63072000; includeSubDomains")),
        }
    }
}

/// Middleware: adds the security headers to every response.
pub async fn security_headers(
    State(h): State<Arc<SecurityHeaders>>,
    req: Request,
    next: Next,
) -> Response {
    let is_api = req.uri().path() == "/api" || req.uri().path().starts_with("/api/");
    let mut resp = next.run(req).await;
    let headers = resp.headers_mut();
    headers.insert(CONTENT_SECURITY_POLICY, h.csp.clone());
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    // No other page shares our browsing context group (no window.opener
    // handle across origins).
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    if let Some(hsts) = &h.hsts {
        headers.insert(STRICT_TRANSPORT_SECURITY, hsts.clone());
    }
    if is_api {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// CSP sources (`'sha256-…'`) for the body of every inline `<script>` of an
/// HTML page (scripts with a `src` attribute are skipped).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(start) = lower[pos..].find("<script").map(|i| i + pos) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| i + tag_end) else {
            break;
        };
        let tag = &lower[start..tag_end];
        let body = &html[tag_end + 1..close];
        if !tag.contains(" src=") && !tag.contains("\nsrc=") && !tag.contains("\tsrc=") {
            out.push(format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            ));
        }
        pos = close + "</script".len();
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<html><head><script src="/a.js"></script>
<script type="module">import init from '/x.js';init();</script></head><SCRIPT>alert(1)</SCRIPT></html>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        let expected = format!(
            "'sha256-{}'",
            STANDARD.encode(Sha256::digest(b"import init from '/x.js';init();"))
        );
        assert!(hashes.contains(&expected));
    }

    #[test]
    fn csp_lists_hashes_and_ancestors() {
        let h = SecurityHeaders::new(
            &["'sha256-abc'".into()],
            &["https://www.lexus.be/".into(), "bad; x".into()],
            true,
        );
        let csp = h.csp.to_str().unwrap();
        assert!(csp.contains("script-src 'self' 'sha256-abc' 'wasm-unsafe-eval'"));
        assert!(csp.ends_with("frame-ancestors 'self' https://www.lexus.be"));
        assert!(h.hsts.is_some());
    }
}
