//! Service appointment requests to the preferred dealer.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{ErrorCode, FieldError};

pub const SERVICE_NOTE_MAX_CHARS: usize = 1000;

/// POST /vehicles/{vin}/service-requests: ask the preferred dealer for an
/// appointment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRequestCreate {
    /// Must be after today.
    pub preferred_date: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

pub mod service_request_fields {
    pub const PREFERRED_DATE: &str = "preferred_date";
    pub const NOTE: &str = "note";
}

impl ServiceRequestCreate {
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        use service_request_fields as f;
        let mut errors = Vec::new();
        match self.preferred_date {
            None => errors.push(FieldError::new(f::PREFERRED_DATE, ErrorCode::Required)),
            Some(d) if d <= today => {
                errors.push(FieldError::new(f::PREFERRED_DATE, ErrorCode::DateInPast))
            }
            Some(d) if d > today + chrono::Days::new(366) => {
                errors.push(FieldError::new(f::PREFERRED_DATE, ErrorCode::OutOfRange))
            }
            Some(_) => {}
        }
        if self.note.chars().count() > SERVICE_NOTE_MAX_CHARS {
            errors.push(FieldError::new(f::NOTE, ErrorCode::TooLong));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequest {
    pub id: i64,
    pub vin: String,
    pub preferred_date: NaiveDate,
    pub note: String,
    /// None until the dealer directory (B2) exists.
    pub dealer_id: Option<i64>,
    /// "requested"
    pub status: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequestList {
    /// Newest first (`?limit=&before_id=`).
    pub requests: Vec<ServiceRequest>,
    /// Pass as `before_id` to get the next (older) page.
    #[serde(default)]
    pub next_before_id: Option<i64>,
}
