//! A button that opens a legal document (terms of use, privacy policy) in a
//! native modal `<dialog>`: scrollable, closable with the button or Escape;
//! focus returns to the button.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mijn_lexus_contract::legal::{LegalDocument, LegalKind};

use crate::api::{self, ClientError};
use crate::i18n::t;

/// `None` while loading.
pub type LegalSlot = RwSignal<Option<Result<LegalDocument, ClientError>>>;

/// Loads the current version of a document into `slot`.
pub fn load_legal(kind: LegalKind, slot: LegalSlot) {
    spawn_local(async move {
        let result = api::legal_document(kind).await;
        slot.set(Some(result));
    });
}

/// The name of a kind of legal document, in the interface language.
pub fn kind_title(kind: LegalKind) -> &'static str {
    match kind {
        LegalKind::Terms => &t().account.terms_title,
        LegalKind::Privacy => &t().account.privacy_title,
    }
}

#[component]
pub fn LegalDialog(
    kind: LegalKind,
    /// The document, loaded by the page (it also needs the version).
    doc: LegalSlot,
    /// Text of the opening button.
    button_label: &'static str,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let button_ref = NodeRef::<html::Button>::new();
    let slug = kind.slug();
    let dialog_id = format!("legal-{slug}");
    let title_id = format!("legal-{slug}-title");
    let (title_id_dialog, title_id_heading, title_id_body) =
        (title_id.clone(), title_id.clone(), title_id);
    let fallback_title = kind_title(kind);

    let open = move |_| {
        // Retry a failed load when the person asks for the document.
        if doc.with_untracked(|d| matches!(d, Some(Err(_)))) {
            doc.set(None);
            load_legal(kind, doc);
        }
        if let Some(dialog) = dialog_ref.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog_ref.get_untracked() {
            dialog.close();
        }
    };
    // Closing by Escape or the button: give focus back to the opener.
    let on_close = move |_| {
        if let Some(button) = button_ref.get_untracked() {
            let _ = button.focus();
        }
    };

    let title = move || {
        doc.with(|d| match d {
            Some(Ok(d)) => d.title.clone(),
            _ => fallback_title.to_owned(),
        })
    };
    let body = move || match doc.get() {
        None => {
            view! { <p class="ml-muted" role="status">{t().common.loading.as_str()}</p> }.into_any()
        }
        Some(Err(e)) => {
            view! { <p class="ml-notice ml-notice--error">{e.message()}</p> }.into_any()
        }
        Some(Ok(d)) => render_document(&d).into_any(),
    };

    view! {
        <button
            type="button"
            class="ml-button ml-button--link"
            node_ref=button_ref
            aria-haspopup="dialog"
            aria-controls=dialog_id.clone()
            on:click=open
        >
            {button_label}
        </button>
        <dialog
            class="ml-dialog"
            id=dialog_id
            node_ref=dialog_ref
            aria-labelledby=title_id_dialog
            on:close=on_close
        >
            <div class="ml-dialog__header">
                <h2 class="ml-dialog__title" id=title_id_heading>
                    {title}
                </h2>
                <button type="button" class="ml-button ml-button--secondary" on:click=close>
                    {t().common.close.as_str()}
                </button>
            </div>
            <div class="ml-dialog__body" tabindex="0" role="region" aria-labelledby=title_id_body>
                {body}
            </div>
        </dialog>
    }
}

pub fn render_document(doc: &LegalDocument) -> impl IntoView {
    let version = crate::i18n::fill(
        &t().account.legal_version,
        &[
            ("version", &doc.version.to_string()),
            ("date", &effective_date(&doc.effective_date)),
        ],
    );
    let sections = doc
        .sections
        .iter()
        .map(|section| {
            view! {
                <section class="ml-legal__section">
                    <h3>{section.heading.clone()}</h3>
                    {paragraphs(&section.paragraphs)}
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="ml-legal">
            <p class="ml-muted">{version}</p>
            {sections}
        </div>
    }
}

/// Paragraphs, with runs of "- " items grouped into one list.
fn paragraphs(paragraphs: &[String]) -> impl IntoView {
    let mut blocks: Vec<AnyView> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush = |items: &mut Vec<String>, blocks: &mut Vec<AnyView>| {
        if !items.is_empty() {
            let list = std::mem::take(items)
                .into_iter()
                .map(|i| view! { <li>{i}</li> })
                .collect_view();
            blocks.push(view! { <ul>{list}</ul> }.into_any());
        }
    };
    for p in paragraphs {
        if let Some(item) = p.strip_prefix("- ") {
            items.push(item.to_owned());
        } else {
            flush(&mut items, &mut blocks);
            blocks.push(view! { <p>{p.clone()}</p> }.into_any());
        }
    }
    flush(&mut items, &mut blocks);
    blocks
}

/// The effective date in the interface language ("1 november 2026").
fn effective_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(crate::format::date)
        .unwrap_or_else(|_| iso.to_owned())
}
