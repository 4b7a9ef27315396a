//! The garage (C1-C4): vehicles, their users and rights, status, warning
//! lights, service appointments, and location as the SPA reads them
//! (trips: [`crate::trips`]).
//!
//! Times are RFC 3339 in UTC (`2026-03-01T08:15:00Z`); dates are ISO
//! (`2026-05-01`); distances km, volumes litres, energy kWh, power kW.

// Each concept has its own file; everything is re-exported here so the
// public paths stay `crate::vehicle::...`.
mod access;
mod identity;
mod service;
mod status;
mod users;
mod warning_lights;

pub use access::*;
pub use identity::*;
pub use service::*;
pub use status::*;
pub use users::*;
pub use warning_lights::*;
