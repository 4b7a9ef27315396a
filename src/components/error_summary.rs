//! The box at the top of a form after a failed submit: what went wrong, with a
//! link to every field that needs attention. It takes focus, so keyboard and
//! screen-reader users land on it.

use leptos::prelude::*;

use crate::forms::{focus_id, FormState};
use crate::i18n::{error_text, t};

#[component]
pub fn ErrorSummary(
    form: FormState,
    /// (field id, label) of every field in the form, in form order.
    labels: Vec<(&'static str, &'static str)>,
    /// Extra content (a link or button offering a way out).
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let summary_id = "foutmeldingen";
    Effect::watch(
        move || form.failures.get(),
        move |n, _, _| {
            if *n > 0 {
                focus_id(summary_id);
            }
        },
        false,
    );
    let labels = StoredValue::new(labels);
    let label_of = move |field: &str| {
        labels.with_value(|labels| {
            labels
                .iter()
                .find(|(id, _)| *id == field)
                .map(|(_, label)| *label)
        })
    };
    let children = StoredValue::new(children);
    move || {
        form.has_errors().then(|| {
            let request = form.request_error().map(|e| e.message());
            let items = form
                .field_errors()
                .into_iter()
                .map(|(field, code)| {
                    let text = match label_of(&field) {
                        Some(label) => format!("{label}: {}", error_text(code)),
                        None => error_text(code).to_owned(),
                    };
                    let href = format!("#{field}");
                    let target = field.clone();
                    view! {
                        <li>
                            <a
                                href=href
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    focus_id(&target);
                                }
                            >
                                {text}
                            </a>
                        </li>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <div
                    class="ml-summary"
                    id=summary_id
                    role="alert"
                    tabindex="-1"
                    aria-labelledby="foutmeldingen-titel"
                >
                    <h2 class="ml-summary__title" id="foutmeldingen-titel">
                        {t().common.summary_heading.as_str()}
                    </h2>
                    {request.map(|m| view! { <p class="ml-summary__message">{m}</p> })}
                    {(!items.is_empty()).then(|| view! { <ul class="ml-summary__list">{items}</ul> })}
                    {children.with_value(|c| c.as_ref().map(|c| c()))}
                </div>
            }
        })
    }
}
