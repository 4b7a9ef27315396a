//! State shared by every form: field errors, the request-level error, the
//! pending flag, and the counter that moves focus to the error summary.
//!
//! Every form (and every action button) sends its request the same way:
//!
//! ```ignore
//! if !form.begin() { return; }          // already sending
//! /* validate: form.fail_fields(errors); return; */
//! form.submit(api::save(session, &body), move |saved| { /* show it */ });
//! ```

use std::future::Future;

use leptos::prelude::*;
use mijn_lexus_contract::{ErrorCode, FieldError};

use crate::api::{ApiResult, ClientError};
use crate::i18n::error_text;
use crate::task::PageScope;

#[derive(Clone, Copy, Debug)]
pub struct FormState {
    /// Field errors in form order: (field id = contract field name, code).
    errors: RwSignal<Vec<(String, ErrorCode)>>,
    /// The problem with the request as a whole, if any.
    request_error: RwSignal<Option<ClientError>>,
    /// A request is under way: the submit button is disabled.
    pub pending: RwSignal<bool>,
    /// Incremented on every failed submit; the summary takes focus.
    pub failures: RwSignal<u32>,
    /// The page the form is on: its requests end with it.
    scope: PageScope,
}

impl FormState {
    pub fn new() -> FormState {
        FormState {
            errors: RwSignal::new(Vec::new()),
            request_error: RwSignal::new(None),
            pending: RwSignal::new(false),
            failures: RwSignal::new(0),
            scope: PageScope::new(),
        }
    }

    /// The message to show under one field.
    pub fn field(self, id: &'static str) -> Signal<Option<&'static str>> {
        let errors = self.errors;
        Signal::derive(move || {
            errors.with(|errs| {
                errs.iter()
                    .find(|(field, _)| field == id)
                    .map(|(_, code)| error_text(*code))
            })
        })
    }

    pub fn field_errors(self) -> Vec<(String, ErrorCode)> {
        self.errors.get()
    }

    pub fn request_error(self) -> Option<ClientError> {
        self.request_error.get()
    }

    pub fn has_errors(self) -> bool {
        self.errors.with(|e| !e.is_empty()) || self.request_error.with(Option::is_some)
    }

    /// The request-level error code, to offer a matching way out.
    pub fn request_code(self) -> Option<ErrorCode> {
        self.request_error
            .with(|e| e.as_ref().and_then(ClientError::code))
    }

    /// Starts a submit: clears old errors. False while a request is still
    /// under way (a double click): the caller then does nothing.
    pub fn begin(self) -> bool {
        if self.pending.get_untracked() {
            return false;
        }
        self.errors.set(Vec::new());
        self.request_error.set(None);
        true
    }

    /// Sends the form's request: the submit button is busy until the answer,
    /// which goes to `done`; a refusal shows as the form's errors. When the
    /// visitor leaves the page first, nothing runs after the answer.
    pub fn submit<T: 'static>(
        self,
        request: impl Future<Output = ApiResult<T>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.submit_mapped(request, done, str::to_owned);
    }

    /// [`submit`](Self::submit) for a form whose field ids differ from the
    /// server's field names (`field_id` maps them, see [`fail`](Self::fail)).
    pub fn submit_mapped<T: 'static>(
        self,
        request: impl Future<Output = ApiResult<T>> + 'static,
        done: impl FnOnce(T) + 'static,
        field_id: impl Fn(&str) -> String + 'static,
    ) {
        self.pending.set(true);
        self.scope.spawn(async move {
            let result = request.await;
            // The answer may have ended the page (a new session state).
            if !self.scope.is_alive() {
                return;
            }
            self.pending.set(false);
            match result {
                // Last: `done` may navigate away, ending the page.
                Ok(value) => done(value),
                Err(error) => self.fail(error, field_id),
            }
        });
    }

    /// Client-side validation failed.
    pub fn fail_fields(self, errors: Vec<FieldError>) {
        self.errors
            .set(errors.into_iter().map(|e| (e.field, e.code)).collect());
        self.request_error.set(None);
        self.failures.update(|n| *n += 1);
    }

    /// The server (or the network) said no. `field_id` maps the server's field
    /// names to the form's field ids (usually the identity).
    pub fn fail(self, error: ClientError, field_id: impl Fn(&str) -> String) {
        let fields: Vec<(String, ErrorCode)> = error
            .fields()
            .iter()
            .map(|f| (field_id(&f.field), f.code))
            .collect();
        let only_fields = !fields.is_empty() && error.code() == Some(ErrorCode::ValidationFailed);
        self.errors.set(fields);
        self.request_error
            .set(if only_fields { None } else { Some(error) });
        self.failures.update(|n| *n += 1);
    }
}

impl Default for FormState {
    fn default() -> Self {
        FormState::new()
    }
}

/// `request`, moving focus to the element `id` when it fails (a form without
/// an error summary: its first field).
pub async fn focus_on_error<T>(
    id: &'static str,
    request: impl Future<Output = ApiResult<T>>,
) -> ApiResult<T> {
    let answer = request.await;
    if answer.is_err() {
        focus_id(id);
    }
    answer
}

/// Moves keyboard focus to the element with this id (after the next paint,
/// so freshly rendered content exists).
pub fn focus_id(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Moves focus to the page's main heading (route changes, a form replaced
/// by its result).
pub fn focus_main_heading() {
    focus_main_heading_within(HEADING_WAIT_FRAMES);
}

/// How many frames (about a second) a page may take to draw its h1 after
/// its area arrived: a page behind the session check or the terms gate
/// draws it a moment later.
const HEADING_WAIT_FRAMES: u32 = 60;

fn focus_main_heading_within(frames: u32) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        match document()
            .query_selector("#inhoud h1")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            Some(el) => {
                let _ = el.focus();
                if frames > 0 {
                    refocus_if_replaced(el, frames - 1);
                }
            }
            None if frames > 0 => focus_main_heading_within(frames - 1),
            None => {}
        }
    });
}

/// The h1 just focused may be the leaving page's, drawn over in the next
/// frames by the page whose area was still loading: then focus falls to the
/// body, and the new page's h1 takes it. Focus the visitor moved elsewhere
/// meanwhile stays where it is.
fn refocus_if_replaced(focused: web_sys::HtmlElement, frames: u32) {
    request_animation_frame(move || {
        if focused.is_connected() {
            // Watched for the rest of the wait: a page behind the session
            // check may draw its h1 anew a few frames later.
            if frames > 0 {
                refocus_if_replaced(focused, frames - 1);
            }
            return;
        }
        let body = document().body();
        let active = document().active_element();
        let lost = match (&active, &body) {
            (None, _) => true,
            (Some(a), Some(b)) => a == AsRef::<web_sys::Element>::as_ref(b),
            (Some(_), None) => false,
        };
        if lost {
            focus_main_heading_within(frames);
        }
    });
}

/// Sets the document title: "Aanmelden – Mijn Lexus".
pub fn set_title(page: &str) {
    document().set_title(&crate::i18n::document_title(page));
}
