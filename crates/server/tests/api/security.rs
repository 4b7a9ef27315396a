//! CSRF, request hygiene (JSON errors for bad requests), security headers
//! and static files.

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::json;

#[tokio::test]
async fn a_post_without_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    let body = registration("els@example.be");

    // No header.
    let resp = b
        .client
        .post(b.url("/api/accounts"))
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_error(resp, 403, ErrorCode::CsrfFailed).await;
    // Wrong header.
    let resp = b
        .client
        .post(b.url("/api/accounts"))
        .header("x-csrf-token", "A".repeat(43))
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_error(resp, 403, ErrorCode::CsrfFailed).await;
    // A header but no cookie (another client).
    let resp = reqwest::Client::new()
        .post(b.url("/api/accounts"))
        .header("x-csrf-token", &b.csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_error(resp, 403, ErrorCode::CsrfFailed).await;
    // Sign-out is state-changing too.
    let resp = b.client.delete(b.url("/api/session")).send().await.unwrap();
    expect_error(resp, 403, ErrorCode::CsrfFailed).await;
    assert_eq!(app.users().await, 0);
}

#[tokio::test]
async fn cross_site_requests_are_refused() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    let body = registration("els@example.be");
    let send = |origin: Option<&str>, site: Option<&str>| {
        let mut req = b
            .client
            .post(b.url("/api/accounts"))
            .header("x-csrf-token", &b.csrf)
            .json(&body);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        req.send()
    };
    expect_error(
        send(Some("https://evil.example"), None).await.unwrap(),
        403,
        ErrorCode::CsrfFailed,
    )
    .await;
    expect_error(
        send(Some("null"), None).await.unwrap(),
        403,
        ErrorCode::CsrfFailed,
    )
    .await;
    expect_error(
        send(None, Some("cross-site")).await.unwrap(),
        403,
        ErrorCode::CsrfFailed,
    )
    .await;
    assert_eq!(app.users().await, 0);

    // An origin equal to the Host header is not enough (DNS rebinding: a
    // hostile name resolving to the server sends its own name as Host):
    // the app is configured as http://localhost:{port}, requests go to
    // 127.0.0.1:{port}, and the browser would send Origin = Host.
    assert_eq!(send(Some(&app.base), None).await.unwrap().status(), 403);
    let port = app.base.rsplit(':').next().unwrap();
    let rebound = format!("http://rebind.evil.example:{port}");
    let resp = b
        .client
        .post(b.url("/api/accounts"))
        .header("x-csrf-token", &b.csrf)
        .header("host", format!("rebind.evil.example:{port}"))
        .header("origin", &rebound)
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_error(resp, 403, ErrorCode::CsrfFailed).await;
    assert_eq!(app.users().await, 0);

    // Our own origin passes.
    let own = public_url(&app.base);
    let resp = send(Some(&own), Some("same-origin")).await.unwrap();
    assert_eq!(resp.status(), 202);
}

#[tokio::test]
async fn allowed_embedding_origins_may_post() {
    let app =
        TestApp::spawn_with(|c| c.frame_ancestors = vec!["https://www.lexus.be".into()]).await;
    let b = app.browser().await;
    let resp = b
        .client
        .post(b.url("/api/password-reset"))
        .header("x-csrf-token", &b.csrf)
        .header("origin", "https://www.lexus.be")
        .json(&json!({ "email": "els@example.be" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 202);
    let csp = resp.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors 'self' https://www.lexus.be"),
        "{csp}"
    );
}

#[tokio::test]
async fn bad_requests_get_json_errors() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    let post_raw = |ct: &str, body: Vec<u8>| {
        b.client
            .post(b.url("/api/session"))
            .header("x-csrf-token", &b.csrf)
            .header("content-type", ct)
            .body(body)
            .send()
    };
    expect_error(
        post_raw("application/json", b"{\"email\": ".to_vec())
            .await
            .unwrap(),
        400,
        ErrorCode::MalformedRequest,
    )
    .await;
    expect_error(
        post_raw("application/json", b"{\"mail\": 1}".to_vec())
            .await
            .unwrap(),
        400,
        ErrorCode::MalformedRequest,
    )
    .await;
    expect_error(
        post_raw("text/plain", b"{}".to_vec()).await.unwrap(),
        415,
        ErrorCode::UnsupportedMediaType,
    )
    .await;
    expect_error(
        post_raw("application/x-www-form-urlencoded", b"email=a".to_vec())
            .await
            .unwrap(),
        415,
        ErrorCode::UnsupportedMediaType,
    )
    .await;
    let big = format!(
        "{{\"email\": \"{}\", \"password\": \"x\"}}",
        "a".repeat(70 * 1024)
    );
    expect_error(
        post_raw("application/json", big.into_bytes())
            .await
            .unwrap(),
        413,
        ErrorCode::PayloadTooLarge,
    )
    .await;

    let resp = b.get("/api/nope").await;
    assert_eq!(resp.headers()["content-type"], "application/json");
    expect_error(resp, 404, ErrorCode::NotFound).await;
    expect_error(
        b.get("/api/accounts/confirm/x/y").await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(
        b.get("/api/accounts").await,
        405,
        ErrorCode::MethodNotAllowed,
    )
    .await;
    expect_error(b.get("/api/dev").await, 404, ErrorCode::NotFound).await;
    assert_eq!(b.get("/api/health").await.status(), 200);
}

#[tokio::test]
async fn errors_follow_accept_language_and_default_to_dutch() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    let resp = b
        .client
        .get(b.url("/api/me"))
        .header("accept-language", "fr-BE,fr;q=0.9")
        .send()
        .await
        .unwrap();
    let err = expect_error(resp, 401, ErrorCode::Unauthenticated).await;
    assert_eq!(
        err.message,
        ErrorCode::Unauthenticated.message(mijn_lexus_contract::Language::Fr)
    );
}

#[tokio::test]
async fn dev_outbox_is_off_without_dev_mode() {
    let app = TestApp::spawn_with(|c| c.dev = false).await;
    let b = app.browser().await;
    expect_error(b.get("/api/dev/outbox").await, 404, ErrorCode::NotFound).await;
}

fn assert_security_headers(resp: &reqwest::Response) {
    let h = resp.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    for part in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'self'",
    ] {
        assert!(csp.contains(part), "{part} missing in {csp}");
    }
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
    assert_eq!(h["cross-origin-opener-policy"], "same-origin");
    let permissions = h["permissions-policy"].to_str().unwrap();
    assert!(permissions.contains("geolocation=(self)"), "{permissions}");
    for off in ["camera=()", "microphone=()", "payment=()", "usb=()"] {
        assert!(permissions.contains(off), "{off} missing in {permissions}");
    }
    assert!(
        !h.contains_key("strict-transport-security"),
        "no HSTS over http"
    );
}

#[tokio::test]
async fn security_headers_on_api_and_static_responses() {
    use base64::Engine;
    use sha2::Digest;

    let script = "import init, * as bindings from '/mijn-lexus-0123456789abcdef.js';\ninit('/mijn-lexus-0123456789abcdef_bg.wasm');";
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{script}</script></head><body></body></html>"),
    )
    .unwrap();
    std::fs::write(
        dist.path().join("mijn-lexus-0123456789abcdef.js"),
        "export default 1;",
    )
    .unwrap();
    std::fs::write(dist.path().join("logo.svg"), "<svg/>").unwrap();
    let app = TestApp::spawn_with(|c| c.static_dir = dist.path().to_owned()).await;
    let b = app.browser().await;
    let hash = format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()))
    );

    for path in [
        "/api/health",
        "/api/nope",
        "/",
        "/register",
        "/confirm?token=abc",
        "/mijn-lexus-0123456789abcdef.js",
    ] {
        let resp = b.get(path).await;
        assert_security_headers(&resp);
        let csp = resp.headers()["content-security-policy"].to_str().unwrap();
        assert!(csp.contains(&hash), "{path}: {csp}");
    }
    let api = b.get("/api/health").await;
    assert_eq!(api.headers()["cache-control"], "no-store");

    // Client routes get index.html.
    for path in ["/", "/register", "/reset-password?token=x", "/garage/123"] {
        let resp = b.get(path).await;
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(resp.headers()["cache-control"], "no-cache");
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(resp.text().await.unwrap().contains(script), "{path}");
    }
    let asset = b.get("/mijn-lexus-0123456789abcdef.js").await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.text().await.unwrap(), "export default 1;");
    let logo = b.get("/logo.svg").await;
    assert_eq!(logo.status(), 200);
    assert_eq!(logo.headers()["cache-control"], "no-cache");
    // Unknown API paths stay JSON, not index.html.
    expect_error(b.get("/api/garage").await, 404, ErrorCode::NotFound).await;
}

/// index.html travels pre-compressed when the build wrote `.br`/`.gz` beside
/// it (the first request of every visit), and as it is to a client that
/// accepts neither.
#[tokio::test]
async fn index_html_travels_precompressed() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><p>plain</p>",
    )
    .unwrap();
    // Stand-ins: the server sends the files as they are.
    std::fs::write(dist.path().join("index.html.br"), "brotli bytes").unwrap();
    std::fs::write(dist.path().join("index.html.gz"), "gzip bytes").unwrap();
    let app = TestApp::spawn_with(|c| c.static_dir = dist.path().to_owned()).await;
    let client = reqwest::Client::new();
    let get = |path: &'static str, encodings: &'static str| {
        let request = client.get(format!("{}{path}", app.base));
        let request = if encodings.is_empty() {
            request
        } else {
            request.header("accept-encoding", encodings)
        };
        request.send()
    };
    for path in ["/", "/sign-in", "/garage/123"] {
        let resp = get(path, "gzip, deflate, br").await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(resp.headers()["content-encoding"], "br", "{path}");
        assert_eq!(resp.headers()["vary"], "accept-encoding", "{path}");
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(resp.text().await.unwrap(), "brotli bytes", "{path}");
    }
    let resp = get("/register", "gzip, br;q=0").await.unwrap();
    assert_eq!(resp.headers()["content-encoding"], "gzip");
    assert_eq!(resp.text().await.unwrap(), "gzip bytes");
    let resp = get("/register", "").await.unwrap();
    assert!(resp.headers().get("content-encoding").is_none());
    assert_eq!(resp.text().await.unwrap(), "<!doctype html><p>plain</p>");
}

#[tokio::test]
async fn https_public_url_secures_cookies_and_adds_hsts() {
    // Dev mode (the tests' default) is refused with an https public URL.
    let app = TestApp::spawn_with(|c| {
        c.public_url = Some("https://mijn.lexus.test".into());
        c.dev = false;
    })
    .await;
    let resp = reqwest::get(format!("{}/api/session", app.base))
        .await
        .unwrap();
    assert!(resp.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-ml_csrf="), "{cookie}");
    assert!(
        cookie.contains("Secure")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
    );
}
