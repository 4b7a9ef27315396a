//! "Mijn Profiel" (B1, B3, B4, A4 re-acceptance): personal data, e-mail and
//! password changes, emergency contact, consents, accepted legal documents.
//! Rules and SQL: [`crate::profile`], [`crate::accounts::passwords`],
//! [`crate::legal::acceptances`].
//!
//! Every handler works on the signed-in user's own rows only (`user_id`
//! from the session); no path or body names another user.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use mijn_lexus_contract::account::{Accepted, ConfirmEmailRequest, SessionState};
use mijn_lexus_contract::profile::{
    AcceptLegalRequest, AcceptedDocuments, ChangeEmailRequest, ChangePasswordRequest, ConsentKind,
    Consents, EmergencyContact, EmergencyContactState, Profile, SetConsentRequest,
    SetLanguageRequest, UpdateProfileRequest,
};
use mijn_lexus_contract::routes::{
    profile_consent, PROFILE, PROFILE_CONSENTS, PROFILE_EMAIL, PROFILE_EMAIL_CONFIRM,
    PROFILE_EMERGENCY_CONTACT, PROFILE_LANGUAGE, PROFILE_LEGAL, PROFILE_LEGAL_ACCEPT,
    PROFILE_PASSWORD,
};
use mijn_lexus_contract::{ErrorCode, FieldError};

use super::ApiJson;
use crate::accounts::passwords::{self, check_current_password};
use crate::accounts::{find_user, find_user_by_email, signed_in_user};
use crate::error::{AppError, AppResult};
use crate::legal::acceptances::{self, pending_legal, Acceptance};
use crate::mail::{self, templates};
use crate::paging::PageQuery;
use crate::profile::consents::{self, ConsentChange};
use crate::profile::{self, emergency_contact};
use crate::security::password;
use crate::security::session::{ClientInfo, SignedIn};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PROFILE, get(get_profile).put(update))
        .route(PROFILE_LANGUAGE, put(set_language))
        .route(PROFILE_EMAIL, post(change_email))
        .route(PROFILE_EMAIL_CONFIRM, post(confirm_email_change))
        .route(PROFILE_PASSWORD, post(change_password))
        .route(
            PROFILE_EMERGENCY_CONTACT,
            get(get_emergency_contact)
                .put(put_emergency_contact)
                .delete(delete_emergency_contact),
        )
        .route(PROFILE_CONSENTS, get(get_consents))
        .route(&profile_consent("{kind}"), put(set_consent))
        .route(PROFILE_LEGAL, get(accepted_documents))
        .route(PROFILE_LEGAL_ACCEPT, post(accept_legal))
}

/// GET /profile
pub async fn get_profile(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<Profile>> {
    Ok(Json(profile::load(&state, session.user_id).await?))
}

/// PUT /profile: every field at once (the form), normalised.
pub async fn update(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    ApiJson(req): ApiJson<UpdateProfileRequest>,
) -> AppResult<Json<Profile>> {
    let p = req.validate(state.clock.now().date_naive())?;
    profile::update(&state, session.user_id, &p).await?;
    Ok(Json(profile::load(&state, session.user_id).await?))
}

/// PUT /profile/language: the language switch of a signed-in user.
pub async fn set_language(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    ApiJson(req): ApiJson<SetLanguageRequest>,
) -> AppResult<StatusCode> {
    profile::set_language(&state, session.user_id, req.language).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// POST /profile/email: a link goes to the new address (always 202 once
/// the password is right; an address that already has an account gets a
/// notice instead of a link, so the answer does not tell who has one).
pub async fn change_email(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    client: ClientInfo,
    ApiJson(req): ApiJson<ChangeEmailRequest>,
) -> AppResult<(StatusCode, Json<Accepted>)> {
    let user = signed_in_user(&state.db, session.user_id).await?;
    let new_email = req.validate(&user.email)?;
    check_current_password(
        &state,
        &client,
        &user,
        &req.current_password,
        "current_password",
    )
    .await?;
    // Each request mails an address of the user's choosing: bounded per user.
    state
        .limits
        .email_change_user
        .hit(&user.id.to_string(), state.clock.now())
        .map_err(|secs| AppError::RateLimited {
            retry_after_secs: secs,
        })?;
    let answer = Accepted {
        message: templates::for_language(client.lang).email_change_accepted(new_email.as_str()),
    };
    if let Some(holder) = find_user_by_email(&state.db, new_email.as_str()).await? {
        // Told in the language of the account that has the address.
        state
            .mailer
            .send(mail::email_change_address_taken(&holder.recipient()))
            .await;
        return Ok((StatusCode::ACCEPTED, Json(answer)));
    }
    let link = profile::request_email_change(
        &state.db,
        &state.public_url,
        user.id,
        new_email.as_str(),
        state.clock.unix(),
    )
    .await?;
    state
        .mailer
        .send(mail::confirm_email_change(
            &user.recipient(),
            new_email.as_str(),
            &link,
        ))
        .await;
    Ok((StatusCode::ACCEPTED, Json(answer)))
}

/// POST /profile/email/confirm: the link from the mail switches the
/// address (409 `email_taken` when it got an account meanwhile); the old
/// address is told. No session needed: the token is the proof.
pub async fn confirm_email_change(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ConfirmEmailRequest>,
) -> AppResult<StatusCode> {
    let changed = profile::confirm_email_change(&state.db, &req.token, state.clock.unix()).await?;
    if let Some(user) = find_user(&state.db, changed.user_id).await? {
        state
            .mailer
            .send(mail::email_changed(
                &user.recipient(),
                &changed.old_email,
                &changed.new_email,
            ))
            .await;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// POST /profile/password: every other session of the user ends; this one
/// stays signed in.
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    client: ClientInfo,
    ApiJson(req): ApiJson<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    let user = signed_in_user(&state.db, session.user_id).await?;
    req.validate(&user.email, password::is_common)?;
    check_current_password(
        &state,
        &client,
        &user,
        &req.current_password,
        "current_password",
    )
    .await?;
    let hash = state.passwords.hash(req.new_password.clone()).await?;
    passwords::change(
        &state.db,
        user.id,
        &hash,
        &session.id_hash,
        state.clock.unix(),
    )
    .await?;
    state
        .mailer
        .send(mail::password_changed(&user.recipient()))
        .await;
    Ok(StatusCode::NO_CONTENT)
}

/// GET /profile/emergency-contact
pub async fn get_emergency_contact(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<EmergencyContactState>> {
    Ok(Json(
        emergency_contact::get(&state.db, session.user_id).await?,
    ))
}

/// PUT /profile/emergency-contact: set or replace.
pub async fn put_emergency_contact(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    ApiJson(req): ApiJson<EmergencyContact>,
) -> AppResult<Json<EmergencyContactState>> {
    let user = signed_in_user(&state.db, session.user_id).await?;
    let c = req.validate(user.country())?;
    emergency_contact::put(&state.db, user.id, &c, state.clock.unix()).await?;
    Ok(Json(emergency_contact::get(&state.db, user.id).await?))
}

/// DELETE /profile/emergency-contact
pub async fn delete_emergency_contact(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<StatusCode> {
    emergency_contact::delete(&state.db, session.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// GET /profile/consents?limit=&before_id=
pub async fn get_consents(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Query(page): Query<PageQuery>,
) -> AppResult<Json<Consents>> {
    Ok(Json(
        consents::consents(&state.db, session.user_id, &page).await?,
    ))
}

/// PUT /profile/consents/{kind}: grant or withdraw. Always a new row (also
/// when nothing changes: the user confirmed the choice on this device).
pub async fn set_consent(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    client: ClientInfo,
    Path(kind): Path<String>,
    ApiJson(req): ApiJson<SetConsentRequest>,
) -> AppResult<Json<Consents>> {
    let kind = ConsentKind::from_code(&kind).ok_or(AppError::Code(ErrorCode::NotFound))?;
    consents::record(
        &state.db,
        &ConsentChange {
            user_id: session.user_id,
            kind,
            granted: req.granted,
            user_agent: client.user_agent.as_deref(),
            source: "profile",
            at: state.clock.unix(),
        },
    )
    .await?;
    tracing::info!(
        user_id = session.user_id,
        kind = kind.code(),
        granted = req.granted,
        "consent recorded"
    );
    Ok(Json(
        consents::consents(&state.db, session.user_id, &PageQuery::default()).await?,
    ))
}

/// GET /profile/legal: every acceptance, oldest first.
pub async fn accepted_documents(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<AcceptedDocuments>> {
    let documents = acceptances::accepted_documents(&state.db, session.user_id).await?;
    Ok(Json(AcceptedDocuments { documents }))
}

/// POST /profile/legal/accept: accept the current version of a document
/// (in the user's language, Dutch when there is no translation). Earlier
/// acceptances stay. Answers the new session state.
pub async fn accept_legal(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    client: ClientInfo,
    ApiJson(req): ApiJson<AcceptLegalRequest>,
) -> AppResult<Json<SessionState>> {
    let user = signed_in_user(&state.db, session.user_id).await?;
    let today = state.clock.now().date_naive();
    if state.legal.current_version(req.kind, today) != Some(req.version) {
        return Err(AppError::Validation(vec![FieldError::new(
            "version",
            ErrorCode::LegalVersionOutdated,
        )]));
    }
    let doc = state
        .legal
        .get(req.kind, req.version, user.language())
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    acceptances::record(
        &state.db,
        &Acceptance {
            user_id: user.id,
            kind: req.kind,
            version: req.version,
            language: doc.language,
            user_agent: client.user_agent.as_deref(),
            at: state.clock.unix(),
        },
    )
    .await?;
    tracing::info!(
        user_id = user.id,
        kind = req.kind.slug(),
        version = req.version,
        "legal document accepted"
    );
    Ok(Json(SessionState {
        user: Some(user.summary()),
        csrf_token: session.csrf_token,
        pending_legal: pending_legal(&state, user.id).await?,
    }))
}
