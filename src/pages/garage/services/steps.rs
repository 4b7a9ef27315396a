//! The steps a service card goes through after "Choose": the review of a
//! purchase (WCAG 3.3.4), and the questions before cancelling and
//! withdrawing, each showing the API's quote of what will happen.

use std::future::Future;

use chrono::Utc;
use leptos::prelude::*;
use mijn_lexus_contract::services::{
    AlsoEnding, CancellationQuote, Plan, Quote, Subscription, SubscriptionStatus, WithdrawalQuote,
};

use super::{day, Outcome};
use crate::api::services as api;
use crate::api::ApiResult;
use crate::components::field::SubmitButton;
use crate::format::{money, percent_bp};
use crate::forms::{focus_id, FormState};
use crate::i18n::t;
use crate::session::Session;

/// The step the card is at.
#[derive(Clone)]
pub(super) enum Step {
    Choose,
    /// The quote and the key the confirmation will carry.
    Review(Quote, String),
    /// The question, with when the service stops and what is refunded.
    Cancel(Subscription, CancellationQuote),
    Withdraw(Subscription, WithdrawalQuote),
}

/// Cancel and, within 14 days of a paid plan, withdraw: each asks first.
pub(super) fn manage_view(
    sub: Subscription,
    form: FormState,
    step: RwSignal<Step>,
) -> Option<impl IntoView> {
    let s = &t().services;
    if sub.status == SubscriptionStatus::Cancelled {
        return None;
    }
    let name = t().services.service(sub.service);
    let code = sub.service.code();
    let id = sub.id.clone();
    let withdraw = sub
        .withdrawal_deadline
        .filter(|d| *d > Utc::now())
        .map(|_| {
            let (sub, id) = (sub.clone(), id.clone());
            ask_first(
                s.withdraw_button(name),
                form,
                step,
                format!("withdraw-{code}"),
                move || {
                    let id = id.clone();
                    async move { api::withdrawal_quote(&id).await }
                },
                move |quote| Step::Withdraw(sub.clone(), quote),
            )
        });
    let cancel = ask_first(
        s.cancel_button(name),
        form,
        step,
        format!("cancel-{code}"),
        move || {
            let id = id.clone();
            async move { api::cancellation_quote(&id).await }
        },
        move |quote| Step::Cancel(sub.clone(), quote),
    );
    Some(view! { <div class="ml-form__actions">{withdraw}{cancel}</div> })
}

/// A button that fetches a quote, then shows the step that asks about it,
/// with the focus on its question (`question_id`).
fn ask_first<Q: 'static, F: Future<Output = ApiResult<Q>> + 'static>(
    label: String,
    form: FormState,
    step: RwSignal<Step>,
    question_id: String,
    quote: impl Fn() -> F + 'static,
    step_of: impl Fn(Q) -> Step + Clone + 'static,
) -> impl IntoView {
    let ask = move |_| {
        if !form.begin() {
            return;
        }
        let (step_of, question_id) = (step_of.clone(), question_id.clone());
        form.submit(quote(), move |q| {
            step.set(step_of(q));
            focus_id(&question_id);
        });
    };
    view! {
        <button type="button" class="ml-button ml-button--secondary" on:click=ask>{label}</button>
    }
}

/// What a cancellation does, from the API's quote (a trial stops at once, a
/// monthly plan runs to the end of its cycle, a longer one to the end of
/// its current month with the unused whole months refunded), asked first.
pub(super) fn cancel_view(
    sub: Subscription,
    quote: CancellationQuote,
    form: FormState,
    step: RwSignal<Step>,
    on_change: Callback<Outcome>,
    session: Session,
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
    let also = quote.also_ending;
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
            let mut text = if c.refund.cents > 0 {
                s.cancelled_refund(name, &until, &money(c.refund))
            } else {
                s.cancelled(name, &until)
            };
            if !c.also_ending.is_empty() {
                let names: Vec<&str> = c
                    .also_ending
                    .iter()
                    .map(|a| t().services.service(a.service))
                    .collect();
                text = format!("{text} {}", s.cancelled_also(&names.join(", ")));
            }
            on_change.run(Outcome::Done(text));
        });
    });
    view! {
        <div class="ml-confirm" role="group" aria-labelledby=labelled>
            <p id=heading tabindex="-1"><strong>{question}</strong></p>
            {also_ending_view(also)}
            {answers(s.cancel_yes.as_str(), DANGER, form, step, confirm)}
        </div>
    }
}

/// The vehicle's services a cancellation ends too (the Standard services
/// take Remote and Internet access with them), each with its end and refund.
fn also_ending_view(also: Vec<AlsoEnding>) -> Option<impl IntoView> {
    let s = &t().services;
    (!also.is_empty()).then(|| {
        let items = also
            .into_iter()
            .map(|a| {
                let name = t().services.service(a.service);
                let text = if a.refund.cents > 0 {
                    s.also_until_refund(name, &day(a.ends_at), &money(a.refund))
                } else {
                    s.also_until(name, &day(a.ends_at))
                };
                view! { <li>{text}</li> }
            })
            .collect_view();
        view! {
            <p>{s.cancel_also.as_str()}</p>
            <ul>{items}</ul>
        }
    })
}

/// The review step (WCAG 3.3.4): what will be charged, when it renews and
/// until when the order can be withdrawn; confirm or go back.
pub(super) fn review_view(
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
                    if quote.renews {
                        s.review_renews.to_string()
                    } else if trial {
                        s.review_trial_end.to_string()
                    } else {
                        s.review_ends.to_string()
                    },
                    day(quote.period_end),
                )}
                {withdrawal}
            </dl>
            {trial.then(|| view! { <p>{s.review_trial_note.as_str()}</p> })}
            {(!trial && !quote.renews).then(|| view! { <p>{s.review_by_hand_note.as_str()}</p> })}
            {answers(
                if trial { s.confirm_trial.as_str() } else { s.confirm_pay.as_str() },
                "ml-button ml-button--primary",
                form,
                step,
                Callback::new(move |()| activate.run((plan, key.clone()))),
            )}
        </div>
    }
}

/// The refund of a withdrawal, shown before it is confirmed.
pub(super) fn withdraw_view(
    sub: Subscription,
    quote: WithdrawalQuote,
    form: FormState,
    step: RwSignal<Step>,
    on_change: Callback<Outcome>,
    session: Session,
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
            {answers(s.withdraw_yes.as_str(), DANGER, form, step, confirm)}
        </div>
    }
}

const DANGER: &str = "ml-button ml-button--danger";

/// The answers to a step's question: `yes` (styled by `class`), or back to
/// the card's choices.
fn answers(
    yes: &'static str,
    class: &'static str,
    form: FormState,
    step: RwSignal<Step>,
    confirm: Callback<()>,
) -> impl IntoView {
    let s = &t().services;
    view! {
        <div class="ml-form__actions">
            <SubmitButton label=yes pending=form.pending kind="button" class on_click=confirm />
            <button type="button" class="ml-button ml-button--quiet"
                on:click=move |_| step.set(Step::Choose)>{s.go_back.as_str()}</button>
        </div>
    }
}
