//! The application: session context, frame and routes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api;
use crate::components::cookie_notice::CookieNotice;
use crate::components::shell::{Footer, Header, SkipLink};
use crate::config::config;
use crate::forms::focus_main_heading;
use crate::pages::confirm::Confirm;
use crate::pages::forgot_password::ForgotPassword;
use crate::pages::garage::add::AddVehicle;
use crate::pages::garage::charger::AddCharger;
use crate::pages::garage::invitation::AcceptInvitation;
use crate::pages::garage::status::VehiclePage;
use crate::pages::garage::Garage;
use crate::pages::home::Home;
use crate::pages::not_found::NotFound;
use crate::pages::profile::confirm_email::ConfirmEmailChange;
use crate::pages::profile::consents::ConsentsPage;
use crate::pages::profile::dealer::DealerPage;
use crate::pages::profile::emergency::EmergencyPage;
use crate::pages::profile::personal::PersonalPage;
use crate::pages::profile::privacy::{AccountDeleted, PrivacyPage};
use crate::pages::profile::security::{EmailPage, PasswordPage};
use crate::pages::register::Register;
use crate::pages::reset_password::ResetPassword;
use crate::pages::section::Section;
use crate::pages::sign_in::SignIn;
use crate::session::Session;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    spawn_local(async move {
        let _ = api::refresh_session(session).await;
    });

    view! {
        <div class="ml-app">
            <Router base=config().base.as_str()>
                <FocusOnNavigation />
                <SkipLink />
                <Header />
                <CookieNotice />
                <main class="ml-main" id="inhoud" tabindex="-1">
                    <FlatRoutes fallback=NotFound>
                        <Route path=path!("/") view=Home />
                        <Route path=path!("/register") view=Register />
                        <Route path=path!("/confirm") view=Confirm />
                        <Route path=path!("/sign-in") view=SignIn />
                        <Route path=path!("/forgot-password") view=ForgotPassword />
                        <Route path=path!("/reset-password") view=ResetPassword />
                        // The five sections: /profile, /garage, /map, /trips, /wallet.
                        <Route path=path!("/garage") view=Garage />
                        <Route path=path!("/garage/add") view=AddVehicle />
                        <Route path=path!("/garage/charger/add") view=AddCharger />
                        <Route path=path!("/garage/:vin") view=VehiclePage />
                        <Route path=path!("/invitation") view=AcceptInvitation />
                        <Route path=path!("/profile") view=PersonalPage />
                        <Route path=path!("/profile/email") view=EmailPage />
                        <Route path=path!("/profile/password") view=PasswordPage />
                        <Route path=path!("/profile/dealer") view=DealerPage />
                        <Route path=path!("/profile/emergency-contact") view=EmergencyPage />
                        <Route path=path!("/profile/consents") view=ConsentsPage />
                        <Route path=path!("/profile/privacy") view=PrivacyPage />
                        <Route path=path!("/confirm-email-change") view=ConfirmEmailChange />
                        <Route path=path!("/account-deleted") view=AccountDeleted />
                        <Route path=path!("/:section") view=Section />
                    </FlatRoutes>
                </main>
                <Footer />
            </Router>
        </div>
    }
}

/// After every client-side navigation (not the first load), focus moves to the
/// new page's h1 so screen-reader and keyboard users start at the content.
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    Effect::watch(
        move || location.pathname.get(),
        move |_, _, _| focus_main_heading(),
        false,
    );
}
