//! Formatting that only the profile pages need; dates and numbers in the
//! interface language are in `crate::format`.

/// `x` rounded to one decimal (distances in km).
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The device a record was made from: its short name, or "unknown device"
/// when the browser sent no user agent.
pub fn device_label(user_agent: &str) -> String {
    if user_agent.is_empty() {
        crate::i18n::t().profile.device_unknown.to_string()
    } else {
        device_name(user_agent)
    }
}

/// A short name for a user agent: "Chrome on Windows"-like, from the
/// well-known product tokens; the full string stays in the title attribute.
pub fn device_name(user_agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(token, _)| user_agent.contains(token))
    .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(token, _)| user_agent.contains(token))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => user_agent.chars().take(40).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_have_one_decimal() {
        assert_eq!(round1(12.345), 12.3);
        assert_eq!(round1(0.06), 0.1);
    }

    #[test]
    fn devices_get_a_short_name() {
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(device_name(chrome), "Chrome · Windows");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(device_name(iphone), "Safari · iOS");
        assert_eq!(device_name("curl/8.0"), "curl/8.0");
    }
}
