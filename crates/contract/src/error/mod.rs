//! Stable error codes and the JSON error body of the API.
//!
//! Codes are part of the public contract: the SPA maps them to texts in the
//! user's language, tests assert on them, and they never change meaning.

// The codes (code.rs), their wire names and HTTP statuses (wire.rs) and
// their texts in nl/fr/en (messages.rs) each have a file; the public paths
// stay `crate::error::...`.
mod code;
mod messages;
mod wire;

pub use code::ErrorCode;

use serde::{Deserialize, Serialize};

use crate::Language;

/// A problem with one field of a request. `field` is the JSON field name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
    /// Human-readable text in the request's language (filled in by the
    /// server; the SPA shows its own text for `code`).
    #[serde(default)]
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: ErrorCode) -> FieldError {
        FieldError {
            field: field.to_owned(),
            code,
            message: code.message(Language::Nl).to_owned(),
        }
    }
}

/// The JSON body of every non-2xx API answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

impl ApiError {
    pub fn new(code: ErrorCode, lang: Language) -> ApiError {
        ApiError {
            code,
            message: code.message(lang).to_owned(),
            fields: Vec::new(),
        }
    }

    /// A `validation_failed` error carrying the given field errors, their
    /// messages in `lang`.
    pub fn validation(fields: Vec<FieldError>, lang: Language) -> ApiError {
        ApiError {
            code: ErrorCode::ValidationFailed,
            message: ErrorCode::ValidationFailed.message(lang).to_owned(),
            fields: fields
                .into_iter()
                .map(|f| FieldError {
                    message: f.code.message(lang).to_owned(),
                    ..f
                })
                .collect(),
        }
    }

    /// The first error reported for `field`, if any.
    pub fn field(&self, field: &str) -> Option<ErrorCode> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.code)
    }
}
