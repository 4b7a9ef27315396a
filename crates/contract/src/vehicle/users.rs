//! Secondary users of a vehicle and their invitations (C3).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// POST /vehicles/{vin}/invitations (main user).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Expired,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub status: InvitationStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A secondary user of a vehicle, as the main user sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondaryUser {
    pub user_id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub added_at: DateTime<Utc>,
}

/// GET /vehicles/{vin}/users (main user).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehicleUsers {
    pub users: Vec<SecondaryUser>,
    /// Not yet accepted (pending or expired; accepted and revoked ones are
    /// gone), newest first, one page (`?limit=&before_id=`).
    pub invitations: Vec<Invitation>,
    /// Pass as `before_id` to get the next (older) page of invitations.
    #[serde(default)]
    pub next_before_id: Option<i64>,
}

/// POST /invitations/accept: the token from the invitation mail; the
/// signed-in account's address must be the invited one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    pub token: String,
}
