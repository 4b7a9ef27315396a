//! Versioned legal documents: the terms of use and the privacy policy (A4).

use serde::{Deserialize, Serialize};

use crate::Language;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalKind {
    /// Gebruiksvoorwaarden
    Terms,
    /// Privacybeleid
    Privacy,
}

impl LegalKind {
    pub const ALL: [LegalKind; 2] = [LegalKind::Terms, LegalKind::Privacy];

    /// The path segment in `/legal/{kind}`.
    pub fn slug(self) -> &'static str {
        match self {
            LegalKind::Terms => "terms",
            LegalKind::Privacy => "privacy",
        }
    }

    pub fn from_slug(slug: &str) -> Option<LegalKind> {
        LegalKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// One version of a legal document in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalDocument {
    pub kind: LegalKind,
    pub version: u32,
    pub language: Language,
    pub title: String,
    /// ISO date (`2026-11-01`) from which this version applies.
    pub effective_date: String,
    pub sections: Vec<LegalSection>,
}

/// A numbered section: a heading and its paragraphs. A paragraph that starts
/// with "- " is a list item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}
