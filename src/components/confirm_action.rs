//! An action that cannot be undone, asked twice: a button opens the
//! question with "yes" (busy while the request runs) and "cancel"; the
//! question takes the keyboard focus when it opens.

use leptos::prelude::*;

use crate::components::field::SubmitButton;
use crate::forms::{focus_id, FormState};
use crate::i18n::t;

#[component]
pub fn ConfirmAction(
    /// The question's id.
    id: &'static str,
    /// The first button's text.
    button: &'static str,
    question: &'static str,
    /// The confirming button's text.
    yes: &'static str,
    /// The form the action's request goes through (busy state, errors).
    form: FormState,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    move || {
        if confirming.get() {
            view! {
                <div class="ml-confirm" role="group" aria-labelledby=id>
                    <p id=id tabindex="-1"><strong>{question}</strong></p>
                    <div class="ml-form__actions">
                        <SubmitButton
                            label=yes
                            pending=form.pending
                            kind="button"
                            class="ml-button ml-button--danger"
                            on_click=on_confirm
                        />
                        <button
                            type="button"
                            class="ml-button ml-button--quiet"
                            on:click=move |_| confirming.set(false)
                        >
                            {t().common.cancel.as_str()}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button
                    type="button"
                    class="ml-button ml-button--secondary"
                    on:click=move |_| {
                        confirming.set(true);
                        focus_id(id);
                    }
                >
                    {button}
                </button>
            }
            .into_any()
        }
    }
}
