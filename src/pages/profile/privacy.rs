//! /profile/privacy: download my data, the legal documents I accepted, and
//! account deletion (B5). /account-deleted: the goodbye page.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use mijn_lexus_contract::legal::LegalKind;
use mijn_lexus_contract::profile::{AcceptedDocument, AcceptedDocuments};

use super::format::device_label;
use super::ProfilePage;
use crate::api::{self, profile as profile_api, ClientError};
use crate::components::card::Card;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::components::legal_dialog::{kind_title, DocumentDialog};
use crate::components::loading::Loaded;
use crate::components::table::DataTable;
use crate::config::{config, navigate_to};
use crate::format::date_time as format_date_time;
use crate::forms::{set_title, FormState};
use crate::i18n::t;
use crate::session::use_session;
use mijn_lexus_contract::ErrorCode;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let p = &t().profile;
    let docs = LocalResource::new(profile_api::accepted_documents);
    // The version shown in the reading dialog; none until a button is used.
    let reading = RwSignal::new(None::<(LegalKind, u32)>);
    let document = LocalResource::new(move || {
        let chosen = reading.get();
        async move {
            match chosen {
                Some((kind, version)) => profile_api::legal_version(kind, version).await,
                // Nothing chosen yet: the dialog is closed, nothing shows.
                None => Err(ClientError::from_code(ErrorCode::NotFound)),
            }
        }
    });
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let opener = RwSignal::new(None::<String>);

    let open = move |kind: LegalKind, version: u32, opener_id: String| {
        opener.set(Some(opener_id));
        reading.set(Some((kind, version)));
        if let Some(d) = dialog_ref.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let on_close = Callback::new(move |()| {
        if let Some(id) = opener.get_untracked() {
            crate::forms::focus_id(&id);
        }
    });

    let table = move |list: AcceptedDocuments| {
        let p = &t().profile;
        if list.documents.is_empty() {
            return view! { <p>{p.documents_empty.as_str()}</p> }.into_any();
        }
        let row = move |(i, d): (usize, AcceptedDocument)| {
            let p = &t().profile;
            let title = kind_title(d.kind);
            let label = p.read_document_label(title, &d.version.to_string());
            let id = format!("read-doc-{i}");
            let ua = d.user_agent.clone().unwrap_or_default();
            let device = device_label(&ua);
            let (kind, version, opener_id) = (d.kind, d.version, id.clone());
            view! {
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
            }
        };
        let records: Vec<_> = list.documents.into_iter().enumerate().collect();
        view! {
            <DataTable
                labelled_by="privacy-docs"
                columns=vec![
                    p.col_document.as_str(),
                    p.col_version.as_str(),
                    p.col_accepted.as_str(),
                    p.col_device.as_str(),
                    p.col_read.as_str(),
                ]
                records
                row
            />
        }
        .into_any()
    };

    view! {
        <ProfilePage title=&p.privacy_title>
            <p class="ml-lead">{p.privacy_intro.as_str()}</p>
            <Card id="privacy-export" title=p.export_heading.as_str() class="ml-profile__section" heading_class="ml-subtitle">
                <p>{p.export_text.as_str()}</p>
                <p>
                    <a class="ml-button ml-button--primary" href=profile_api::export_url() download="">
                        {p.export_link.as_str()}
                    </a>
                </p>
            </Card>
            <section class="ml-profile__section">
                <h2 class="ml-subtitle" id="privacy-docs">{p.documents_heading.as_str()}</h2>
                <Loaded resource=docs let:list>{table(list)}</Loaded>
            </section>
            <DocumentDialog
                id="privacy-doc".to_owned()
                doc=document
                // Opened only once a document is chosen.
                shown=Signal::stored(true)
                dialog_ref
                fallback_title=&p.documents_heading
                on_close
            />
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
        if !form.begin() {
            return;
        }
        let pw = password.get_untracked();
        if pw.is_empty() {
            form.fail_fields(vec![mijn_lexus_contract::FieldError::new(
                "password",
                mijn_lexus_contract::ErrorCode::Required,
            )]);
            return;
        }
        let navigate = navigate.clone();
        form.submit(profile_api::delete_account(session, pw), move |()| {
            // Leave the protected page first, then forget the user.
            navigate_to(&navigate, "/account-deleted", true);
            session.user.set(None);
            api::renew_session(session);
        });
    };

    view! {
        <Card id="privacy-delete" title=p.delete_heading.as_str() class="ml-profile__section ml-danger" heading_class="ml-subtitle">
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
        </Card>
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
