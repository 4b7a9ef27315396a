//! /profile/email and /profile/password: change the sign-in address (with a
//! link to the new one) and the password (other sessions end) (B1).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::profile::{ChangeEmailRequest, ChangePasswordRequest, Profile};

use super::{ProfilePage, StatusMessage};
use crate::api::profile as api;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::components::loading::Loaded;
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

/// The e-mail form's password field (the server calls it `current_password`).
const EMAIL_PASSWORD: &str = "email_current_password";

#[component]
pub fn EmailPage() -> impl IntoView {
    let profile = LocalResource::new(api::profile);
    view! {
        <ProfilePage title=&t().profile.email_heading>
            <Loaded resource=profile let:p><EmailForm profile=p /></Loaded>
        </ProfilePage>
    }
}

#[component]
fn EmailForm(profile: Profile) -> impl IntoView {
    let (c, p) = (&t().common, &t().profile);
    let session = use_session();
    let form = FormState::new();
    let new_email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sent = RwSignal::new(None::<String>);
    let pending_email = RwSignal::new(profile.pending_email.clone());
    let current = profile.email.clone();
    let field_id = |f: &str| {
        if f == "current_password" {
            EMAIL_PASSWORD
        } else {
            f
        }
        .to_owned()
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        sent.set(None);
        let request = ChangeEmailRequest {
            new_email: new_email.get_untracked(),
            current_password: password.get_untracked(),
        };
        if let Err(errors) = request.validate(&profile.email) {
            form.fail_fields(
                errors
                    .into_iter()
                    .map(|mut e| {
                        e.field = field_id(&e.field);
                        e
                    })
                    .collect(),
            );
            return;
        }
        let address = request.new_email.trim().to_lowercase();
        form.submit_mapped(
            async move { api::change_email(session, &request).await },
            move |()| {
                password.set(String::new());
                pending_email.set(Some(address.clone()));
                sent.set(Some(t().profile.email_sent(&address)));
            },
            field_id,
        );
    };

    view! {
        <p class="ml-lead">{p.email_current(&current)}</p>
        {move || {
            pending_email
                .get()
                .filter(|_| sent.with(Option::is_none))
                .map(|a| view! { <p class="ml-notice">{t().profile.email_pending(&a)}</p> })
        }}
        <ErrorSummary
            form=form
            labels=vec![("new_email", p.new_email.as_str()), (EMAIL_PASSWORD, &p.current_password)]
        />
        <form class="ml-form ml-card" novalidate on:submit=submit>
            <Field
                id="new_email"
                label=&p.new_email
                value=new_email
                kind="email"
                autocomplete="email"
                required=true
                error=form.field("new_email")
            />
            <Field
                id=EMAIL_PASSWORD
                label=&p.current_password
                value=password
                kind="password"
                autocomplete="current-password"
                required=true
                error=form.field(EMAIL_PASSWORD)
            />
            <div class="ml-form__actions">
                <SubmitButton label=&p.email_submit pending=form.pending />
            </div>
        </form>
        <StatusMessage message=sent />
        <p class="ml-muted">{c.required_hint.as_str()}</p>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let (c, a, p) = (&t().common, &t().account, &t().profile);
    let session = use_session();
    let form = FormState::new();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let email = session
        .user
        .with_untracked(|u| u.as_ref().map(|u| u.email.clone()))
        .unwrap_or_default();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        done.set(None);
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
            new_password_confirmation: confirmation.get_untracked(),
        };
        if let Err(errors) = request.validate(&email, |_| false) {
            form.fail_fields(errors);
            return;
        }
        form.submit(
            async move { api::change_password(session, &request).await },
            move |()| {
                current.set(String::new());
                new.set(String::new());
                confirmation.set(String::new());
                done.set(Some(t().profile.password_changed.to_string()));
            },
        );
    };

    view! {
        <ProfilePage title=&p.password_heading>
            <ErrorSummary
                form=form
                labels=vec![
                    ("current_password", p.current_password.as_str()),
                    ("new_password", &a.new_password),
                    ("new_password_confirmation", &a.new_password_confirmation),
                ]
            />
            <form class="ml-form ml-card" novalidate on:submit=submit>
                <Field
                    id="current_password"
                    label=&p.current_password
                    value=current
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    error=form.field("current_password")
                />
                <Field
                    id="new_password"
                    label=&a.new_password
                    value=new
                    kind="password"
                    autocomplete="new-password"
                    hint=&a.password_hint
                    reveal=show
                    reveal_toggle=true
                    required=true
                    error=form.field("new_password")
                />
                <Field
                    id="new_password_confirmation"
                    label=&a.new_password_confirmation
                    value=confirmation
                    kind="password"
                    autocomplete="new-password"
                    reveal=show
                    required=true
                    error=form.field("new_password_confirmation")
                />
                <div class="ml-form__actions">
                    <SubmitButton label=&p.password_submit pending=form.pending />
                </div>
            </form>
            <StatusMessage message=done />
            <p class="ml-muted">{c.required_hint.as_str()}</p>
            <super::sessions::Sessions />
        </ProfilePage>
    }
}
