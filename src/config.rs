//! Where the portal lives: read once from two `<meta>` tags in index.html.
//!
//! ```html
//! <meta name="mijn-lexus-base" content="">      <!-- "" = site root, or "/portaal" -->
//! <meta name="mijn-lexus-api" content="/api">   <!-- may be absolute: https://api.example -->
//! ```
//!
//! Every link, navigation, asset and API URL goes through this module, so the
//! SPA can run under a sub-path of the brand site (G3) without code changes.

use std::sync::OnceLock;

use leptos_router::NavigateOptions;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Router base path: "" for the site root, otherwise "/something"
    /// (leading slash, no trailing slash).
    pub base: String,
    /// API base URL without trailing slash ("/api", "https://api.example/api").
    pub api: String,
}

static CONFIG: OnceLock<Config> = OnceLock::new();

/// The configuration, read from the document on first use.
pub fn config() -> &'static Config {
    CONFIG.get_or_init(|| Config::from_meta(meta_content))
}

fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let element = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    element.get_attribute("content")
}

impl Config {
    pub fn from_meta(read: impl Fn(&str) -> Option<String>) -> Config {
        let base = normalize_base(&read("mijn-lexus-base").unwrap_or_default());
        let api = read("mijn-lexus-api")
            .map(|a| a.trim().trim_end_matches('/').to_owned())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| format!("{base}/api"));
        Config { base, api }
    }

    /// The browser URL of an SPA path ("/sign-in" -> "/portaal/sign-in").
    pub fn href(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{}", self.base, path)
        } else {
            format!("{}/{}", self.base, path)
        }
    }

    /// URL of a file copied from public/ ("logo.svg").
    pub fn asset(&self, file: &str) -> String {
        format!("{}/{}", self.base, file.trim_start_matches('/'))
    }

    /// URL of an API route from `contract::routes` ("/session").
    pub fn api_url(&self, route: &str) -> String {
        format!("{}{}", self.api, route)
    }

    /// The SPA path of a browser path ("/portaal/garage" -> "/garage").
    pub fn strip_base<'a>(&self, browser_path: &'a str) -> &'a str {
        match browser_path.strip_prefix(self.base.as_str()) {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') => rest,
            _ => browser_path,
        }
    }
}

fn normalize_base(raw: &str) -> String {
    let trimmed = raw.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

/// Navigate to an SPA path (without the base), e.g. `navigate_to(&nav, "/sign-in", false)`.
pub fn navigate_to(navigate: &impl Fn(&str, NavigateOptions), path: &str, replace: bool) {
    navigate(
        &config().href(path),
        NavigateOptions {
            // The path is already complete: do not let the router resolve it again.
            resolve: false,
            replace,
            ..Default::default()
        },
    );
}

/// Only paths inside the portal may be used as a return address after sign-in
/// (no `//evil.example`, no `https://…`, no `/\evil`).
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.chars().any(|c| c.is_control()) =>
        {
            n
        }
        _ => "/",
    }
}

/// Percent-encodes a query value or a path segment (like
/// `encodeURIComponent`: only `A-Z a-z 0-9 - _ . ~` stay as they are).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 0x0f) as usize] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(base: &str, api: Option<&str>) -> Config {
        Config::from_meta(|name| match name {
            "mijn-lexus-base" => Some(base.to_owned()),
            "mijn-lexus-api" => api.map(str::to_owned),
            _ => None,
        })
    }

    #[test]
    fn a_path_segment_cannot_add_segments_a_query_or_a_fragment() {
        assert_eq!(
            encode_query_value("JTH/../x?y=1#z é"),
            "JTH%2F..%2Fx%3Fy%3D1%23z%20%C3%A9"
        );
    }

    #[test]
    fn base_is_normalised() {
        assert_eq!(cfg("", None).base, "");
        assert_eq!(cfg("/", None).base, "");
        assert_eq!(cfg("portaal/", None).base, "/portaal");
        assert_eq!(cfg("/portaal", None).api, "/portaal/api");
        assert_eq!(cfg("", Some("/api/")).api, "/api");
    }

    #[test]
    fn paths_go_through_the_base() {
        let c = cfg("/portaal", Some("/api"));
        assert_eq!(c.href("/sign-in"), "/portaal/sign-in");
        assert_eq!(c.asset("logo.svg"), "/portaal/logo.svg");
        assert_eq!(c.strip_base("/portaal/garage"), "/garage");
        assert_eq!(c.strip_base("/portaal"), "/");
        assert_eq!(c.api_url("/session"), "/api/session");
    }

    #[test]
    fn next_must_be_local() {
        assert_eq!(safe_next(Some("/garage?x=1")), "/garage?x=1");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            encode_query_value("/trips?from=1&to=2"),
            "%2Ftrips%3Ffrom%3D1%26to%3D2"
        );
    }
}
