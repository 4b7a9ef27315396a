//! The garage: add with proof, takeover, lockout, privacy between users,
//! secondary users, status and service requests, chargers.
//!
//! One file per feature: adding and taking over (C1, add.rs), strangers
//! (strangers.rs), secondary users and invitations (C3, users.rs), status,
//! trips, location and service requests (C4, status.rs), chargers (C5,
//! chargers.rs).

mod add;
mod chargers;
mod status;
mod strangers;
mod users;

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const VIN: &str = "JTHBAAHB2P1234567";
