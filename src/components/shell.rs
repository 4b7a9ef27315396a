//! The frame around every page: skip link, header with logo, main menu and
//! the sign-out button (always one click away when signed in), footer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

use crate::api;
use crate::components::language_switch::LanguageSwitch;
use crate::config::{config, navigate_to};
use crate::forms::focus_id;
use crate::i18n::t;
use crate::session::use_session;

/// The sections of the portal: (path, menu text).
pub fn sections() -> [(&'static str, &'static str); 5] {
    let t = t();
    [
        ("/profile", t.common.nav_profile.as_str()),
        ("/garage", t.common.nav_garage.as_str()),
        ("/map", t.common.nav_map.as_str()),
        ("/trips", t.common.nav_trips.as_str()),
        ("/wallet", t.common.nav_wallet.as_str()),
    ]
}

#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="ml-skip"
            href="#inhoud"
            on:click=move |ev| {
                ev.prevent_default();
                focus_id("inhoud");
            }
        >
            {t().common.skip_link.as_str()}
        </a>
    }
}

/// The header. On wide screens everything is in one row; on phones (below
/// 60rem, style/main.css) the sections, the user's name and the languages
/// sit behind one menu button (a disclosure: `aria-expanded`, Escape closes
/// it and returns focus to the button), so the page's heading stays near the
/// top. Sign-out stays outside the menu: always one click away (A2).
#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<&'static str>);
    let menu_open = RwSignal::new(false);
    let menu_button = NodeRef::<leptos::html::Button>::new();

    // A chosen section closes the menu (focus then moves to the new page's h1).
    let location = use_location();
    Effect::watch(
        move || location.pathname.get(),
        move |_, _, _| menu_open.set(false),
        false,
    );
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            ev.prevent_default();
            menu_open.set(false);
            if let Some(button) = menu_button.get_untracked() {
                let _ = button.focus();
            }
        }
    };

    let sign_out = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::sign_out(session).await {
                Ok(()) => {
                    // Leave the protected page first, then forget the user,
                    // so no guard sends us back with a `next`.
                    navigate_to(&navigate, "/sign-in", false);
                    session.user.set(None);
                    let _ = api::refresh_session(session).await;
                }
                Err(e) => failure.set(Some(e.message())),
            }
            pending.set(false);
        });
    };
    let sign_out = StoredValue::new_local(sign_out);

    let sections_nav = move || {
        session.user.get().map(|user| {
            let links = sections()
                .into_iter()
                .map(|(path, text)| {
                    view! {
                        <li>
                            <A href=config().href(path) attr:class="ml-nav__link">
                                {text}
                            </A>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <nav class="ml-nav" aria-label=t().common.nav_label.as_str()>
                    <ul class="ml-nav__list">{links}</ul>
                </nav>
                <span class="ml-header__user">
                    <span class="ml-visually-hidden">{t().common.signed_in_as.as_str()}" "</span>
                    {user.first_name.clone()}
                </span>
            }
        })
    };
    let sign_out_button = move || {
        session.user.with(Option::is_some).then(|| {
            view! {
                <button
                    type="button"
                    class="ml-button ml-button--on-dark ml-header__sign-out"
                    aria-busy=move || if pending.get() { "true" } else { "false" }
                    on:click=move |ev| sign_out.with_value(|f| f(ev))
                >
                    {t().common.sign_out.as_str()}
                </button>
            }
        })
    };

    view! {
        <header class="ml-header" on:keydown=close_on_escape>
            <div class="ml-header__inner">
                <a class="ml-header__logo" href=config().href("/") aria-label=t().common.home_link_label.as_str()>
                    <img src=config().asset("logo.svg") alt="" width="168" height="32" />
                </a>
                // The button comes right before what it opens, so Tab goes
                // from it into the menu; on phones the menu wraps to its own
                // row under the bar (style/main.css).
                <button
                    type="button"
                    class="ml-button ml-button--on-dark ml-header__menu-button"
                    aria-controls="ml-menu"
                    aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                    node_ref=menu_button
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    {t().common.menu.as_str()}
                </button>
                <div
                    id="ml-menu"
                    class="ml-header__menu"
                    class:ml-header__menu--open=move || menu_open.get()
                >
                    {sections_nav}
                    <LanguageSwitch />
                </div>
                {sign_out_button}
            </div>
        </header>
        {move || {
            failure
                .get()
                .map(|m| {
                    view! {
                        <div class="ml-banner ml-banner--error" role="alert">
                            <p>{t().common.sign_out_failed.as_str()}" "{m}</p>
                        </div>
                    }
                })
        }}
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="ml-footer">
            <p>{t().common.footer_text.as_str()}</p>
        </footer>
    }
}
