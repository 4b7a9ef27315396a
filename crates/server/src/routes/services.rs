//! Services, subscriptions, invoices and payments (F1, F3); rules and SQL
//! in [`crate::services`] and [`crate::billing`]:
//! - GET /vehicles/{vin}/services: catalogue and state (any user of the vehicle);
//! - POST /vehicles/{vin}/services/{service}/quote: price, VAT, dates (main user);
//! - POST /vehicles/{vin}/services/{service}: activate (main user);
//! - POST /subscriptions/{id}/confirm, /cancel; GET, POST /subscriptions/{id}/withdrawal;
//! - GET /invoices, /invoices/{id}, /invoices/{id}/pdf, /payments.
//!
//! Subscriptions and invoices are looked up with the signed-in user's id:
//! anyone else's is 404.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use mijn_lexus_contract::routes::{
    invoice, invoice_pdf, subscription_cancel, subscription_confirm, subscription_withdrawal,
    vehicle_service, vehicle_service_quote, vehicle_services, INVOICES, PAYMENTS,
};
use mijn_lexus_contract::services::{
    ActivateRequest, Activation, Cancellation, CancellationQuote, Invoice, InvoiceList,
    PaymentHistory, Quote, QuoteRequest, ServiceCatalogue, ServiceKind, WithdrawalQuote,
};
use mijn_lexus_contract::{ErrorCode, Language};
use serde::Deserialize;

use super::ApiJson;
use crate::billing;
use crate::error::AppResult;
use crate::garage::UserVehicle;
use crate::security::session::SignedIn;
use crate::services::{self, activate, cancel};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(&vehicle_services("{vin}"), get(catalogue))
        .route(&vehicle_service_quote("{vin}", "{service}"), post(quote))
        .route(&vehicle_service("{vin}", "{service}"), post(activate))
        .route(&subscription_confirm("{id}"), post(confirm))
        .route(
            &subscription_cancel("{id}"),
            get(cancellation_quote).post(cancel_subscription),
        )
        .route(
            &subscription_withdrawal("{id}"),
            get(withdrawal_quote).post(withdraw),
        )
        .route(INVOICES, get(invoices))
        .route(&invoice("{id}"), get(one_invoice))
        .route(&invoice_pdf("{id}"), get(invoice_as_pdf))
        .route(PAYMENTS, get(payments))
}

/// The `{service}` of the path; an unknown one is 404.
fn service_of(path: &(String, String)) -> AppResult<ServiceKind> {
    Ok(ServiceKind::from_code(&path.1).ok_or(ErrorCode::NotFound)?)
}

/// GET /vehicles/{vin}/services
pub async fn catalogue(
    State(state): State<AppState>,
    v: UserVehicle,
) -> AppResult<Json<ServiceCatalogue>> {
    Ok(Json(services::catalogue(&state, &v).await?))
}

/// POST /vehicles/{vin}/services/{service}/quote
pub async fn quote(
    State(state): State<AppState>,
    v: UserVehicle,
    Path(path): Path<(String, String)>,
    ApiJson(req): ApiJson<QuoteRequest>,
) -> AppResult<Json<Quote>> {
    let service = service_of(&path)?;
    Ok(Json(activate::quote(&state, &v, service, req.plan).await?))
}

/// POST /vehicles/{vin}/services/{service}
pub async fn activate(
    State(state): State<AppState>,
    v: UserVehicle,
    Path(path): Path<(String, String)>,
    ApiJson(req): ApiJson<ActivateRequest>,
) -> AppResult<Json<Activation>> {
    let service = service_of(&path)?;
    Ok(Json(activate::activate(&state, &v, service, &req).await?))
}

/// POST /subscriptions/{id}/confirm
pub async fn confirm(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> AppResult<Json<Activation>> {
    Ok(Json(activate::confirm(&state, session.user_id, &id).await?))
}

/// POST /subscriptions/{id}/cancel
pub async fn cancel_subscription(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> AppResult<Json<Cancellation>> {
    Ok(Json(cancel::cancel(&state, session.user_id, &id).await?))
}

/// GET /subscriptions/{id}/cancel
pub async fn cancellation_quote(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> AppResult<Json<CancellationQuote>> {
    Ok(Json(
        cancel::cancellation_quote(&state, session.user_id, &id).await?,
    ))
}

/// GET /subscriptions/{id}/withdrawal
pub async fn withdrawal_quote(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> AppResult<Json<WithdrawalQuote>> {
    Ok(Json(
        cancel::withdrawal_quote(&state, session.user_id, &id).await?,
    ))
}

/// POST /subscriptions/{id}/withdrawal
pub async fn withdraw(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> AppResult<Json<Cancellation>> {
    Ok(Json(cancel::withdraw(&state, session.user_id, &id).await?))
}

/// GET /invoices
pub async fn invoices(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<InvoiceList>> {
    Ok(Json(
        billing::invoices::list(&state.db, session.user_id).await?,
    ))
}

/// GET /invoices/{id}
pub async fn one_invoice(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> AppResult<Json<Invoice>> {
    Ok(Json(
        billing::invoices::find(&state.db, session.user_id, &id)
            .await?
            .ok_or(ErrorCode::NotFound)?,
    ))
}

#[derive(Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

/// GET /invoices/{id}/pdf (`?lang=`, default the account's language)
pub async fn invoice_as_pdf(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let invoice = billing::invoices::find(&state.db, session.user_id, &id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    let lang = match q.lang.as_deref().and_then(Language::from_code) {
        Some(lang) => lang,
        None => crate::accounts::find_user(&state.db, session.user_id)
            .await?
            .map(|u| u.language())
            .unwrap_or_default(),
    };
    let pdf = billing::pdf::render(&invoice, lang)?;
    let name = format!("attachment; filename=\"{}.pdf\"", invoice.number);
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        pdf,
    )
        .into_response())
}

/// GET /payments
pub async fn payments(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<PaymentHistory>> {
    Ok(Json(
        billing::invoices::history(&state.db, session.user_id).await?,
    ))
}
