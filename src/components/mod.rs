//! Widgets shared by the pages.

pub mod cookie_notice;
pub mod error_summary;
pub mod field;
pub mod language_switch;
pub mod legal_dialog;
pub mod protected;
pub mod shell;
