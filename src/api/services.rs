//! Services and subscriptions of a vehicle (F1), invoices and the payment
//! history (F3).

use gloo_net::http::Method;
use mijn_lexus_contract::routes;
use mijn_lexus_contract::services::{
    ActivateRequest, Activation, Cancellation, CancellationQuote, Invoice, InvoiceList,
    PaymentHistory, Plan, Quote, QuoteRequest, ServiceCatalogue, ServiceKind, WithdrawalQuote,
};

use super::{get, json, mutate, path_segment, post, ApiResult};
use crate::config::config;
use crate::session::Session;

pub async fn catalogue(vin: &str) -> ApiResult<ServiceCatalogue> {
    get(&routes::vehicle_services(&path_segment(vin))).await
}

/// What `plan` would cost; nothing is stored.
pub async fn quote(
    session: Session,
    vin: &str,
    service: ServiceKind,
    plan: Plan,
) -> ApiResult<Quote> {
    let route = routes::vehicle_service_quote(&path_segment(vin), service.code());
    post(session, &route, &QuoteRequest { plan }).await
}

/// Starts a trial or buys a plan; `idempotency_key` is made once per
/// confirmation ([`idempotency_key`]), so a retried request never charges twice.
pub async fn activate(
    session: Session,
    vin: &str,
    service: ServiceKind,
    body: &ActivateRequest,
) -> ApiResult<Activation> {
    post(
        session,
        &routes::vehicle_service(&path_segment(vin), service.code()),
        body,
    )
    .await
}

/// After the card issuer's challenge page.
pub async fn confirm(session: Session, id: &str) -> ApiResult<Activation> {
    post_empty(session, &routes::subscription_confirm(&path_segment(id))).await
}

pub async fn cancel(session: Session, id: &str) -> ApiResult<Cancellation> {
    post_empty(session, &routes::subscription_cancel(&path_segment(id))).await
}

/// What cancelling now would do (when it stops, the refund); nothing changes.
pub async fn cancellation_quote(id: &str) -> ApiResult<CancellationQuote> {
    get(&routes::subscription_cancel(&path_segment(id))).await
}

pub async fn withdrawal_quote(id: &str) -> ApiResult<WithdrawalQuote> {
    get(&routes::subscription_withdrawal(&path_segment(id))).await
}

pub async fn withdraw(session: Session, id: &str) -> ApiResult<Cancellation> {
    post_empty(session, &routes::subscription_withdrawal(&path_segment(id))).await
}

async fn post_empty<T: serde::de::DeserializeOwned>(session: Session, route: &str) -> ApiResult<T> {
    json(mutate(session, Method::POST, route, None).await?).await
}

pub async fn invoices() -> ApiResult<InvoiceList> {
    get(routes::INVOICES).await
}

pub async fn invoice(id: &str) -> ApiResult<Invoice> {
    get(&routes::invoice(&path_segment(id))).await
}

pub async fn payments() -> ApiResult<PaymentHistory> {
    get(routes::PAYMENTS).await
}

/// The invoice as PDF, in the visitor's language.
pub fn invoice_pdf_href(id: &str) -> String {
    config().api_url(&format!(
        "{}?lang={}",
        routes::invoice_pdf(&path_segment(id)),
        crate::i18n::lang().code()
    ))
}

/// A fresh random key for one confirmation (32 hex digits).
pub fn idempotency_key() -> String {
    (0..4)
        .map(|_| {
            format!(
                "{:08x}",
                (js_sys::Math::random() * f64::from(u32::MAX)) as u32
            )
        })
        .collect()
}
