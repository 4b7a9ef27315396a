//! Widgets shared by the pages.

pub mod card;
pub mod chart;
pub mod confirm_action;
pub mod cookie_notice;
pub mod error_summary;
pub mod field;
pub mod language_switch;
pub mod legal_dialog;
pub mod loading;
pub mod map;
pub mod page_frame;
pub mod protected;
pub mod section_nav;
pub mod shell;
pub mod table;
pub mod vehicle_choice;
