//! The legal documents shipped with the server (content/legal/), parsed once
//! and synchronised into the `legal_documents` table at start.
//!
//! File format: line 1 `# Title`, line 2 `effective: YYYY-MM-DD`, then
//! `## Heading` lines opening sections; paragraphs are separated by blank
//! lines (their lines joined with a space) and every line starting with `- `
//! is a paragraph of its own (a list item, keeping the `- `).

use anyhow::{bail, Context};
use chrono::NaiveDate;
use mijn_lexus_contract::legal::{LegalDocument, LegalKind, LegalSection};
use mijn_lexus_contract::Language;
use sqlx::SqlitePool;

use crate::security::sha256_hex;

/// Every file: kind, version, language, text. Add new versions here.
const SOURCES: &[(LegalKind, u32, Language, &str)] = &[
    (
        LegalKind::Terms,
        1,
        Language::Nl,
        include_str!("../content/legal/terms.v1.nl.md"),
    ),
    (
        LegalKind::Privacy,
        1,
        Language::Nl,
        include_str!("../content/legal/privacy.v1.nl.md"),
    ),
];

struct Entry {
    doc: LegalDocument,
    effective: NaiveDate,
    source: &'static str,
}

pub struct LegalCatalog {
    entries: Vec<Entry>,
}

impl LegalCatalog {
    /// Parses the embedded documents; fails on a malformed file.
    pub fn load() -> anyhow::Result<LegalCatalog> {
        let mut entries = Vec::new();
        for &(kind, version, language, source) in SOURCES {
            let doc = parse(kind, version, language, source).with_context(|| {
                format!(
                    "legal document {}.v{version}.{}",
                    kind.slug(),
                    language.code()
                )
            })?;
            let effective = NaiveDate::parse_from_str(&doc.effective_date, "%Y-%m-%d")?;
            entries.push(Entry {
                doc,
                effective,
                source,
            });
        }
        Ok(LegalCatalog { entries })
    }

    /// The version in force on `today`: the highest whose effective date has
    /// come. Before the first one takes effect, the first one.
    pub fn current_version(&self, kind: LegalKind, today: NaiveDate) -> Option<u32> {
        let of_kind = self.entries.iter().filter(|e| e.doc.kind == kind);
        of_kind
            .clone()
            .filter(|e| e.effective <= today)
            .map(|e| e.doc.version)
            .max()
            .or_else(|| of_kind.map(|e| e.doc.version).min())
    }

    /// A given version in `lang`, falling back to Dutch.
    pub fn get(&self, kind: LegalKind, version: u32, lang: Language) -> Option<&LegalDocument> {
        let find = |l: Language| {
            self.entries
                .iter()
                .find(|e| e.doc.kind == kind && e.doc.version == version && e.doc.language == l)
                .map(|e| &e.doc)
        };
        find(lang).or_else(|| find(Language::Nl))
    }

    /// Inserts every document missing from the database; warns when a stored
    /// one differs from the shipped text (published versions must not change).
    pub async fn sync(&self, db: &SqlitePool, now: i64) -> anyhow::Result<()> {
        for e in &self.entries {
            let hash = sha256_hex(e.source);
            let stored: Option<(String,)> = sqlx::query_as(
                "SELECT content_sha256 FROM legal_documents WHERE kind = ? AND version = ? AND language = ?",
            )
            .bind(e.doc.kind.slug())
            .bind(e.doc.version)
            .bind(e.doc.language.code())
            .fetch_optional(db)
            .await?;
            match stored {
                Some((stored,)) if stored != hash => tracing::warn!(
                    kind = e.doc.kind.slug(),
                    version = e.doc.version,
                    language = e.doc.language.code(),
                    "published legal document changed; publish a new version instead"
                ),
                Some(_) => {}
                None => {
                    sqlx::query(
                        "INSERT INTO legal_documents
                         (kind, version, language, title, effective_date, content_sha256, content, created_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    )
                    .bind(e.doc.kind.slug())
                    .bind(e.doc.version)
                    .bind(e.doc.language.code())
                    .bind(&e.doc.title)
                    .bind(&e.doc.effective_date)
                    .bind(&hash)
                    .bind(e.source)
                    .bind(now)
                    .execute(db)
                    .await?;
                }
            }
        }
        Ok(())
    }
}

pub fn parse(
    kind: LegalKind,
    version: u32,
    language: Language,
    source: &str,
) -> anyhow::Result<LegalDocument> {
    let mut lines = source.lines();
    let title = lines
        .next()
        .and_then(|l| l.strip_prefix("# "))
        .context("line 1 must be '# Title'")?
        .trim()
        .to_owned();
    let effective_date = lines
        .next()
        .and_then(|l| l.strip_prefix("effective:"))
        .context("line 2 must be 'effective: YYYY-MM-DD'")?
        .trim()
        .to_owned();
    NaiveDate::parse_from_str(&effective_date, "%Y-%m-%d").context("effective date")?;

    let mut sections: Vec<LegalSection> = Vec::new();
    let mut paragraph = String::new();
    fn flush(sections: &mut [LegalSection], paragraph: &mut String) {
        if !paragraph.is_empty() {
            if let Some(s) = sections.last_mut() {
                s.paragraphs.push(std::mem::take(paragraph));
            }
            paragraph.clear();
        }
    }
    for line in lines {
        let line = line.trim_end();
        if let Some(heading) = line.strip_prefix("## ") {
            flush(&mut sections, &mut paragraph);
            sections.push(LegalSection {
                heading: heading.trim().to_owned(),
                paragraphs: Vec::new(),
            });
        } else if line.trim().is_empty() {
            flush(&mut sections, &mut paragraph);
        } else if sections.is_empty() {
            bail!("text before the first '## ' heading: {line}");
        } else if line.starts_with("- ") {
            flush(&mut sections, &mut paragraph);
            paragraph.push_str(line);
            flush(&mut sections, &mut paragraph);
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(line.trim());
        }
    }
    flush(&mut sections, &mut paragraph);
    if sections.is_empty() {
        bail!("no sections");
    }
    Ok(LegalDocument {
        kind,
        version,
        language,
        title,
        effective_date,
        sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_format() {
        let src = "# Titel\neffective: 2026-01-01\n\n## 1. Een\n\nRegel een\nregel twee.\n\n- punt a\n- punt b\nNa de lijst.\n\n## 2. Twee\nTekst.\n";
        let doc = parse(LegalKind::Terms, 1, Language::Nl, src).unwrap();
        assert_eq!(doc.title, "Titel");
        assert_eq!(doc.effective_date, "2026-01-01");
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(
            doc.sections[0].paragraphs,
            [
                "Regel een regel twee.",
                "- punt a",
                "- punt b",
                "Na de lijst."
            ]
        );
        assert_eq!(doc.sections[1].paragraphs, ["Tekst."]);
    }

    #[test]
    fn shipped_documents_parse() {
        let c = LegalCatalog::load().unwrap();
        let today = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        assert_eq!(c.current_version(LegalKind::Terms, today), Some(1));
        let doc = c.get(LegalKind::Privacy, 1, Language::Fr).unwrap();
        assert_eq!(doc.language, Language::Nl);
        assert!(!doc.sections.is_empty());
        assert!(c.get(LegalKind::Terms, 99, Language::Nl).is_none());
    }
}
