//! /register: "Account aanmaken" (A1).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::account::{register_fields as f, NewAccount, RegisterRequest};
use mijn_lexus_contract::legal::{LegalDocument, LegalKind};
use mijn_lexus_contract::{routes, Country, ErrorCode, Language, Salutation};

use crate::api::{self, ClientError};
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{CheckboxField, Field, SelectField, SubmitButton};
use crate::components::legal_dialog::{current_document, LegalDialog};
use crate::components::loading::ApiResource;
use crate::config::config;
use crate::forms::{focus_id, set_title, FormState};
use crate::i18n::t;
use crate::session::use_session;

/// The version of the document the person could read; loads it again if
/// that failed.
async fn current_version(doc: ApiResource<LegalDocument>) -> Result<u32, ClientError> {
    if doc.with_untracked(|d| matches!(d, Some(Err(_)))) {
        doc.refetch();
    }
    doc.await.map(|d| d.version)
}

/// Server field names that are shown at another control.
fn field_id(field: &str) -> String {
    match field {
        "terms_version" => f::ACCEPT_TERMS,
        "privacy_version" => f::ACCEPT_PRIVACY,
        other => other,
    }
    .to_owned()
}

#[component]
pub fn Register() -> impl IntoView {
    let tx = t();
    set_title(tx.account.register_title.as_str());
    let session = use_session();
    let form = FormState::new();

    let salutation = RwSignal::new(String::new());
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let password_confirmation = RwSignal::new(String::new());
    let country = RwSignal::new(String::new());
    let language = RwSignal::new(Language::Nl.code().to_owned());
    let mobile_phone = RwSignal::new(String::new());
    let accept_terms = RwSignal::new(false);
    let accept_privacy = RwSignal::new(false);
    let marketing_consent = RwSignal::new(false);
    let show_password = RwSignal::new(false);

    let terms = current_document(LegalKind::Terms);
    let privacy = current_document(LegalKind::Privacy);

    // The address the confirmation mail went to, once registered.
    let registered = RwSignal::new(None::<String>);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let mut request = RegisterRequest {
            salutation: Salutation::from_code(&salutation.get_untracked()),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
            password_confirmation: password_confirmation.get_untracked(),
            country: Country::from_code(&country.get_untracked()),
            language: Language::from_code(&language.get_untracked()),
            mobile_phone: mobile_phone.get_untracked(),
            accept_terms: accept_terms.get_untracked(),
            terms_version: 0,
            accept_privacy: accept_privacy.get_untracked(),
            privacy_version: 0,
            marketing_consent: marketing_consent.get_untracked(),
        };
        // The same rules as the server (the common-password list excepted:
        // its verdict comes back as a field error).
        if let Err(errors) = NewAccount::parse(&request, |_| false) {
            form.fail_fields(errors);
            return;
        }
        let address = request.email.trim().to_owned();
        let send = async move {
            let versions = match (current_version(terms).await, current_version(privacy).await) {
                (Ok(t), Ok(p)) => Ok((t, p)),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            let (terms_version, privacy_version) = versions?;
            request.terms_version = terms_version;
            request.privacy_version = privacy_version;
            let result = api::post_ok(session, routes::ACCOUNTS, &request).await;
            // A new version was published meanwhile: show it.
            if let Err(e) = &result {
                if e.fields()
                    .iter()
                    .any(|f| f.code == ErrorCode::LegalVersionOutdated)
                {
                    terms.refetch();
                    privacy.refetch();
                }
            }
            result
        };
        form.submit_mapped(
            send,
            move |()| {
                password.set(String::new());
                password_confirmation.set(String::new());
                registered.set(Some(address));
                set_title(t().common.check_email_title.as_str());
                focus_id("registratie-klaar");
            },
            field_id,
        );
    };

    let labels = vec![
        (f::SALUTATION, tx.common.salutation.as_str()),
        (f::FIRST_NAME, tx.common.first_name.as_str()),
        (f::LAST_NAME, tx.common.last_name.as_str()),
        (f::EMAIL, tx.common.email.as_str()),
        (f::PASSWORD, tx.common.password.as_str()),
        (
            f::PASSWORD_CONFIRMATION,
            tx.account.password_confirmation.as_str(),
        ),
        (f::COUNTRY, tx.common.country.as_str()),
        (f::LANGUAGE, tx.common.language.as_str()),
        (f::MOBILE_PHONE, tx.account.mobile_phone.as_str()),
        (f::ACCEPT_TERMS, tx.account.terms_title.as_str()),
        (f::ACCEPT_PRIVACY, tx.account.privacy_title.as_str()),
    ];
    let salutations = Salutation::ALL
        .into_iter()
        .map(|s| (s.code(), tx.common.salutation(s)))
        .collect::<Vec<_>>();
    let countries = Country::ALL
        .into_iter()
        .map(|c| (c.code(), tx.common.country(c)))
        .collect::<Vec<_>>();
    let languages = Language::ALL
        .into_iter()
        .map(|l| (l.code(), l.endonym()))
        .collect::<Vec<_>>();

    let form_view = view! {
        <div class="ml-page ml-page--narrow">
            <h1 class="ml-title" tabindex="-1">{tx.account.register_title.as_str()}</h1>
            <p class="ml-lead">{tx.account.register_intro.as_str()}</p>
            <ErrorSummary form=form labels=labels />
            <form class="ml-form ml-card" novalidate on:submit=submit>
                <p class="ml-muted">{tx.common.required_hint.as_str()}</p>
                <fieldset class="ml-fieldset">
                    <legend class="ml-fieldset__legend">{tx.account.register_personal.as_str()}</legend>
                    <SelectField
                        id=f::SALUTATION
                        label=tx.common.salutation.as_str()
                        value=salutation
                        options=salutations
                        placeholder=tx.common.choose.as_str()
                        autocomplete="honorific-prefix"
                        required=true
                        error=form.field(f::SALUTATION)
                    />
                    <div class="ml-form__row">
                        <Field
                            id=f::FIRST_NAME
                            label=tx.common.first_name.as_str()
                            value=first_name
                            autocomplete="given-name"
                            required=true
                            error=form.field(f::FIRST_NAME)
                        />
                        <Field
                            id=f::LAST_NAME
                            label=tx.common.last_name.as_str()
                            value=last_name
                            autocomplete="family-name"
                            required=true
                            error=form.field(f::LAST_NAME)
                        />
                    </div>
                </fieldset>
                <fieldset class="ml-fieldset">
                    <legend class="ml-fieldset__legend">{tx.account.register_account.as_str()}</legend>
                    <Field
                        id=f::EMAIL
                        label=tx.common.email.as_str()
                        value=email
                        kind="email"
                        autocomplete="email"
                        required=true
                        error=form.field(f::EMAIL)
                    />
                    <Field
                        id=f::PASSWORD
                        label=tx.common.password.as_str()
                        value=password
                        kind="password"
                        autocomplete="new-password"
                        hint=tx.account.password_hint.as_str()
                        reveal=show_password
                        reveal_toggle=true
                        required=true
                        error=form.field(f::PASSWORD)
                    />
                    <Field
                        id=f::PASSWORD_CONFIRMATION
                        label=tx.account.password_confirmation.as_str()
                        value=password_confirmation
                        kind="password"
                        autocomplete="new-password"
                        reveal=show_password
                        required=true
                        error=form.field(f::PASSWORD_CONFIRMATION)
                    />
                    <div class="ml-form__row">
                        <SelectField
                            id=f::COUNTRY
                            label=tx.common.country.as_str()
                            value=country
                            options=countries
                            placeholder=tx.common.choose.as_str()
                            autocomplete="country"
                            required=true
                            error=form.field(f::COUNTRY)
                        />
                        <SelectField
                            id=f::LANGUAGE
                            label=tx.common.language.as_str()
                            value=language
                            options=languages
                            required=true
                            error=form.field(f::LANGUAGE)
                        />
                    </div>
                    <Field
                        id=f::MOBILE_PHONE
                        label=tx.account.mobile_phone.as_str()
                        value=mobile_phone
                        kind="tel"
                        autocomplete="tel"
                        hint=tx.account.mobile_phone_hint.as_str()
                        error=form.field(f::MOBILE_PHONE)
                    />
                </fieldset>
                <fieldset class="ml-fieldset">
                    <legend class="ml-fieldset__legend">{tx.account.register_agreements.as_str()}</legend>
                    <CheckboxField
                        id=f::ACCEPT_TERMS
                        label=tx.account.accept_terms.as_str()
                        checked=accept_terms
                        error=form.field(f::ACCEPT_TERMS)
                    >
                        <LegalDialog kind=LegalKind::Terms doc=terms button_label=tx.account.read_terms.as_str() />
                    </CheckboxField>
                    <CheckboxField
                        id=f::ACCEPT_PRIVACY
                        label=tx.account.accept_privacy.as_str()
                        checked=accept_privacy
                        error=form.field(f::ACCEPT_PRIVACY)
                    >
                        <LegalDialog kind=LegalKind::Privacy doc=privacy button_label=tx.account.read_privacy.as_str() />
                    </CheckboxField>
                    <CheckboxField
                        id="marketing_consent"
                        label=tx.account.marketing_consent.as_str()
                        checked=marketing_consent
                        hint=tx.account.marketing_hint.as_str()
                        error=Signal::derive(|| None)
                    />
                </fieldset>
                <div class="ml-form__actions">
                    <SubmitButton label=tx.account.register_submit.as_str() pending=form.pending />
                </div>
            </form>
            <p class="ml-aside">
                {tx.account.register_have_account.as_str()}" "
                <a href=config().href("/sign-in")>{tx.common.sign_in_link.as_str()}</a>
            </p>
        </div>
    };

    // Keep the form (and what was typed) alive; hide it after success.
    view! {
        <div class:ml-hidden=move || registered.with(Option::is_some)>{form_view}</div>
        {move || {
            registered
                .get()
                .map(|address| {
                    view! {
                        <div class="ml-page ml-page--narrow">
                            <div class="ml-card ml-result">
                                <h1 class="ml-title" id="registratie-klaar" tabindex="-1">
                                    {tx.common.check_email_title.as_str()}
                                </h1>
                                <p>{tx.account.register_done(&address)}</p>
                                <p class="ml-muted">{tx.account.register_done_next.as_str()}</p>
                            </div>
                        </div>
                    }
                })
        }}
    }
}
