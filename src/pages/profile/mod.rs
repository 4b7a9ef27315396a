//! "Mijn profiel" (B1-B5): one page per part, under /profile, with a menu
//! of the parts; the re-acceptance page (A4) and the e-mail change link.

pub mod confirm_email;
pub mod consents;
pub mod dealer;
pub mod emergency;
pub mod format;
pub mod gate;
pub mod personal;
pub mod privacy;
pub mod security;
pub mod sessions;

use leptos::prelude::*;
use leptos_router::components::A;
use mijn_lexus_contract::ErrorCode;

use crate::api::ClientError;
use crate::config::config;
use crate::forms::set_title;
use crate::i18n::t;

/// A value being loaded: `None` while the request runs.
pub type Loaded<T> = RwSignal<Option<Result<T, ClientError>>>;

/// The parts of the profile: (path, title).
fn parts() -> [(&'static str, &'static str); 7] {
    let p = &t().profile;
    [
        ("/profile", &p.personal_title),
        ("/profile/email", &p.email_heading),
        ("/profile/password", &p.password_heading),
        ("/profile/dealer", &p.dealer_title),
        ("/profile/emergency-contact", &p.emergency_title),
        ("/profile/consents", &p.consents_title),
        ("/profile/privacy", &p.privacy_title),
    ]
}

/// The frame of every profile part (inside `Protected`): the parts menu, the h1.
#[component]
pub fn ProfilePage(title: &'static str, children: Children) -> impl IntoView {
    set_title(title);
    view! {
            <div class="ml-page ml-profile">
                <nav class="ml-profile__nav" aria-label=t().profile.nav_label.as_str()>
                    <ul class="ml-profile__tabs">
                        {parts()
                            .into_iter()
                            .map(|(path, text)| {
                                view! {
                                    <li>
                                        <A href=config().href(path) exact=true attr:class="ml-profile__tab">
                                            {text}
                                        </A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                <div class="ml-profile__content">
                    <h1 class="ml-title" tabindex="-1">{title}</h1>
                    {children()}
                </div>
            </div>
    }
}

/// Loading / error / content of a loaded value.
pub fn loaded_view<T: Clone + Send + Sync + 'static, V: IntoView + 'static>(
    slot: Loaded<T>,
    retry: impl Fn() + Copy + Send + Sync + 'static,
    content: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        match slot.get() {
        None => view! { <p class="ml-loading" role="status">{t().common.loading.as_str()}</p> }
            .into_any(),
        Some(Err(e)) => view! {
            <div class="ml-notice ml-notice--error" role="alert">
                <p>{e.message()}</p>
                <button type="button" class="ml-button ml-button--secondary" on:click=move |_| retry()>
                    {t().common.retry.as_str()}
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(value)) => content(value).into_any(),
    }
    }
}

/// Starts loading `future` into `slot`.
pub fn load<T, F>(slot: Loaded<T>, future: F)
where
    F: std::future::Future<Output = Result<T, ClientError>> + 'static,
    T: Send + Sync + 'static,
{
    slot.set(None);
    let session = crate::session::use_session();
    leptos::task::spawn_local(async move {
        let result = future.await;
        // A new legal version was published meanwhile: the session learns
        // it, and the protected frame shows the re-acceptance page (A4).
        if matches!(&result, Err(e) if e.code() == Some(ErrorCode::LegalAcceptanceRequired)) {
            let _ = crate::api::refresh_session(session).await;
        }
        slot.set(Some(result));
    });
}

/// A polite live region for "saved" messages.
#[component]
pub fn StatusMessage(message: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div role="status" class="ml-status">
            {move || message.get().map(|m| view! { <p class="ml-notice ml-notice--ok">{m}</p> })}
        </div>
    }
}
