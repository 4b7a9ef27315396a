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

use crate::config::config;
use crate::forms::set_title;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;

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
                <nav class="ml-subnav ml-profile__nav" aria-label=t().profile.nav_label.as_str()>
                    <ul>
                        {parts()
                            .into_iter()
                            .map(|(path, text)| {
                                view! {
                                    <li>
                                        <A href=config().href(path) exact=true>
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

/// A polite live region for "saved" messages.
#[component]
pub fn StatusMessage(message: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div role="status" class="ml-status">
            {move || message.get().map(|m| view! { <p class="ml-notice ml-notice--ok">{m}</p> })}
        </div>
    }
}
