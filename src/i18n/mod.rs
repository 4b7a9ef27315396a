//! Every text of the user interface, per language.
//!
//! A language is one `Texts` value with `&'static str` fields (checked by the
//! compiler: a new language cannot forget a text). Error texts are not here:
//! they come from `ErrorCode::message(lang)` in the contract, so the browser
//! and the server say the same thing.
//!
//! Dutch is the only language today; French and English (G1) add a module
//! each and a branch in [`texts`].

mod nl;

use mijn_lexus_contract::{Country, Language, Salutation};

/// The language the interface is shown in.
pub fn lang() -> Language {
    Language::Nl
}

/// The texts of the current language.
pub fn t() -> &'static Texts {
    texts(lang())
}

pub fn texts(lang: Language) -> &'static Texts {
    match lang {
        Language::Nl | Language::Fr | Language::En => &nl::TEXTS,
    }
}

/// "Aanmelden" -> "Aanmelden – Mijn Lexus"
pub fn document_title(page: &str) -> String {
    format!("{page} – {}", t().app_name)
}

pub struct Texts {
    // ---- application frame ----
    pub app_name: &'static str,
    pub skip_link: &'static str,
    pub home_link_label: &'static str,
    pub nav_label: &'static str,
    pub nav_profile: &'static str,
    pub nav_garage: &'static str,
    pub nav_map: &'static str,
    pub nav_trips: &'static str,
    pub nav_wallet: &'static str,
    pub sign_out: &'static str,
    pub sign_out_failed: &'static str,
    pub signed_in_as: &'static str,
    pub footer_text: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub session_unavailable: &'static str,

    // ---- cookie notice ----
    pub cookie_label: &'static str,
    pub cookie_text: &'static str,
    pub cookie_ok: &'static str,

    // ---- forms, shared ----
    pub no_connection: &'static str,
    pub summary_heading: &'static str,
    pub required_hint: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub show_password: &'static str,
    pub choose: &'static str,
    pub close: &'static str,
    pub check_email_title: &'static str,
    pub sign_in_link: &'static str,
    pub resend_confirmation: &'static str,
    pub resend_title: &'static str,
    pub resend_done: fn(&str) -> String,

    // ---- registration (A1) ----
    pub register_title: &'static str,
    pub register_intro: &'static str,
    pub register_personal: &'static str,
    pub register_account: &'static str,
    pub register_agreements: &'static str,
    pub salutation: &'static str,
    pub salutation_mr: &'static str,
    pub salutation_ms: &'static str,
    pub salutation_mx: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub password_hint: &'static str,
    pub password_confirmation: &'static str,
    pub country: &'static str,
    pub country_be: &'static str,
    pub country_nl: &'static str,
    pub country_lu: &'static str,
    pub country_fr: &'static str,
    pub country_de: &'static str,
    pub language: &'static str,
    pub mobile_phone: &'static str,
    pub mobile_phone_hint: &'static str,
    pub accept_terms: &'static str,
    pub read_terms: &'static str,
    pub accept_privacy: &'static str,
    pub read_privacy: &'static str,
    pub marketing_consent: &'static str,
    pub marketing_hint: &'static str,
    pub register_submit: &'static str,
    pub register_have_account: &'static str,
    pub register_done: fn(&str) -> String,
    pub register_done_next: &'static str,

    // ---- legal documents ----
    pub terms_title: &'static str,
    pub privacy_title: &'static str,
    pub legal_version: fn(u32, &str) -> String,

    // ---- e-mail confirmation ----
    pub confirm_title: &'static str,
    pub confirm_busy: &'static str,
    pub confirm_done_title: &'static str,
    pub confirm_done_text: &'static str,
    pub confirm_failed_title: &'static str,
    pub confirm_resend_intro: &'static str,

    // ---- sign in (A2) ----
    pub sign_in_title: &'static str,
    pub sign_in_submit: &'static str,
    pub sign_in_forgot: &'static str,
    pub sign_in_no_account: &'static str,
    pub sign_in_register: &'static str,
    pub sign_in_shared_computer: &'static str,

    // ---- password reset (A3) ----
    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub forgot_submit: &'static str,
    pub forgot_done: fn(&str) -> String,
    pub forgot_done_next: &'static str,
    pub reset_title: &'static str,
    pub reset_intro: &'static str,
    pub new_password: &'static str,
    pub new_password_confirmation: &'static str,
    pub reset_submit: &'static str,
    pub reset_done_title: &'static str,
    pub reset_done_text: &'static str,
    pub reset_new_link: &'static str,

    // ---- signed-in pages ----
    pub home_title: fn(&str) -> String,
    pub home_document_title: &'static str,
    pub home_intro: &'static str,
    pub profile_title: &'static str,
    pub profile_tile: &'static str,
    pub garage_title: &'static str,
    pub garage_tile: &'static str,
    pub map_title: &'static str,
    pub map_tile: &'static str,
    pub trips_title: &'static str,
    pub trips_tile: &'static str,
    pub wallet_title: &'static str,
    pub wallet_tile: &'static str,
    pub section_under_construction: &'static str,
    pub back_home: &'static str,

    // ---- not found ----
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_link: &'static str,
}

impl Texts {
    pub fn salutation(&self, s: Salutation) -> &'static str {
        match s {
            Salutation::Mr => self.salutation_mr,
            Salutation::Ms => self.salutation_ms,
            Salutation::Mx => self.salutation_mx,
        }
    }

    pub fn country(&self, c: Country) -> &'static str {
        match c {
            Country::Be => self.country_be,
            Country::Nl => self.country_nl,
            Country::Lu => self.country_lu,
            Country::Fr => self.country_fr,
            Country::De => self.country_de,
        }
    }
}
