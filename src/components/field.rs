//! Labelled form controls with an inline error (`<id>-error`), `aria-invalid`
//! and `aria-describedby`.

use leptos::prelude::*;

use crate::i18n::t;

fn described_by(hint: Option<String>, error: Option<String>) -> Option<String> {
    match (hint, error) {
        (None, None) => None,
        (Some(h), None) => Some(h),
        (None, Some(e)) => Some(e),
        (Some(h), Some(e)) => Some(format!("{h} {e}")),
    }
}

/// A text-like `<input>` with its label, hint and error.
#[component]
pub fn Field(
    /// Element id; also the contract field name the server reports.
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    /// `text`, `email`, `password`, `tel`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The on-screen keyboard to offer (`numeric` for card digits).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    /// For a password field: shows the text while `true`.
    #[prop(optional)]
    reveal: Option<RwSignal<bool>>,
    /// Render the "Toon wachtwoord" toggle for `reveal` next to this field.
    #[prop(optional)]
    reveal_toggle: bool,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let input_type = move || match reveal {
        Some(r) if r.get() => "text",
        _ => kind,
    };
    let describedby = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || described_by(hint_id.clone(), error.get().map(|_| error_id.clone()))
    };
    let toggle = reveal.filter(|_| reveal_toggle).map(|shown| {
        view! {
            <button
                type="button"
                class="ml-button ml-button--quiet ml-field__toggle"
                aria-controls=id
                aria-pressed=move || if shown.get() { "true" } else { "false" }
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                {t().common.show_password.as_str()}
            </button>
        }
    });
    view! {
        <div class="ml-field" class:ml-field--invalid=move || error.get().is_some()>
            <label class="ml-field__label" for=id>
                {label}
            </label>
            {hint
                .zip(hint_id)
                .map(|(text, hid)| view! { <p class="ml-field__hint" id=hid>{text}</p> })}
            <div class="ml-field__control">
                <input
                    class="ml-input"
                    id=id
                    name=id
                    type=input_type
                    autocomplete=autocomplete
                    inputmode=inputmode
                    spellcheck=if kind == "text" { None } else { Some("false") }
                    autocapitalize=if kind == "text" { None } else { Some("none") }
                    aria-required=if required { Some("true") } else { None }
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=describedby
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {toggle}
            </div>
            <FieldError id=error_id error=error />
        </div>
    }
}

/// The inline error under a control; rendered only when there is one.
#[component]
pub fn FieldError(id: String, #[prop(into)] error: Signal<Option<&'static str>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p class="ml-field__error" id=id.clone()>
                    {message}
                </p>
            }
        })
    }
}

/// A `<select>` with its label and error. `options` are (value, text).
#[component]
pub fn SelectField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    /// First, empty option ("Maak een keuze").
    #[prop(optional)]
    placeholder: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let describedby = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    let initial = value.get_untracked();
    let placeholder = placeholder.map(|text| {
        let selected = initial.is_empty();
        view! { <option value="" selected=selected>{text}</option> }
    });
    let options = options
        .into_iter()
        .map(|(code, text)| {
            let selected = initial == code;
            view! { <option value=code selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="ml-field" class:ml-field--invalid=move || error.get().is_some()>
            <label class="ml-field__label" for=id>
                {label}
            </label>
            <div class="ml-field__control">
                <select
                    class="ml-input ml-select"
                    id=id
                    name=id
                    autocomplete=autocomplete
                    aria-required=if required { Some("true") } else { None }
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=describedby
                    on:change=move |ev| value.set(event_target_value(&ev))
                >
                    {placeholder}
                    {options}
                </select>
            </div>
            <FieldError id=error_id error=error />
        </div>
    }
}

/// A checkbox with its label, an optional action next to it (such as a button
/// that opens the document being accepted) and its error.
#[component]
pub fn CheckboxField(
    id: &'static str,
    label: &'static str,
    checked: RwSignal<bool>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let describedby = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || described_by(hint_id.clone(), error.get().map(|_| error_id.clone()))
    };
    view! {
        <div class="ml-check" class:ml-field--invalid=move || error.get().is_some()>
            <div class="ml-check__row">
                <input
                    class="ml-check__box"
                    type="checkbox"
                    id=id
                    name=id
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=describedby
                    prop:checked=move || checked.get()
                    on:change=move |ev| checked.set(event_target_checked(&ev))
                />
                <label class="ml-check__label" for=id>
                    {label}
                </label>
            </div>
            {hint
                .zip(hint_id)
                .map(|(text, hid)| view! { <p class="ml-field__hint ml-check__hint" id=hid>{text}</p> })}
            {children.map(|c| view! { <div class="ml-check__action">{c()}</div> })}
            <FieldError id=error_id error=error />
        </div>
    }
}

/// One choice of a radio group (`name`): checked while `chosen` holds
/// `value`, and choosing it sets `chosen`. The group's markup (`ml-radios`
/// and what names it) is the caller's.
#[component]
pub fn RadioOption<T>(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    value: T,
    chosen: RwSignal<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <div class="ml-radio">
            <input
                type="radio"
                class="ml-radio__input"
                id=id
                name=name
                prop:checked=move || chosen.get() == value
                on:change=move |_| chosen.set(value)
            />
            <label class="ml-radio__label" for=id>{label}</label>
        </div>
    }
}

/// The submit (or action) button of a form: disabled and `aria-busy` while
/// its request is under way.
#[component]
pub fn SubmitButton(
    label: &'static str,
    pending: RwSignal<bool>,
    /// `submit` (default) or `button`.
    #[prop(default = "submit")]
    kind: &'static str,
    #[prop(default = "ml-button ml-button--primary")] class: &'static str,
    #[prop(optional)] on_click: Option<Callback<()>>,
    /// What the button acts on, when its label alone does not say (one
    /// button per item of a list).
    #[prop(optional, into)]
    described_by: Option<String>,
) -> impl IntoView {
    view! {
        <button
            type=kind
            class=class
            aria-describedby=described_by
            disabled=pending
            aria-busy=move || if pending.get() { "true" } else { "false" }
            on:click=move |_| {
                if let Some(cb) = on_click {
                    cb.run(());
                }
            }
        >
            {label}
        </button>
    }
}
