//! The application: session context, frame and routes.

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;

use crate::api;
use crate::areas::{prefetch_areas, PortalRoutes};
use crate::components::cookie_notice::CookieNotice;
use crate::components::shell::{Footer, Header, SkipLink};
use crate::config::config;
use crate::forms::focus_main_heading;
use crate::session::Session;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    api::install_session(session);
    api::renew_session(session);
    prefetch_areas(session);
    let (is_routing, set_is_routing) = signal(false);

    view! {
        <div class="ml-app">
            <Router base=config().base.as_str() set_is_routing>
                <FocusOnNavigation is_routing />
                <SkipLink />
                <Header />
                <CookieNotice />
                <main class="ml-main" id="inhoud" tabindex="-1">
                    <PortalRoutes />
                </main>
                <Footer />
            </Router>
        </div>
    }
}

/// After every client-side navigation (not the first load), focus moves to the
/// new page's h1 so screen-reader and keyboard users start at the content.
///
/// A page whose area is still being fetched (see `crate::areas`) is drawn only
/// when the router's `is_routing` falls back to false, so focus waits for that;
/// when nothing is loading by the next frame (an area already here, the
/// not-found page) it moves at once.
#[component]
fn FocusOnNavigation(is_routing: ReadSignal<bool>) -> impl IntoView {
    let location = use_location();
    let pending = StoredValue::new(false);
    let focus_if_pending = move || {
        if pending.get_value() {
            pending.set_value(false);
            focus_main_heading();
        }
    };
    Effect::watch(
        move || location.pathname.get(),
        move |_, _, _| {
            pending.set_value(true);
            request_animation_frame(move || {
                if !is_routing.get_untracked() {
                    focus_if_pending();
                }
            });
        },
        false,
    );
    Effect::watch(
        move || is_routing.get(),
        move |routing, _, _| {
            if !*routing {
                focus_if_pending();
            }
        },
        false,
    );
}
