//! The demo brand page that embeds the portal under a sub-path (G3, --dev).

use crate::common::*;

const INDEX: &str = r#"<!doctype html><html><head>
<meta name="mijn-lexus-base" content="" />
<!-- mijn-lexus:embed
  the portal's part of the head -->
<script type="module" src="/pkg-0123456789abcdef/boot.js"></script>
<link rel="stylesheet" href="/style-0123456789abcdef.css"/>
<!-- /mijn-lexus:embed -->
</head><body>
<!-- mijn-lexus:mount --><div id="mijn-lexus"><img src="/logo.svg" alt="Mijn Lexus"></div><!-- /mijn-lexus:mount -->
</body></html>"#;

fn dist() -> tempfile::TempDir {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::write(dist.path().join("style-0123456789abcdef.css"), "p{}").unwrap();
    std::fs::create_dir(dist.path().join("i18n")).unwrap();
    std::fs::write(dist.path().join("i18n/nl.json"), "{}").unwrap();
    dist
}

#[tokio::test]
async fn the_demo_host_page_embeds_the_portal_under_its_sub_path() {
    let dist = dist();
    let app = TestApp::spawn_with(|c| {
        c.static_dir = dist.path().to_owned();
        c.dev = true;
    })
    .await;
    let b = app.browser().await;

    // The host page, for the sub-path itself and every client route below it.
    for path in [
        "/embed-demo/",
        "/embed-demo",
        "/embed-demo/garage/123",
        "/embed-demo/sign-in?next=%2F",
    ] {
        let resp = b.get(path).await;
        assert_eq!(resp.status(), 200, "{path}");
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(resp.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'self'"));
        let html = resp.text().await.unwrap();
        assert!(
            html.contains(r#"<meta name="mijn-lexus-base" content="/embed-demo" />"#),
            "{path}"
        );
        assert!(
            html.contains(r#"href="/embed-demo/style-0123456789abcdef.css""#),
            "{path}"
        );
        assert!(
            html.contains(r#"src="/embed-demo/pkg-0123456789abcdef/boot.js""#),
            "{path}"
        );
        assert!(
            html.contains(r#"<div id="mijn-lexus"><img src="/embed-demo/logo.svg""#),
            "{path}"
        );
        assert!(
            html.contains(r#"href="/embed-demo/brand-site.css""#),
            "{path}"
        );
    }

    // The portal's files under the sub-path, as at the root.
    let css = b.get("/embed-demo/style-0123456789abcdef.css").await;
    assert_eq!(css.status(), 200);
    assert_eq!(
        css.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(css.text().await.unwrap(), "p{}");
    let pack = b.get("/embed-demo/i18n/nl.json").await;
    assert_eq!(pack.status(), 200);
    assert_eq!(pack.headers()["cache-control"], "no-cache");
    let brand = b.get("/embed-demo/brand-site.css").await;
    assert_eq!(brand.status(), 200);
    assert!(brand.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));

    // The stand-alone portal is unchanged.
    let root = b.get("/garage").await.text().await.unwrap();
    assert!(root.contains(r#"content="""#) && !root.contains("/embed-demo"));
    // Paths that only start alike are not the demo's.
    let other = b.get("/embed-demonstration").await.text().await.unwrap();
    assert!(!other.contains("/embed-demo/"));
}

#[tokio::test]
async fn without_dev_mode_there_is_no_demo_host_page() {
    let dist = dist();
    let app = TestApp::spawn_with(|c| {
        c.static_dir = dist.path().to_owned();
        c.dev = false;
    })
    .await;
    let b = app.browser().await;
    let html = b.get("/embed-demo/").await.text().await.unwrap();
    assert!(!html.contains("brand-site.css"));
}
