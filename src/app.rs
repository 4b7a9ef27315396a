//! The application: session context, frame and routes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api;
use crate::areas::{prefetch_areas, AccountPages, GaragePages, HomePages, Page, ProfilePages};
use crate::components::cookie_notice::CookieNotice;
use crate::components::shell::{Footer, Header, SkipLink};
use crate::config::config;
use crate::forms::focus_main_heading;
use crate::pages::not_found::NotFound;
use crate::session::Session;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    spawn_local(async move {
        let _ = api::refresh_session(session).await;
    });
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
                    <FlatRoutes fallback=NotFound>
                        <Route path=path!("/") view={Page::Home(HomePages::Home)} />
                        <Route path=path!("/register") view={Page::Account(AccountPages::Register)} />
                        <Route path=path!("/confirm") view={Page::Account(AccountPages::Confirm)} />
                        <Route path=path!("/sign-in") view={Page::SignIn} />
                        <Route path=path!("/forgot-password") view={Page::Account(AccountPages::ForgotPassword)} />
                        <Route path=path!("/reset-password") view={Page::Account(AccountPages::ResetPassword)} />
                        // The five sections: /profile, /garage, /map, /trips, /wallet.
                        <Route path=path!("/garage") view={Page::Garage(GaragePages::Garage)} />
                        <Route path=path!("/garage/add") view={Page::Garage(GaragePages::AddVehicle)} />
                        <Route path=path!("/garage/charger/add") view={Page::Garage(GaragePages::AddCharger)} />
                        <Route path=path!("/garage/:vin") view={Page::Garage(GaragePages::VehiclePage)} />
                        <Route path=path!("/invitation") view={Page::Garage(GaragePages::AcceptInvitation)} />
                        <Route path=path!("/profile") view={Page::Profile(ProfilePages::PersonalPage)} />
                        <Route path=path!("/profile/email") view={Page::Profile(ProfilePages::EmailPage)} />
                        <Route path=path!("/profile/password") view={Page::Profile(ProfilePages::PasswordPage)} />
                        <Route path=path!("/profile/dealer") view={Page::Profile(ProfilePages::DealerPage)} />
                        <Route path=path!("/profile/emergency-contact") view={Page::Profile(ProfilePages::EmergencyPage)} />
                        <Route path=path!("/profile/consents") view={Page::Profile(ProfilePages::ConsentsPage)} />
                        <Route path=path!("/profile/privacy") view={Page::Profile(ProfilePages::PrivacyPage)} />
                        <Route path=path!("/confirm-email-change") view={Page::Account(AccountPages::ConfirmEmailChange)} />
                        <Route path=path!("/account-deleted") view={Page::Account(AccountPages::AccountDeleted)} />
                        <Route path=path!("/:section") view={Page::Home(HomePages::Section)} />
                    </FlatRoutes>
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
