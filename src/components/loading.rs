//! The one way a page shows data it reads from the API: a `LocalResource`
//! (Leptos fetches it, refetches on `refetch`, and drops the request's
//! result when the page is gone) drawn by [`Loaded`] as "loading…" (a live
//! region, so screen readers hear it), the request's error in the visitor's
//! language with a retry, or the content.
//!
//! ```ignore
//! let profile = LocalResource::new(api::profile);
//! view! { <Loaded resource=profile let(p)> <PersonalForm profile=p /> </Loaded> }
//! ```
//!
//! The two answers that mean the session changed (signed out, new terms to
//! accept) never reach a page: the API client handles them (see `api`).

use leptos::prelude::*;

use crate::api::{ApiResult, ClientError};
use crate::forms::{focus_id, FormState};
use crate::i18n::t;

/// A value the page reads from the API.
pub type ApiResource<T> = LocalResource<ApiResult<T>>;

/// Loading, error with retry, or `children(value)`. While a refetch runs the
/// last content stays, below a loading notice.
#[component]
pub fn Loaded<T, F, V>(resource: ApiResource<T>, children: F) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let retry = Callback::new(move |()| resource.refetch());
    let content = move || {
        // `try_`: the Transition may draw once more after the page is gone
        // (an answer arriving as new terms replace the page); a disposed
        // resource then draws nothing instead of panicking.
        resource.try_get().flatten().map(|result| match result {
            Ok(value) => children(value).into_any(),
            Err(error) => view! { <RequestError error retry /> }.into_any(),
        })
    };
    let shown = Signal::derive(move || resource.try_with(Option::is_some).unwrap_or(false));
    transition(Box::new(content), shown)
}

/// The one `Transition` of the app: not generic, so its code exists once
/// rather than once per kind of data.
fn transition(
    content: Box<dyn Fn() -> Option<AnyView> + Send + Sync>,
    shown: Signal<bool>,
) -> AnyView {
    // A refetch (a retry, new data after an action) is announced too; the
    // first load shows the fallback instead.
    let refetching = RwSignal::new(false);
    view! {
        {move || (refetching.get() && shown.get()).then(|| view! { <LoadingNotice /> })}
        <Transition fallback=|| view! { <LoadingNotice /> } set_pending=refetching>
            {move || content()}
        </Transition>
    }
    .into_any()
}

/// The next page of a list the server pages (newest first): fetched through
/// `action` (so its failure shows where the page shows the action's errors,
/// and nothing runs once the page is gone), handed to `append`, then the
/// keyboard moves to `first_new` (the first new row). A short list appends
/// to its resource's value ([`into_resource`]; the list is drawn anew); a
/// long one keeps its older pages in a signal of their own, which a
/// `DataTable` draws row by row (the trips list: a year is 15 pages).
pub fn load_older<P: 'static>(
    action: FormState,
    request: impl std::future::Future<Output = ApiResult<P>> + 'static,
    append: impl FnOnce(P) + 'static,
    first_new: String,
) {
    if !action.begin() {
        return;
    }
    action.submit(request, move |page| {
        append(page);
        focus_id(&first_new);
    });
}

/// The `append` of [`load_older`] for a list kept in its resource's value.
pub fn into_resource<T: 'static, P>(
    resource: ApiResource<T>,
    append: impl FnOnce(&mut T, P) + 'static,
) -> impl FnOnce(P) + 'static {
    move |page| {
        resource.update(|value| {
            if let Some(Ok(value)) = value {
                append(value, page);
            }
        })
    }
}

/// "Loading…", announced politely.
#[component]
pub fn LoadingNotice() -> impl IntoView {
    view! { <p class="ml-loading" role="status">{t().common.loading.as_str()}</p> }
}

/// A request that failed, in the visitor's language; with `retry`, a button
/// to try again.
#[component]
pub fn RequestError(
    error: ClientError,
    #[prop(optional, into)] retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="ml-notice ml-notice--error" role="alert">
            <p>{error.message()}</p>
            {retry.map(|retry| view! {
                <button type="button" class="ml-button ml-button--secondary" on:click=move |_| retry.run(())>
                    {t().common.retry.as_str()}
                </button>
            })}
        </div>
    }
}
