//! Structured logs: JSON lines (default) or human-readable, filtered by
//! `RUST_LOG` (default `info`).
//!
//! No personal data in the log (issue 9, item 14): code logs user ids, and
//! [`pseudonym`] (a keyed hash) where it must tell addresses, clients or
//! VINs apart. As a safety net every line passes [`scrub`] before it is
//! written, which replaces any e-mail address or VIN left in it (a field, a
//! request path such as `/api/vehicles/{vin}`) by its pseudonym.

use std::io::{self, Write};
use std::sync::OnceLock;

use rand::RngCore;
use sha2::{Digest, Sha256};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// `key`: `--log-pseudonym-key` (hashes comparable across restarts);
/// without it a random key per process.
pub fn init(format: LogFormat, key: Option<&str>) {
    set_pseudonym_key(key);
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(ScrubbedStdout);
    let result = match format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
    // Already initialised (tests): keep the first subscriber.
    drop(result);
}

static KEY: OnceLock<[u8; 32]> = OnceLock::new();

/// Sets the pseudonym key once (later calls keep the first key).
fn set_pseudonym_key(key: Option<&str>) {
    let _ = KEY.set(match key {
        Some(k) => Sha256::digest(k.as_bytes()).into(),
        None => {
            let mut k = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut k);
            k
        }
    });
}

/// HMAC-SHA256 (RFC 2104) with a 32-byte key.
pub(crate) fn hmac_sha256(key: &[u8; 32], message: &[u8]) -> [u8; 32] {
    let mut inner_pad = [0x36u8; 64];
    let mut outer_pad = [0x5cu8; 64];
    for (i, b) in key.iter().enumerate() {
        inner_pad[i] ^= b;
        outer_pad[i] ^= b;
    }
    let inner = Sha256::new()
        .chain_update(inner_pad)
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(outer_pad)
        .chain_update(inner)
        .finalize()
        .into()
}

/// A keyed hash standing for `value` in the log: equal values give equal
/// pseudonyms (within one key), and without the key it cannot be reversed
/// by trying candidate addresses or VINs. Case-insensitive.
pub fn pseudonym(value: &str) -> String {
    let key = KEY.get_or_init(|| {
        let mut k = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut k);
        k
    });
    let mac = hmac_sha256(key, value.trim().to_lowercase().as_bytes());
    format!("h:{}", hex::encode(&mac[..8]))
}

/// Replaces every e-mail address and VIN in `line` by its [`pseudonym`].
pub fn scrub(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = email_at(&chars, i).or_else(|| vin_at(&chars, i)) {
            let value: String = chars[i..end].iter().collect();
            out.push_str(&pseudonym(&value));
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-'".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-'
}

/// The end of an e-mail address starting at `i` (a local part that is not
/// the tail of a longer one, `@`, a domain with a dot).
fn email_at(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && is_local_char(chars[i - 1]) {
        return None;
    }
    let mut at = i;
    while at < chars.len() && is_local_char(chars[at]) {
        at += 1;
    }
    if at == i || chars.get(at) != Some(&'@') {
        return None;
    }
    let mut end = at + 1;
    while end < chars.len() && is_domain_char(chars[end]) {
        end += 1;
    }
    // Trailing dots belong to the sentence, not the domain.
    while end > at + 1 && chars[end - 1] == '.' {
        end -= 1;
    }
    let domain: String = chars[at + 1..end].iter().collect();
    domain
        .split_once('.')
        .is_some_and(|(host, tld)| !host.is_empty() && !tld.is_empty())
        .then_some(end)
}

/// The end of a VIN starting at `i`: exactly 17 upper-case letters (no I, O,
/// Q) and digits, with both, not part of a longer run of letters and digits.
fn vin_at(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && chars[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let end = i + 17;
    if end > chars.len() || chars.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let run = &chars[i..end];
    let ok = run
        .iter()
        .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"IOQ".contains(*c)))
        && run.iter().any(|c| c.is_ascii_digit())
        && run.iter().any(|c| c.is_ascii_uppercase());
    ok.then_some(end)
}

/// Standard output, every line scrubbed.
struct ScrubbedStdout;

impl<'a> MakeWriter<'a> for ScrubbedStdout {
    type Writer = Scrubbed<io::Stdout>;
    fn make_writer(&'a self) -> Self::Writer {
        Scrubbed(io::stdout())
    }
}

/// A writer that scrubs what it is given (the formatter writes one whole
/// event per call).
pub struct Scrubbed<W: Write>(W);

impl<W: Write> Write for Scrubbed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(scrub(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_1() {
        // A 20-byte key padded with zeros is the same HMAC key.
        let mut key = [0u8; 32];
        key[..20].fill(0x0b);
        assert_eq!(
            hex::encode(hmac_sha256(&key, b"Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
    }

    #[test]
    fn scrubs_addresses_and_vins() {
        let line = r#"{"to":"Els.Janssens+x@Example.be","path":"/api/vehicles/JTHAAAB61RJ790567/status","id":42}"#;
        let out = scrub(line);
        assert!(!out.contains("Janssens"), "{out}");
        assert!(!out.contains("JTHAAAB61RJ790567"), "{out}");
        assert!(
            out.contains(&pseudonym("els.janssens+x@example.be")),
            "{out}"
        );
        assert!(out.contains("/api/vehicles/h:"), "{out}");
        assert!(out.contains(r#""id":42"#));
        // Not addresses or VINs: left alone.
        for keep in [
            "user_id=7 signed in",
            "listening on 127.0.0.1:8080",
            "a@b",
            "0123456789abcdef0123456789abcdef",
            "ABCDEFGHJKLMNPRST",
            "JTHAAAB61RJ7905678",
        ] {
            assert_eq!(scrub(keep), keep);
        }
        assert_eq!(
            scrub("mail to a@b.be."),
            format!("mail to {}.", pseudonym("a@b.be"))
        );
    }
}
