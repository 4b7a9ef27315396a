//! /wallet/invoices: the invoices and credit notes and the payment history
//! (F3); /wallet/invoices/:id: one invoice with its seller, buyer, lines,
//! VAT per rate and totals, and its PDF.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use mijn_lexus_contract::services::{
    Invoice, InvoiceKind, InvoiceLine, InvoiceSummary, Party, Payment, PaymentKind, PaymentStatus,
    VatTotal,
};

use crate::api::services as api;
use crate::components::card::Card;
use crate::components::loading::Loaded;
use crate::components::page_frame::PageFrame;
use crate::components::table::{DataTable, Paging};
use crate::config::config;
use crate::format::{date, money, percent_bp};
use crate::forms::set_title;
use crate::i18n::t;
use mijn_lexus_contract::trips::brussels;

/// Rows shown before "more".
const PAGE: usize = 20;

fn day(at: chrono::DateTime<chrono::Utc>) -> String {
    date(brussels::local(at).date())
}

fn kind_text(kind: InvoiceKind) -> &'static str {
    let s = &t().services;
    match kind {
        InvoiceKind::Invoice => s.kind_invoice.as_str(),
        InvoiceKind::CreditNote => s.kind_credit_note.as_str(),
    }
}

fn invoice_href(id: &str) -> String {
    config().href(&format!(
        "/wallet/invoices/{}",
        crate::config::encode_query_value(id)
    ))
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let s = &t().services;
    let invoices = LocalResource::new(api::invoices);
    let payments = LocalResource::new(api::payments);
    view! {
        <PageFrame title=s.invoices_title.as_str() back=("/wallet".to_owned(), s.back_wallet.as_str())>
            <Card id="invoices" title=s.invoices_heading.as_str()>
                <Loaded resource=invoices let:list>
                    <DataTable
                        labelled_by="invoices"
                        caption=s.invoices_caption.to_string()
                        named_by_caption=true
                        columns=vec![
                            s.col_number.as_str(),
                            s.col_date.as_str(),
                            s.col_kind.as_str(),
                            s.col_total.as_str(),
                        ]
                        records=Signal::stored(list.invoices)
                        row=invoice_row
                        paging=Paging::Shown(PAGE)
                        empty=s.invoices_none.as_str()
                    />
                </Loaded>
            </Card>
            <Card id="payments" title=s.payments_heading.as_str()>
                <Loaded resource=payments let:history>
                    <DataTable
                        labelled_by="payments"
                        caption=s.payments_caption.to_string()
                        named_by_caption=true
                        columns=vec![
                            s.col_date.as_str(),
                            s.col_kind.as_str(),
                            s.col_service.as_str(),
                            s.col_vehicle.as_str(),
                            s.col_amount.as_str(),
                            s.col_card.as_str(),
                            s.col_status.as_str(),
                            s.col_invoice.as_str(),
                        ]
                        records=Signal::stored(history.payments)
                        row=payment_row
                        paging=Paging::Shown(PAGE)
                        empty=s.payments_none.as_str()
                    />
                </Loaded>
            </Card>
        </PageFrame>
    }
}

fn invoice_row(i: InvoiceSummary) -> impl IntoView {
    view! {
        <th scope="row"><a href=invoice_href(&i.id)>{i.number}</a></th>
        <td>{day(i.issued_at)}</td>
        <td>{kind_text(i.kind)}</td>
        <td>{money(i.total)}</td>
    }
}

fn payment_row(p: Payment) -> impl IntoView {
    let s = &t().services;
    let kind = match p.kind {
        PaymentKind::Charge => s.payment_charge.as_str(),
        PaymentKind::Refund => s.payment_refund.as_str(),
    };
    let status = match p.status {
        PaymentStatus::Pending => s.status_pending.as_str(),
        PaymentStatus::Succeeded => s.status_succeeded.as_str(),
        PaymentStatus::Failed => s.status_failed.as_str(),
    };
    let card = p.card_last4.map(|l| s.card_ending(&l)).unwrap_or_default();
    view! {
        <th scope="row">{day(p.at)}</th>
        <td>{kind}</td>
        <td>{t().services.service(p.service)}</td>
        <td>{p.vin}</td>
        <td>{money(p.amount)}</td>
        <td>{card}</td>
        <td>{status}</td>
        <td>{p.invoice_id.map(|id| view! { <a href=invoice_href(&id)>{s.col_invoice.as_str()}</a> })}</td>
    }
}

#[component]
pub fn InvoicePage() -> impl IntoView {
    let s = &t().services;
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id")).unwrap_or_default();
    let invoice = {
        let id = id.clone();
        LocalResource::new(move || {
            let id = id.clone();
            async move { api::invoice(&id).await }
        })
    };
    // The h1 names the invoice once it is in.
    let title = move || match invoice.get() {
        Some(Ok(i)) => s.invoice_title(kind_text(i.kind), &i.number),
        _ => s.kind_invoice.to_string(),
    };
    Effect::new(move |_| set_title(&title()));
    view! {
        <div class="ml-page">
            <p class="ml-back">
                <a href=config().href("/wallet/invoices")>{s.invoices_title.as_str()}</a>
            </p>
            <h1 class="ml-title" tabindex="-1">{title}</h1>
            <Loaded resource=invoice let:invoice>
                {invoice_view(invoice)}
            </Loaded>
        </div>
    }
}

fn invoice_view(i: Invoice) -> impl IntoView {
    let s = &t().services;
    let pdf = api::invoice_pdf_href(&i.id);
    view! {
        <p>{s.issued(&day(i.issued_at))}</p>
        {i.corrects.map(|number| view! { <p>{s.corrects(&number)}</p> })}
        <p><a href=pdf download>{s.download_pdf.as_str()}</a></p>
        <Card id="invoice-seller" title=s.seller.as_str()>{party(i.seller)}</Card>
        <Card id="invoice-buyer" title=s.buyer.as_str()>{party(i.buyer)}</Card>
        <Card id="invoice-lines" title=s.lines_heading.as_str()>
            <DataTable
                labelled_by="invoice-lines"
                caption=s.lines_caption.to_string()
                named_by_caption=true
                columns=vec![
                    s.col_service.as_str(),
                    s.col_vehicle.as_str(),
                    s.col_period.as_str(),
                    s.col_vat_rate.as_str(),
                    s.col_amount.as_str(),
                ]
                records=Signal::stored(i.lines)
                row=line_row
            />
        </Card>
        // Not a card: the table's region is named by this heading, and a
        // section of the same name would be a second landmark so named.
        <div class="ml-card">
            <h2 id="invoice-vat">{s.vat_heading.as_str()}</h2>
            <DataTable
                labelled_by="invoice-vat"
                columns=vec![s.col_vat_rate.as_str(), s.col_net.as_str(), s.col_vat.as_str()]
                records=Signal::stored(i.vat)
                row=vat_row
            />
            <dl class="ml-facts">
                <div><dt>{s.total_net.as_str()}</dt><dd>{money(i.total_net)}</dd></div>
                <div><dt>{s.total_vat.as_str()}</dt><dd>{money(i.total_vat)}</dd></div>
                <div><dt>{s.total.as_str()}</dt><dd><strong>{money(i.total)}</strong></dd></div>
            </dl>
        </div>
    }
}

fn party(p: Party) -> impl IntoView {
    let s = &t().services;
    view! {
        <p>
            <strong>{p.name}</strong>
            {p.address_lines.into_iter().map(|l| view! { <br />{l} }).collect_view()}
        </p>
        {p.vat_number.map(|n| view! { <p>{s.vat_number(&n)}</p> })}
    }
}

fn line_row(l: InvoiceLine) -> impl IntoView {
    let s = &t().services;
    let what = format!(
        "{} ({})",
        t().services.service(l.service),
        t().services.plan(l.plan)
    );
    view! {
        <th scope="row">{what}</th>
        <td>{l.vin}</td>
        <td>{s.period(&day(l.period_start), &day(l.period_end))}</td>
        <td>{s.rate(&percent_bp(l.vat_rate_bp))}</td>
        <td>{money(l.gross)}</td>
    }
}

fn vat_row(v: VatTotal) -> impl IntoView {
    let s = &t().services;
    view! {
        <th scope="row">{s.rate(&percent_bp(v.rate_bp))}</th>
        <td>{money(v.net)}</td>
        <td>{money(v.vat)}</td>
    }
}
