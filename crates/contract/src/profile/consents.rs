//! Consents for marketing and data use (B4), each with its history.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    MarketingEmail,
    MarketingPhone,
    Newsletter,
    DealerDataSharing,
}

impl ConsentKind {
    pub const ALL: [ConsentKind; 4] = [
        ConsentKind::MarketingEmail,
        ConsentKind::MarketingPhone,
        ConsentKind::Newsletter,
        ConsentKind::DealerDataSharing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConsentKind::MarketingEmail => "marketing_email",
            ConsentKind::MarketingPhone => "marketing_phone",
            ConsentKind::Newsletter => "newsletter",
            ConsentKind::DealerDataSharing => "dealer_data_sharing",
        }
    }

    pub fn from_code(code: &str) -> Option<ConsentKind> {
        ConsentKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The current choice for one kind. Never asked: `granted` false, `since` None.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentState {
    pub kind: ConsentKind,
    pub granted: bool,
    pub since: Option<DateTime<Utc>>,
}

/// One recorded choice (rows are only ever added).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub kind: ConsentKind,
    pub granted: bool,
    pub recorded_at: DateTime<Utc>,
    /// The device (user agent) the choice was made on.
    pub user_agent: Option<String>,
    /// "registration", "profile", ...
    pub source: String,
}

/// GET /profile/consents?limit=&before_id=: current state per kind (all
/// four, fixed order) and one page of the history, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consents {
    pub current: Vec<ConsentState>,
    pub history: Vec<ConsentRecord>,
    /// Pass as `before_id` to get the next (older) page of the history.
    #[serde(default)]
    pub next_before_id: Option<i64>,
}

/// PUT /profile/consents/{kind}
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetConsentRequest {
    pub granted: bool,
}
