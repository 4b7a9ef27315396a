//! The API integration tests: one binary (links the server once), one module per area.
//! Each test starts the real application on a random port with a fresh database.

#![allow(dead_code)]

mod common;

mod consents;
mod embed;
mod garage;
mod ingest;
mod legal_versions;
mod mail_language;
mod password_reset;
mod privacy;
mod profile;
mod publish_legal_command;
mod registration;
mod retention;
mod security;
mod sign_in;
mod simulator;
