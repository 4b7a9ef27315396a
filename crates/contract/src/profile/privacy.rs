//! Legal documents to (re-)accept (A4), the privacy rights (B5): sessions,
//! account deletion, and publishing a new legal version.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::legal::LegalKind;
use crate::Language;

/// A version of a legal document the user still has to accept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLegal {
    pub kind: LegalKind,
    pub version: u32,
}

/// POST /profile/legal/accept: accept the current version of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptLegalRequest {
    pub kind: LegalKind,
    pub version: u32,
}

/// One acceptance; the text is at `GET /legal/{kind}/{version}?lang={language}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedDocument {
    pub kind: LegalKind,
    pub version: u32,
    pub language: Language,
    pub accepted_at: DateTime<Utc>,
    pub user_agent: Option<String>,
}

/// GET /profile/legal: every acceptance, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedDocuments {
    pub documents: Vec<AcceptedDocument>,
}

/// One signed-in session of the user (ASVS 3.3.4). `id` is an opaque public
/// id of the session, never its cookie value or the stored hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: String,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The session this request came with.
    pub current: bool,
}

/// GET /profile/sessions: the current session first, then the most recently seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionList {
    pub sessions: Vec<SessionInfo>,
}

/// POST /account/delete: erasure, confirmed with the password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteAccountRequest {
    pub password: String,
}

/// POST /admin/legal (admin token): publish a new version of a legal
/// document in one language. `content` uses the server's document format
/// (`# Title`, `effective: YYYY-MM-DD`, `## Section` ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishLegalRequest {
    pub kind: LegalKind,
    pub version: u32,
    pub language: Language,
    pub content: String,
}
