//! The API integration tests: one binary (links the server once), one module per area.
//! Each test starts the real application on a random port with a fresh database.

#![allow(dead_code)]

mod common;

mod client_address;
mod consents;
mod embed;
mod garage;
mod housekeeping;
mod ingest;
mod legal_versions;
mod limits;
mod lockout;
mod mail_language;
mod map;
mod password_reset;
mod privacy;
mod profile;
mod publish_legal_command;
mod registration;
mod reset_timing;
mod retention;
mod security;
mod server_binary;
mod sessions;
mod sign_in;
mod simulator;
mod unknown_fields;
mod vehicle_proofs;
// ---- share to car, charge points (D3, D4) ----
mod charging;
mod sharing;
// ---- trips, logbook, coaching (E1-E4) ----
mod trips;
mod trips_coaching;
mod trips_logbook;
// ---- services, invoices (F1, F3) ----
mod services;
// ---- wallet, payments (F2) ----
mod wallet;
// ---- remote (F4) ----
mod remote;
