//! One module per route (see docs/architecture.md, "SPA routes").

pub mod confirm;
pub mod forgot_password;
pub mod garage;
pub mod home;
pub mod map;
pub mod not_found;
pub mod profile;
pub mod register;
pub mod reset_password;
pub mod sign_in;
pub mod trips;
pub mod wallet;
