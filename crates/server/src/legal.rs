//! The legal documents shipped with the server (content/legal/), parsed once
//! and synchronised into the `legal_documents` table at start.
//!
//! File format: line 1 `# Title`, line 2 `effective: YYYY-MM-DD`, then
//! `## Heading` lines opening sections; paragraphs are separated by blank
//! lines (their lines joined with a space) and every line starting with `- `
//! is a paragraph of its own (a list item, keeping the `- `).

pub mod acceptances;

use anyhow::{bail, Context};
use chrono::NaiveDate;
use std::sync::RwLock;

use mijn_lexus_contract::legal::{LegalDocument, LegalKind, LegalSection};
use mijn_lexus_contract::profile::PendingLegal;
use mijn_lexus_contract::Language;
use sqlx::SqlitePool;

use crate::security::sha256_hex;

/// Every file: kind, version, language, text. Add new versions and
/// translations here (G1: `terms.v1.fr.md`, `terms.v1.en.md`,
/// `privacy.v1.fr.md`, `privacy.v1.en.md` go next to the Dutch ones); a
/// missing language falls back to Dutch. Versions published later through
/// the admin API or `publish-legal` live in the database only.
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
    (
        LegalKind::Terms,
        1,
        Language::Fr,
        include_str!("../content/legal/terms.v1.fr.md"),
    ),
    (
        LegalKind::Terms,
        1,
        Language::En,
        include_str!("../content/legal/terms.v1.en.md"),
    ),
    (
        LegalKind::Privacy,
        1,
        Language::Fr,
        include_str!("../content/legal/privacy.v1.fr.md"),
    ),
    (
        LegalKind::Privacy,
        1,
        Language::En,
        include_str!("../content/legal/privacy.v1.en.md"),
    ),
];

#[derive(sqlx::FromRow)]
struct StoredDocument {
    kind: String,
    version: i64,
    language: String,
    content: String,
}

struct Entry {
    doc: LegalDocument,
    effective: NaiveDate,
}

/// The legal documents in force: the shipped ones plus every version
/// published later (admin API, `publish-legal`), as stored in the database.
pub struct LegalCatalog {
    entries: RwLock<Vec<Entry>>,
}

/// Why a version cannot be published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("this version already exists in this language")]
    Exists,
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl LegalCatalog {
    /// Parses the embedded documents; fails on a malformed file.
    pub fn load() -> anyhow::Result<LegalCatalog> {
        let mut entries = Vec::new();
        for &(kind, version, language, source) in SOURCES {
            entries.push(entry(kind, version, language, source)?);
        }
        Ok(LegalCatalog {
            entries: RwLock::new(entries),
        })
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Entry>> {
        self.entries.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The version in force on `today`: the highest whose effective date has
    /// come. Before the first one takes effect, the first one.
    pub fn current_version(&self, kind: LegalKind, today: NaiveDate) -> Option<u32> {
        let entries = self.read();
        let of_kind = entries.iter().filter(|e| e.doc.kind == kind);
        of_kind
            .clone()
            .filter(|e| e.effective <= today)
            .map(|e| e.doc.version)
            .max()
            .or_else(|| of_kind.map(|e| e.doc.version).min())
    }

    /// A given version in `lang`, falling back to Dutch.
    pub fn get(&self, kind: LegalKind, version: u32, lang: Language) -> Option<LegalDocument> {
        let entries = self.read();
        let find = |l: Language| {
            entries
                .iter()
                .find(|e| e.doc.kind == kind && e.doc.version == version && e.doc.language == l)
                .map(|e| e.doc.clone())
        };
        find(lang).or_else(|| find(Language::Nl))
    }

    /// The current versions not covered by `accepted` (highest accepted
    /// version per kind): what a user must accept before going on.
    pub fn pending(&self, accepted: &[(LegalKind, u32)], today: NaiveDate) -> Vec<PendingLegal> {
        LegalKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let current = self.current_version(kind, today)?;
                let have = accepted
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, v)| *v)
                    .max()
                    .unwrap_or(0);
                (have < current).then_some(PendingLegal {
                    kind,
                    version: current,
                })
            })
            .collect()
    }

    /// Inserts every shipped document missing from the database (warns when
    /// a stored one differs: published versions must not change), then
    /// reads the whole table.
    pub async fn sync(&self, db: &SqlitePool, now: i64) -> anyhow::Result<()> {
        for &(kind, version, language, source) in SOURCES {
            let hash = sha256_hex(source);
            let stored: Option<String> = sqlx::query_scalar(
                "SELECT content_sha256 FROM legal_documents WHERE kind = ? AND version = ? AND language = ?",
            )
            .bind(kind.slug())
            .bind(version)
            .bind(language.code())
            .fetch_optional(db)
            .await?;
            match stored {
                Some(stored) if stored != hash => tracing::warn!(
                    kind = kind.slug(),
                    version,
                    language = language.code(),
                    "published legal document changed; publish a new version instead"
                ),
                Some(_) => {}
                None => {
                    let e = entry(kind, version, language, source)?;
                    insert(db, &e.doc, source, now).await?;
                }
            }
        }
        self.reload(db).await
    }

    /// Reads every stored version (also those published while running).
    pub async fn reload(&self, db: &SqlitePool) -> anyhow::Result<()> {
        let rows: Vec<StoredDocument> =
            sqlx::query_as("SELECT kind, version, language, content FROM legal_documents")
                .fetch_all(db)
                .await?;
        let mut entries = Vec::new();
        for StoredDocument {
            kind,
            version,
            language,
            content,
        } in rows
        {
            let (Some(kind), Some(language), Ok(version)) = (
                LegalKind::from_slug(&kind),
                Language::from_code(&language),
                u32::try_from(version),
            ) else {
                continue;
            };
            match entry(kind, version, language, &content) {
                Ok(e) => entries.push(e),
                Err(e) => {
                    tracing::error!(error = format!("{e:#}"), "stored legal document unreadable")
                }
            }
        }
        *self.entries.write().unwrap_or_else(|e| e.into_inner()) = entries;
        Ok(())
    }

    /// Publishes a version in one language and adds it to the catalog.
    /// A new version must be higher than every existing one of its kind and
    /// come in Dutch first; translations of an existing version may follow.
    pub async fn publish(
        &self,
        db: &SqlitePool,
        kind: LegalKind,
        version: u32,
        language: Language,
        source: &str,
        now: i64,
    ) -> Result<LegalDocument, PublishError> {
        let e = entry(kind, version, language, source)
            .map_err(|e| PublishError::Invalid(format!("{e:#}")))?;
        {
            let entries = self.read();
            let of_kind = || entries.iter().filter(|x| x.doc.kind == kind);
            if of_kind().any(|x| x.doc.version == version && x.doc.language == language) {
                return Err(PublishError::Exists);
            }
            let known = of_kind().any(|x| x.doc.version == version);
            let max = of_kind().map(|x| x.doc.version).max().unwrap_or(0);
            if !known && version <= max {
                return Err(PublishError::Invalid(format!(
                    "version {version} is not higher than the latest ({max})"
                )));
            }
            if !known && language != Language::Nl {
                return Err(PublishError::Invalid(
                    "a new version is published in Dutch first".into(),
                ));
            }
        }
        match insert(db, &e.doc, source, now).await {
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                return Err(PublishError::Exists)
            }
            other => other?,
        }
        let doc = e.doc.clone();
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .push(e);
        tracing::info!(
            kind = kind.slug(),
            version,
            language = language.code(),
            effective = %doc.effective_date,
            "legal document published"
        );
        Ok(doc)
    }
}

fn entry(kind: LegalKind, version: u32, language: Language, source: &str) -> anyhow::Result<Entry> {
    let doc = parse(kind, version, language, source).with_context(|| {
        format!(
            "legal document {}.v{version}.{}",
            kind.slug(),
            language.code()
        )
    })?;
    let effective = NaiveDate::parse_from_str(&doc.effective_date, "%Y-%m-%d")?;
    Ok(Entry { doc, effective })
}

async fn insert(
    db: &SqlitePool,
    doc: &LegalDocument,
    source: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO legal_documents
         (kind, version, language, title, effective_date, content_sha256, content, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(doc.kind.slug())
    .bind(doc.version)
    .bind(doc.language.code())
    .bind(&doc.title)
    .bind(&doc.effective_date)
    .bind(sha256_hex(source))
    .bind(source)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
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
        for lang in Language::ALL {
            let doc = c.get(LegalKind::Privacy, 1, lang).unwrap();
            assert_eq!(doc.language, lang);
            assert!(!doc.sections.is_empty());
            let doc = c.get(LegalKind::Terms, 1, lang).unwrap();
            assert_eq!(doc.language, lang);
        }
        assert!(c.get(LegalKind::Terms, 99, Language::Nl).is_none());
    }
}
