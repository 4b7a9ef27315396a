//! The demo host page (G3): a stand-in for a brand web site that embeds the
//! portal under a sub-path, served in development mode (`--dev`) at
//! [`PATH`]`/`. Its style sheet is hostile on purpose (`* {}` rules, styled
//! `button`, `input`, `h1` and `table`, another root font size) to show, and
//! let the Playwright journeys check, that the portal's scoped styles
//! (scripts/css-bundle.mjs) neither leak out nor get broken.
//!
//! The page is what a brand site would write, built from the stand-alone
//! index.html: the two `<meta>` tags that tell the portal its base path and
//! API, the part of the head between `<!-- mijn-lexus:embed` and
//! `<!-- /mijn-lexus:embed -->` (style sheet, entry script, preload hints) and
//! the mount element between `<!-- mijn-lexus:mount` and
//! `<!-- /mijn-lexus:mount -->`, with every root-relative URL moved under the
//! sub-path. Under the sub-path the server serves the built files as at the
//! root, and this page for every other path (the portal's client routes).

/// The sub-path the demo host page embeds the portal under.
pub const PATH: &str = "/embed-demo";

/// The host page's own (hostile) style sheet, at `PATH/brand-site.css`.
pub const BRAND_CSS_FILE: &str = "/brand-site.css";
pub const BRAND_CSS: &str = include_str!("embed_demo/brand-site.css");
const TEMPLATE: &str = include_str!("embed_demo/host.html");

/// The host page for the stand-alone `index`, or why it cannot be built.
pub fn host_page(index: &str) -> Result<String, String> {
    let head = between(index, "<!-- mijn-lexus:embed", "<!-- /mijn-lexus:embed -->")?;
    let mount = between(index, "<!-- mijn-lexus:mount", "<!-- /mijn-lexus:mount -->")?;
    Ok(TEMPLATE
        .replace("{{BASE}}", PATH)
        .replace("{{PORTAL_HEAD}}", &under_sub_path(head))
        .replace("{{PORTAL_MOUNT}}", &under_sub_path(mount)))
}

/// The text from the comment that starts with `start` (the comment itself
/// left out) up to `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Result<&'a str, String> {
    let from = html
        .find(start)
        .ok_or_else(|| format!("marker {start} missing in index.html"))?;
    let to = html[from..]
        .find(end)
        .map(|i| from + i)
        .ok_or_else(|| format!("marker {end} missing in index.html"))?;
    let part = &html[from..to];
    let after_comment = part.find("-->").map_or(part.len(), |i| i + 3);
    Ok(&part[after_comment..])
}

/// Moves root-relative URLs (`src="/…"`, `href="/…"`) under [`PATH`].
fn under_sub_path(html: &str) -> String {
    html.replace("src=\"/", &format!("src=\"{PATH}/"))
        .replace("href=\"/", &format!("href=\"{PATH}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_parts_move_under_the_sub_path() {
        let index = r#"<head><meta name="mijn-lexus-base" content="" />
<!-- mijn-lexus:embed
  why -->
<link rel="stylesheet" href="/style-0123.css"/><script type="module" src="/pkg-1/boot.js"></script>
<!-- /mijn-lexus:embed --></head>
<body><!-- mijn-lexus:mount --><div id="mijn-lexus"><img src="/logo.svg"></div><!-- /mijn-lexus:mount --></body>"#;
        let page = host_page(index).unwrap();
        assert!(page.contains(r#"<link rel="stylesheet" href="/embed-demo/style-0123.css"/>"#));
        assert!(page.contains(r#"src="/embed-demo/pkg-1/boot.js""#));
        assert!(page.contains(r#"<div id="mijn-lexus"><img src="/embed-demo/logo.svg"></div>"#));
        assert!(page.contains(r#"<meta name="mijn-lexus-base" content="/embed-demo" />"#));
        assert!(!page.contains("why"));
        assert!(!page.contains("{{"));
    }

    #[test]
    fn a_page_without_markers_is_refused() {
        assert!(host_page("<html></html>").is_err());
    }
}
