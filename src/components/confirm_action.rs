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
    #[prop(into)]
    id: String,
    /// The first button's text.
    button: &'static str,
    #[prop(into)] question: String,
    /// What the first button acts on, when its text alone does not say
    /// (one button per item of a list): an element id.
    #[prop(optional, into)]
    described_by: Option<String>,
    /// The confirming button's text.
    yes: &'static str,
    /// The form the action's request goes through (busy state, errors).
    form: FormState,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    move || {
        let id = id.clone();
        if confirming.get() {
            let labelled_by = id.clone();
            view! {
                <div class="ml-confirm" role="group" aria-labelledby=labelled_by>
                    <p id=id tabindex="-1"><strong>{question.clone()}</strong></p>
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
                    aria-describedby=described_by.clone()
                    on:click=move |_| {
                        confirming.set(true);
                        focus_id(&id);
                    }
                >
                    {button}
                </button>
            }
            .into_any()
        }
    }
}
