//! /vehicles/:vin/services: the connected services of one vehicle (F1),
//! each with its state, what it includes and its plans; a trial or a plan
//! is bought through a review step showing the API's quote (WCAG 3.3.4);
//! cancelling and withdrawing say what happens, and what is refunded,
//! before they are confirmed.
//!
//! The path is the one the server gives the card issuer's challenge page as
//! its return address (`?confirm=<subscription>`): coming back, the page
//! asks the API how the payment ended and says so.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use mijn_lexus_contract::services::{
    ActivateRequest, Activation, CancellationQuote, Plan, Quote, ServiceKind, ServiceOffer,
    Subscription, SubscriptionStatus, TrialLength, WithdrawalQuote,
};
use mijn_lexus_contract::trips::brussels;
use mijn_lexus_contract::vehicle::Vin;
use mijn_lexus_contract::ErrorCode;

use crate::api::services as api;
use crate::components::field::SubmitButton;
use crate::components::loading::{Loaded, RequestError};
use crate::components::page_frame::PageFrame;
use crate::config::config;
use crate::format::{date, money, percent_bp};
use crate::forms::{focus_id, FormState};
use crate::i18n::t;
use crate::pages::not_found::NotFound;
use crate::session::use_session;

#[component]
pub fn ServicesPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let raw = params.with(|p| p.get("vin")).unwrap_or_default();
        match Vin::parse(&raw) {
            Ok(vin) => view! { <ServicesContent vin=vin.into_string() /> }.into_any(),
            Err(_) => view! { <NotFound /> }.into_any(),
        }
    }
}

/// What the page last did, said in its live region.
#[derive(Clone)]
enum Outcome {
    Done(String),
    Failed(String),
}

#[component]
fn ServicesContent(vin: String) -> impl IntoView {
    let s = &t().services;
    let session = use_session();
    let catalogue = {
        let vin = vin.clone();
        LocalResource::new(move || {
            let vin = vin.clone();
            async move { api::catalogue(&vin).await }
        })
    };
    let outcome: RwSignal<Option<Outcome>> = RwSignal::new(None);

    // Back from the card issuer's challenge page: how did the payment end?
    let confirming = FormState::new();
    let returned = use_query_map().with_untracked(|q| q.get("confirm"));
    if let Some(id) = returned {
        if confirming.begin() {
            confirming.submit(async move { api::confirm(session, &id).await }, move |a| {
                outcome.set(Some(activation_outcome(&a)));
                catalogue.refetch();
            });
        }
    }
    let back = (format!("/garage/{vin}"), s.back.as_str());

    view! {
        <PageFrame title=s.title.as_str() back>
            <p>{s.intro.as_str()}</p>
            <p>
                <a href=config().href("/wallet/invoices")>{s.invoices_link.as_str()}</a>
            </p>
            <div id="services-outcome" tabindex="-1" role="status">
                {move || confirming.pending.get().then(|| view! { <p>{s.confirming.as_str()}</p> })}
                {move || outcome.get().map(|o| match o {
                    Outcome::Done(text) => view! {
                        <div class="ml-notice ml-notice--ok"><p>{text}</p></div>
                    }.into_any(),
                    Outcome::Failed(text) => view! {
                        <div class="ml-notice ml-notice--error"><p>{text}</p></div>
                    }.into_any(),
                })}
            </div>
            {move || confirming.request_error().map(|error| {
                let text = if error.code() == Some(ErrorCode::PaymentFailed) {
                    s.challenge_failed.to_string()
                } else {
                    error.message().to_owned()
                };
                view! { <div class="ml-notice ml-notice--error" role="alert"><p>{text}</p></div> }
            })}
            <Loaded resource=catalogue let:list>
                {list.services.into_iter().map(|offer| view! {
                    <ServiceCard vin=list.vin.clone() offer on_change=Callback::new(move |o| {
                        outcome.set(Some(o));
                        catalogue.refetch();
                        focus_id("services-outcome");
                    }) />
                }).collect_view()}
            </Loaded>
        </PageFrame>
    }
}

/// The message for an activation's answer (the challenge page, for one
/// still waiting, is handled where the activation was asked).
fn activation_outcome(a: &Activation) -> Outcome {
    let s = &t().services;
    match a {
        Activation::Activated { subscription: sub } => {
            let name = t().services.service(sub.service);
            let end = day(sub.current_period_end);
            Outcome::Done(if sub.plan == Plan::Trial {
                s.trial_started(name, &end)
            } else {
                s.activated(name, &end)
            })
        }
        Activation::RequiresAction { .. } => Outcome::Failed(s.still_pending.to_string()),
    }
}

/// A date in Brussels, in the visitor's notation.
fn day(at: DateTime<Utc>) -> String {
    date(brussels::local(at).date())
}

fn service_includes(k: ServiceKind) -> &'static str {
    let s = &t().services;
    match k {
        ServiceKind::Standard => s.desc_standard.as_str(),
        ServiceKind::Remote => s.desc_remote.as_str(),
        ServiceKind::Smart => s.desc_smart.as_str(),
        ServiceKind::InsuranceScore => s.desc_insurance_score.as_str(),
        ServiceKind::HomeCharge => s.desc_home_charge.as_str(),
        ServiceKind::Internet => s.desc_internet.as_str(),
    }
}

/// Where a running subscription stands.
fn state_text(sub: Option<&Subscription>) -> String {
    let s = &t().services;
    let Some(sub) = sub else {
        return s.state_available.to_string();
    };
    match sub.status {
        SubscriptionStatus::Trialing => s.state_trial(&day(sub.current_period_end)),
        SubscriptionStatus::Active => match sub.renews_at {
            Some(at) => s.state_renews(&day(at)),
            None => s.state_active_until(&day(sub.current_period_end)),
        },
        SubscriptionStatus::Cancelled => {
            s.state_cancelled(&day(sub.cancel_at.unwrap_or(sub.current_period_end)))
        }
        SubscriptionStatus::PastDue => s.state_past_due.to_string(),
        SubscriptionStatus::Ended => s.state_available.to_string(),
    }
}

/// The step the card is at.
#[derive(Clone)]
enum Step {
    Choose,
    /// The quote and the key the confirmation will carry.
    Review(Quote, String),
    /// The question, with when the service stops and what is refunded.
    Cancel(Subscription, CancellationQuote),
    Withdraw(Subscription, WithdrawalQuote),
}

#[component]
fn ServiceCard(vin: String, offer: ServiceOffer, on_change: Callback<Outcome>) -> impl IntoView {
    let s = &t().services;
    let session = use_session();
    let kind = offer.service;
    let code = kind.code();
    let name = t().services.service(kind);
    let heading = format!("service-{code}");
    let card_label = heading.clone();
    let step = RwSignal::new(Step::Choose);
    let form = FormState::new();
    let running = offer
        .subscription
        .clone()
        .filter(|sub| sub.status != SubscriptionStatus::Ended);

    let ask_quote = {
        let vin = vin.clone();
        move |plan: Plan| {
            if !form.begin() {
                return;
            }
            let vin = vin.clone();
            form.submit(
                async move { api::quote(session, &vin, kind, plan).await },
                move |quote| {
                    step.set(Step::Review(quote, api::idempotency_key()));
                    focus_id(&format!("review-{code}"));
                },
            );
        }
    };
    let activate = {
        let vin = vin.clone();
        Callback::new(move |(plan, key): (Plan, String)| {
            if !form.begin() {
                return;
            }
            let vin = vin.clone();
            let body = ActivateRequest {
                plan,
                idempotency_key: key,
            };
            form.submit(
                async move { api::activate(session, &vin, kind, &body).await },
                move |answer| match answer {
                    // The card issuer's page; it sends the browser back here.
                    Activation::RequiresAction { challenge_url, .. } => {
                        let _ = window().location().set_href(&challenge_url);
                    }
                    done => {
                        step.set(Step::Choose);
                        on_change.run(activation_outcome(&done));
                    }
                },
            );
        })
    };

    let plans = offer
        .plans
        .iter()
        .map(|p| view! { <li>{s.plan_price(t().services.plan(p.plan), &money(p.price))}</li> })
        .collect_view();
    let trial = offer.trial.map(|length| match length {
        TrialLength::Days(n) => s.trial_days(&n.to_string()),
        TrialLength::Months(n) => s.trial_months(&n.to_string()),
    });

    // Buttons to start: the trial and each plan, while nothing runs.
    let choices = (offer.available && running.is_none()).then(|| {
        let trial_button = offer.trial.is_some().then(|| {
            let ask = ask_quote.clone();
            view! {
                <button type="button" class="ml-button ml-button--primary"
                    on:click=move |_| ask(Plan::Trial)>{s.start_trial(name)}</button>
            }
        });
        let plan_buttons = offer
            .plans
            .iter()
            .map(|p| {
                let (ask, plan) = (ask_quote.clone(), p.plan);
                view! {
                    <button type="button" class="ml-button ml-button--secondary"
                        on:click=move |_| ask(plan)>{s.choose_plan(t().services.plan(plan), name)}</button>
                }
            })
            .collect_view();
        view! { <div class="ml-form__actions">{trial_button}{plan_buttons}</div> }
    });

    let manage = running.clone().map(|sub| manage_view(sub, form, step));

    let review = move || match step.get() {
        Step::Choose => None,
        Step::Review(quote, key) => Some(review_view(quote, key, form, step, activate).into_any()),
        Step::Cancel(sub, quote) => {
            Some(cancel_view(sub, quote, form, step, on_change, session).into_any())
        }
        Step::Withdraw(sub, quote) => {
            Some(withdraw_view(sub, quote, form, step, on_change, session).into_any())
        }
    };

    view! {
        <section class="ml-card" aria-labelledby=card_label>
            <h2 id=heading>{name}</h2>
            <p><strong>{state_text(running.as_ref())}</strong></p>
            <p>{service_includes(kind)}</p>
            {(!offer.available).then(|| view! { <p class="ml-muted">{s.not_for_powertrain.as_str()}</p> })}
            {offer.available.then(|| view! {
                <h3>{s.plans_heading.as_str()}</h3>
                <ul>{trial.map(|t| view! { <li>{t}</li> })}{plans}</ul>
                <p class="ml-muted">{s.vat_included(&percent_bp(offer.vat_rate_bp))}</p>
            })}
            <div hidden=move || !matches!(step.get(), Step::Choose)>{choices}{manage}</div>
            {review}
            {move || form.request_error().map(|error| {
                let card = error.code() == Some(ErrorCode::MainCardRequired);
                view! {
                    <RequestError error />
                    {card.then(|| view! {
                        <p>{s.card_needed.as_str()} " "
                            <a href=config().href("/wallet")>{s.wallet_link.as_str()}</a></p>
                    })}
                }
            })}
        </section>
    }
}

/// Cancel and, within 14 days of a paid plan, withdraw: each asks first.
fn manage_view(sub: Subscription, form: FormState, step: RwSignal<Step>) -> Option<impl IntoView> {
    let s = &t().services;
    if sub.status == SubscriptionStatus::Cancelled {
        return None;
    }
    let name = t().services.service(sub.service);
    let code = sub.service.code();
    let withdraw = sub
        .withdrawal_deadline
        .filter(|d| *d > Utc::now())
        .map(|_| {
            let sub = sub.clone();
            view! {
                <button type="button" class="ml-button ml-button--secondary" on:click=move |_| {
                    if !form.begin() {
                        return;
                    }
                    let sub = sub.clone();
                    let id = sub.id.clone();
                    form.submit(async move { api::withdrawal_quote(&id).await }, move |quote| {
                        step.set(Step::Withdraw(sub, quote));
                        focus_id(&format!("withdraw-{code}"));
                    });
                }>{s.withdraw_button(name)}</button>
            }
        });
    Some(view! {
        <div class="ml-form__actions">
            {withdraw}
            <button type="button" class="ml-button ml-button--secondary" on:click=move |_| {
                if !form.begin() {
                    return;
                }
                let sub = sub.clone();
                let id = sub.id.clone();
                form.submit(async move { api::cancellation_quote(&id).await }, move |quote| {
                    step.set(Step::Cancel(sub, quote));
                    focus_id(&format!("cancel-{code}"));
                });
            }>{s.cancel_button(name)}</button>
        </div>
    })
}

/// What a cancellation does, from the API's quote (a trial stops at once, a
/// monthly plan runs to the end of its cycle, a longer one to the end of
/// its current month with the unused whole months refunded), asked first.
fn cancel_view(
    sub: Subscription,
    quote: CancellationQuote,
    form: FormState,
    step: RwSignal<Step>,
    on_change: Callback<Outcome>,
    session: crate::session::Session,
) -> impl IntoView {
    let s = &t().services;
    let name = t().services.service(sub.service);
    let heading = format!("cancel-{}", sub.service.code());
    let labelled = heading.clone();
    let question = match sub.plan {
        Plan::Trial => s.cancel_trial(name),
        Plan::Monthly => s.cancel_monthly(name, &day(quote.ends_at)),
        Plan::Yearly | Plan::MultiYear => {
            s.cancel_long(name, &day(quote.ends_at), &money(quote.refund))
        }
    };
    let confirm = Callback::new(move |()| {
        if !form.begin() {
            return;
        }
        let id = sub.id.clone();
        form.submit(async move { api::cancel(session, &id).await }, move |c| {
            step.set(Step::Choose);
            let sub = &c.subscription;
            let until = day(sub
                .cancel_at
                .or(sub.ended_at)
                .unwrap_or(sub.current_period_end));
            on_change.run(Outcome::Done(if c.refund.cents > 0 {
                s.cancelled_refund(name, &until, &money(c.refund))
            } else {
                s.cancelled(name, &until)
            }));
        });
    });
    view! {
        <div class="ml-confirm" role="group" aria-labelledby=labelled>
            <p id=heading tabindex="-1"><strong>{question}</strong></p>
            <div class="ml-form__actions">
                <SubmitButton label=s.cancel_yes.as_str() pending=form.pending kind="button"
                    class="ml-button ml-button--danger" on_click=confirm />
                <button type="button" class="ml-button ml-button--quiet"
                    on:click=move |_| step.set(Step::Choose)>{s.go_back.as_str()}</button>
            </div>
        </div>
    }
}

/// The review step (WCAG 3.3.4): what will be charged, when it renews and
/// until when the order can be withdrawn; confirm or go back.
fn review_view(
    quote: Quote,
    key: String,
    form: FormState,
    step: RwSignal<Step>,
    activate: Callback<(Plan, String)>,
) -> impl IntoView {
    let s = &t().services;
    let name = t().services.service(quote.service);
    let id = format!("review-{}", quote.service.code());
    let labelled = id.clone();
    let trial = quote.plan == Plan::Trial;
    let plan = quote.plan;
    let row = |label: String, value: String| {
        view! { <div><dt>{label}</dt><dd>{value}</dd></div> }
    };
    let withdrawal = if trial {
        None
    } else {
        Some(match quote.withdrawal_deadline {
            Some(d) => row(s.review_withdrawal.to_string(), day(d)).into_any(),
            None => view! { <p>{s.review_no_withdrawal.as_str()}</p> }.into_any(),
        })
    };
    view! {
        <div class="ml-confirm" role="group" aria-labelledby=labelled>
            <h3 id=id tabindex="-1">{s.review_heading(name)}</h3>
            <dl class="ml-facts">
                {row(s.review_plan.to_string(), t().services.plan(plan).to_owned())}
                {row(s.review_price.to_string(), money(quote.price))}
                {(!trial).then(|| view! {
                    {row(s.review_net.to_string(), money(quote.net))}
                    {row(s.review_vat(&percent_bp(quote.vat_rate_bp)), money(quote.vat))}
                })}
                {row(s.review_start.to_string(), day(quote.starts_at))}
                {row(
                    if quote.renews { s.review_renews.to_string() } else { s.review_trial_end.to_string() },
                    day(quote.period_end),
                )}
                {withdrawal}
            </dl>
            {trial.then(|| view! { <p>{s.review_trial_note.as_str()}</p> })}
            <div class="ml-form__actions">
                <SubmitButton
                    label=if trial { s.confirm_trial.as_str() } else { s.confirm_pay.as_str() }
                    pending=form.pending
                    kind="button"
                    on_click=Callback::new(move |()| activate.run((plan, key.clone())))
                />
                <button type="button" class="ml-button ml-button--quiet"
                    on:click=move |_| step.set(Step::Choose)>{s.go_back.as_str()}</button>
            </div>
        </div>
    }
}

/// The refund of a withdrawal, shown before it is confirmed.
fn withdraw_view(
    sub: Subscription,
    quote: WithdrawalQuote,
    form: FormState,
    step: RwSignal<Step>,
    on_change: Callback<Outcome>,
    session: crate::session::Session,
) -> impl IntoView {
    let s = &t().services;
    let heading = format!("withdraw-{}", sub.service.code());
    let labelled = heading.clone();
    let confirm = Callback::new(move |()| {
        if !form.begin() {
            return;
        }
        let id = sub.id.clone();
        form.submit(async move { api::withdraw(session, &id).await }, move |c| {
            step.set(Step::Choose);
            on_change.run(Outcome::Done(s.withdrawn(
                t().services.service(c.subscription.service),
                &money(c.refund),
            )));
        });
    });
    let row = |label: &'static str, value: String| {
        view! { <div><dt>{label}</dt><dd>{value}</dd></div> }
    };
    view! {
        <div class="ml-confirm" role="group" aria-labelledby=labelled>
            <h3 id=heading tabindex="-1">{s.withdraw_heading.as_str()}</h3>
            <dl class="ml-facts">
                {row(s.withdraw_paid.as_str(), money(quote.paid))}
                {row(s.withdraw_delivered.as_str(), money(quote.delivered))}
                {row(s.withdraw_refund.as_str(), money(quote.refund))}
                {row(s.withdraw_deadline.as_str(), day(quote.deadline))}
            </dl>
            <div class="ml-form__actions">
                <SubmitButton label=s.withdraw_yes.as_str() pending=form.pending kind="button"
                    class="ml-button ml-button--danger" on_click=confirm />
                <button type="button" class="ml-button ml-button--quiet"
                    on:click=move |_| step.set(Step::Choose)>{s.go_back.as_str()}</button>
            </div>
        </div>
    }
}
