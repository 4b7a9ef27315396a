//! Legal documents (terms of use, privacy policy): a button that opens one
//! in a native modal `<dialog>` (scrollable, closable with the button or
//! Escape; focus returns to the button), the dialog itself, and the
//! document's text.

use leptos::html;
use leptos::prelude::*;
use mijn_lexus_contract::legal::{LegalDocument, LegalKind};

use crate::components::loading::{ApiResource, Loaded};
use crate::i18n::t;

/// The current version of a legal document, loaded when the page opens.
pub fn current_document(kind: LegalKind) -> ApiResource<LegalDocument> {
    LocalResource::new(move || crate::api::legal_document(kind))
}

/// The name of a kind of legal document, in the interface language.
pub fn kind_title(kind: LegalKind) -> &'static str {
    match kind {
        LegalKind::Terms => &t().account.terms_title,
        LegalKind::Privacy => &t().account.privacy_title,
    }
}

/// A button that opens `doc` in a [`DocumentDialog`].
#[component]
pub fn LegalDialog(
    kind: LegalKind,
    /// The document, loaded by the page (it also needs the version).
    doc: ApiResource<LegalDocument>,
    /// Text of the opening button.
    button_label: &'static str,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let button_ref = NodeRef::<html::Button>::new();
    let dialog_id = format!("legal-{}", kind.slug());
    let shown = RwSignal::new(false);

    let open = move |_| {
        shown.set(true);
        // Retry a failed load when the person asks for the document.
        if doc.with_untracked(|d| matches!(d, Some(Err(_)))) {
            doc.refetch();
        }
        if let Some(dialog) = dialog_ref.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    // Closing by Escape or the button: give focus back to the opener.
    let on_close = Callback::new(move |()| {
        if let Some(button) = button_ref.get_untracked() {
            let _ = button.focus();
        }
    });

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
        <DocumentDialog id=dialog_id doc shown=shown.into() dialog_ref fallback_title=kind_title(kind) on_close />
    }
}

/// A native modal `<dialog>` showing one legal document, with its title
/// and a close button. Whoever opens it (`dialog_ref.show_modal()`) gets
/// the focus back through `on_close`.
#[component]
pub fn DocumentDialog(
    id: String,
    doc: ApiResource<LegalDocument>,
    /// Whether the text is drawn: not before the dialog is first opened, as
    /// a long document drawn hidden would slow the page's first draw (the
    /// registration form holds two).
    shown: Signal<bool>,
    dialog_ref: NodeRef<html::Dialog>,
    /// The title until the document is here.
    fallback_title: &'static str,
    on_close: Callback<()>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let (title_id_dialog, title_id_heading) = (title_id.clone(), title_id.clone());
    let close = move |_| {
        if let Some(dialog) = dialog_ref.get_untracked() {
            dialog.close();
        }
    };
    let title = move || {
        doc.with(|d| match d {
            Some(Ok(d)) => d.title.clone(),
            _ => fallback_title.to_owned(),
        })
    };
    view! {
        <dialog
            class="ml-dialog"
            id=id
            node_ref=dialog_ref
            aria-labelledby=title_id_dialog
            on:close=move |_| on_close.run(())
        >
            <div class="ml-dialog__header">
                <h2 class="ml-dialog__title" id=title_id_heading>
                    {title}
                </h2>
                <button type="button" class="ml-button ml-button--secondary" on:click=close>
                    {t().common.close.as_str()}
                </button>
            </div>
            <div class="ml-dialog__body" tabindex="0" role="region" aria-labelledby=title_id>
                <Show when=move || shown.get()>
                    <Loaded resource=doc let:d>{render_document(&d)}</Loaded>
                </Show>
            </div>
        </dialog>
    }
}

pub fn render_document(doc: &LegalDocument) -> impl IntoView {
    let version = t().account.legal_version(
        &doc.version.to_string(),
        &effective_date(&doc.effective_date),
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
