//! "Mijn Profiel" (B1-B5, A4): the `/profile`, `/dealers` and `/account` routes.

use gloo_net::http::Method;
use mijn_lexus_contract::account::{ConfirmEmailRequest, SessionState};
use mijn_lexus_contract::legal::{LegalDocument, LegalKind};
use mijn_lexus_contract::profile::{
    AcceptLegalRequest, AcceptedDocuments, ChangeEmailRequest, ChangePasswordRequest,
    ChooseDealerRequest, ConsentKind, Consents, DealerList, DeleteAccountRequest, EmergencyContact,
    EmergencyContactState, PreferredDealer, Profile, SessionList, SetConsentRequest,
    SetLanguageRequest, UpdateProfileRequest,
};
use mijn_lexus_contract::{routes, Language};

use super::{delete, get, mutate, post, post_ok, put, to_json, ApiResult};
use crate::config::{config, encode_query_value};
use crate::i18n::lang;
use crate::session::Session;

pub async fn profile() -> ApiResult<Profile> {
    get(routes::PROFILE).await
}

pub async fn update_profile(session: Session, body: &UpdateProfileRequest) -> ApiResult<Profile> {
    put(session, routes::PROFILE, body).await
}

/// Stores the language of the interface in the profile (the language switch).
pub async fn set_language(session: Session, language: Language) -> ApiResult<()> {
    let body = to_json(&SetLanguageRequest { language })?;
    mutate(session, Method::PUT, routes::PROFILE_LANGUAGE, Some(body))
        .await
        .map(drop)
}

/// The form values of `profile` as they are (the form starts from them).
pub fn as_update(p: &Profile) -> UpdateProfileRequest {
    UpdateProfileRequest {
        salutation: Some(p.salutation),
        first_name: p.first_name.clone(),
        last_name: p.last_name.clone(),
        birth_date: p.birth_date.map(|d| d.to_string()).unwrap_or_default(),
        language: Some(p.language),
        street: p.street.clone(),
        house_number: p.house_number.clone(),
        box_number: p.box_number.clone(),
        postcode: p.postcode.clone(),
        city: p.city.clone(),
        country: Some(p.country),
        mobile_phone: p.mobile_phone.clone().unwrap_or_default(),
        landline_phone: p.landline_phone.clone().unwrap_or_default(),
    }
}

pub async fn change_email(session: Session, body: &ChangeEmailRequest) -> ApiResult<()> {
    post_ok(session, routes::PROFILE_EMAIL, body).await
}

pub async fn confirm_email_change(session: Session, token: String) -> ApiResult<()> {
    post_ok(
        session,
        routes::PROFILE_EMAIL_CONFIRM,
        &ConfirmEmailRequest { token },
    )
    .await
}

pub async fn change_password(session: Session, body: &ChangePasswordRequest) -> ApiResult<()> {
    post_ok(session, routes::PROFILE_PASSWORD, body).await
}

pub async fn dealers(q: &str) -> ApiResult<DealerList> {
    get(&format!(
        "{}?q={}",
        routes::DEALERS,
        encode_query_value(q.trim())
    ))
    .await
}

pub async fn preferred_dealer() -> ApiResult<PreferredDealer> {
    get(routes::PROFILE_DEALER).await
}

pub async fn choose_dealer(session: Session, dealer_id: i64) -> ApiResult<PreferredDealer> {
    put(
        session,
        routes::PROFILE_DEALER,
        &ChooseDealerRequest { dealer_id },
    )
    .await
}

pub async fn clear_dealer(session: Session) -> ApiResult<()> {
    delete(session, routes::PROFILE_DEALER).await
}

pub async fn emergency_contact() -> ApiResult<EmergencyContactState> {
    get(routes::PROFILE_EMERGENCY_CONTACT).await
}

pub async fn save_emergency_contact(
    session: Session,
    contact: &EmergencyContact,
) -> ApiResult<EmergencyContactState> {
    put(session, routes::PROFILE_EMERGENCY_CONTACT, contact).await
}

pub async fn remove_emergency_contact(session: Session) -> ApiResult<()> {
    delete(session, routes::PROFILE_EMERGENCY_CONTACT).await
}

/// The user's signed-in sessions (this one first).
pub async fn sessions() -> ApiResult<SessionList> {
    get(routes::PROFILE_SESSIONS).await
}

/// Ends one of the user's sessions by its public id.
pub async fn end_session(session: Session, id: &str) -> ApiResult<()> {
    delete(session, &routes::profile_session(&encode_query_value(id))).await
}

/// Ends every session but this one.
pub async fn end_other_sessions(session: Session) -> ApiResult<()> {
    delete(session, routes::PROFILE_SESSIONS).await
}

/// The consents and one page of their history, newest first; `before_id`:
/// the `next_before_id` of the page before.
pub async fn consents(before_id: Option<i64>) -> ApiResult<Consents> {
    match before_id {
        None => get(routes::PROFILE_CONSENTS).await,
        Some(id) => get(&format!("{}?before_id={id}", routes::PROFILE_CONSENTS)).await,
    }
}

pub async fn set_consent(
    session: Session,
    kind: ConsentKind,
    granted: bool,
) -> ApiResult<Consents> {
    put(
        session,
        &routes::profile_consent(kind.code()),
        &SetConsentRequest { granted },
    )
    .await
}

pub async fn accepted_documents() -> ApiResult<AcceptedDocuments> {
    get(routes::PROFILE_LEGAL).await
}

/// A given version of a legal document, in the interface language.
pub async fn legal_version(kind: LegalKind, version: u32) -> ApiResult<LegalDocument> {
    get(&format!(
        "{}/{}/{version}?lang={}",
        routes::LEGAL,
        kind.slug(),
        lang().code()
    ))
    .await
}

pub async fn accept_legal(session: Session, kind: LegalKind, version: u32) -> ApiResult<()> {
    let state: SessionState = post(
        session,
        routes::PROFILE_LEGAL_ACCEPT,
        &AcceptLegalRequest { kind, version },
    )
    .await?;
    session.apply(state);
    Ok(())
}

/// The URL of the export (an attachment: the browser downloads it).
pub fn export_url() -> String {
    config().api_url(routes::PROFILE_EXPORT)
}

pub async fn delete_account(session: Session, password: String) -> ApiResult<()> {
    post_ok(
        session,
        routes::ACCOUNT_DELETE,
        &DeleteAccountRequest { password },
    )
    .await
}
