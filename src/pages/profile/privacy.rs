//! /profile/privacy: download my data, the legal documents I accepted, and
//! account deletion (B5). /account-deleted: the goodbye page.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use mijn_lexus_contract::legal::{LegalDocument, LegalKind};
use mijn_lexus_contract::profile::AcceptedDocuments;

use super::format::device_label;
use super::{load, loaded_view, Loaded, ProfilePage};
use crate::api::{self, profile as profile_api};
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::components::legal_dialog::{kind_title, render_document};
use crate::components::protected::Protected;
use crate::config::{config, navigate_to};
use crate::format::date_time as format_date_time;
use crate::forms::{set_title, FormState};
use crate::i18n::{fill, t};
use crate::session::use_session;

#[component]
fn PrivacyPart() -> impl IntoView {
    let p = &t().profile;
    let docs: Loaded<AcceptedDocuments> = RwSignal::new(None);
    let reload = move || load(docs, profile_api::accepted_documents());
    reload();
    // The document shown in the reading dialog.
    let reading: Loaded<LegalDocument> = RwSignal::new(None);
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let opener = RwSignal::new(None::<String>);

    let open = move |kind: LegalKind, version: u32, opener_id: String| {
        opener.set(Some(opener_id));
        load(reading, profile_api::legal_version(kind, version));
        if let Some(d) = dialog_ref.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog_ref.get_untracked() {
            d.close();
        }
    };
    let on_close = move |_| {
        if let Some(id) = opener.get_untracked() {
            crate::forms::focus_id(&id);
        }
    };

    let table = move |list: AcceptedDocuments| {
        let p = &t().profile;
        if list.documents.is_empty() {
            return view! { <p>{p.documents_empty.as_str()}</p> }.into_any();
        }
        let rows = list
            .documents
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let title = kind_title(d.kind);
                let label = fill(
                    &p.read_document_label,
                    &[("document", title), ("version", &d.version.to_string())],
                );
                let id = format!("read-doc-{i}");
                let ua = d.user_agent.clone().unwrap_or_default();
                let device = device_label(&ua);
                let (kind, version, opener_id) = (d.kind, d.version, id.clone());
                view! {
                    <tr>
                        <th scope="row">{title}</th>
                        <td>{d.version}</td>
                        <td>{format_date_time(d.accepted_at)}</td>
                        <td title=ua>{device}</td>
                        <td>
                            <button
                                type="button"
                                class="ml-button ml-button--link"
                                id=id
                                aria-haspopup="dialog"
                                on:click=move |_| open(kind, version, opener_id.clone())
                            >
                                {label}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="ml-table-wrap" tabindex="0" role="region" aria-labelledby="privacy-docs">
                <table class="ml-table">
                    <thead>
                        <tr>
                            <th scope="col">{p.col_document.as_str()}</th>
                            <th scope="col">{p.col_version.as_str()}</th>
                            <th scope="col">{p.col_accepted.as_str()}</th>
                            <th scope="col">{p.col_device.as_str()}</th>
                            <th scope="col">{p.col_read.as_str()}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };

    let dialog_title = move || {
        reading.with(|r| match r {
            Some(Ok(d)) => d.title.clone(),
            _ => t().profile.documents_heading.clone(),
        })
    };
    let retry_reading = move || {
        if let Some(Ok(d)) = reading.get_untracked() {
            load(reading, profile_api::legal_version(d.kind, d.version));
        }
    };

    view! {
        <ProfilePage title=&p.privacy_title>
            <p class="ml-lead">{p.privacy_intro.as_str()}</p>
            <section class="ml-card ml-profile__section" aria-labelledby="privacy-export">
                <h2 class="ml-subtitle" id="privacy-export">{p.export_heading.as_str()}</h2>
                <p>{p.export_text.as_str()}</p>
                <p>
                    <a class="ml-button ml-button--primary" href=profile_api::export_url() download="">
                        {p.export_link.as_str()}
                    </a>
                </p>
            </section>
            <section class="ml-profile__section">
                <h2 class="ml-subtitle" id="privacy-docs">{p.documents_heading.as_str()}</h2>
                {loaded_view(docs, reload, table)}
            </section>
            <dialog class="ml-dialog" id="privacy-doc" node_ref=dialog_ref aria-labelledby="privacy-doc-title" on:close=on_close>
                <div class="ml-dialog__header">
                    <h2 class="ml-dialog__title" id="privacy-doc-title">{dialog_title}</h2>
                    <button type="button" class="ml-button ml-button--secondary" on:click=close>
                        {t().common.close.as_str()}
                    </button>
                </div>
                <div class="ml-dialog__body" tabindex="0" role="region" aria-labelledby="privacy-doc-title">
                    {loaded_view(reading, retry_reading, |d| render_document(&d))}
                </div>
            </dialog>
            <DeleteAccount />
        </ProfilePage>
    }
}

#[component]
fn DeleteAccount() -> impl IntoView {
    let (c, p) = (&t().common, &t().profile);
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let password = RwSignal::new(String::new());

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.begin();
        let pw = password.get_untracked();
        if pw.is_empty() {
            form.fail_fields(vec![mijn_lexus_contract::FieldError::new(
                "password",
                mijn_lexus_contract::ErrorCode::Required,
            )]);
            return;
        }
        form.pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match profile_api::delete_account(session, pw).await {
                Ok(()) => {
                    // Leave the protected page first, then forget the user.
                    navigate_to(&navigate, "/account-deleted", true);
                    session.user.set(None);
                    let _ = api::refresh_session(session).await;
                }
                Err(e) => form.fail(e, str::to_owned),
            }
            form.pending.set(false);
        });
    };

    view! {
        <section class="ml-card ml-profile__section ml-danger" aria-labelledby="privacy-delete">
            <h2 class="ml-subtitle" id="privacy-delete">{p.delete_heading.as_str()}</h2>
            <h3>{p.delete_removed_heading.as_str()}</h3>
            <ul>
                <li>{p.delete_removed_1.as_str()}</li>
                <li>{p.delete_removed_2.as_str()}</li>
                <li>{p.delete_removed_3.as_str()}</li>
                <li>{p.delete_removed_4.as_str()}</li>
            </ul>
            <h3>{p.delete_kept_heading.as_str()}</h3>
            <ul>
                <li>{p.delete_kept_1.as_str()}</li>
                <li>{p.delete_kept_2.as_str()}</li>
            </ul>
            <p class="ml-notice">{p.delete_final.as_str()}</p>
            <ErrorSummary form=form labels=vec![("password", c.password.as_str())] />
            <form class="ml-form" novalidate on:submit=submit>
                <Field
                    id="password"
                    label=&c.password
                    value=password
                    kind="password"
                    autocomplete="current-password"
                    hint=&p.delete_password_hint
                    required=true
                    error=form.field("password")
                />
                <div class="ml-form__actions">
                    <SubmitButton label=&p.delete_submit pending=form.pending class="ml-button ml-button--danger" />
                </div>
            </form>
        </section>
    }
}

/// /account-deleted: said once the account is gone and the session ended.
#[component]
pub fn AccountDeleted() -> impl IntoView {
    let p = &t().profile;
    set_title(&p.account_deleted_doc_title);
    view! {
        <div class="ml-page ml-page--narrow">
            <div class="ml-card ml-result">
                <h1 class="ml-title" tabindex="-1">{p.deleted_title.as_str()}</h1>
                <p>{p.deleted_text.as_str()}</p>
                <p>
                    <a href=config().href("/register")>{t().account.sign_in_register.as_str()}</a>
                </p>
            </div>
        </div>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! { <Protected><PrivacyPart /></Protected> }
}
