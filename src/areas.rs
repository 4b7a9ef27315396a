//! The portal's areas and how they load.
//!
//! The pages are cut into areas, each its own wasm chunk, fetched the first
//! time one of its pages opens: the first visit carries the shell, the router
//! and one area, not the whole portal (scripts/build-wasm.sh runs wasm-split
//! at the `wasm_split` functions below). An area per section keeps the chunks
//! few and makes moving between the pages of one section free. A few seconds
//! after the first page is up the other areas are fetched in the background.
//!
//! Every route's view is a [`Page`], one type for all routes, so the router's
//! generic code exists once per path shape rather than once per route.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::ChooseView;

use crate::forms::set_title;
use crate::i18n::t;
use crate::pages::confirm::Confirm;
use crate::pages::forgot_password::ForgotPassword;
use crate::pages::garage::add::AddVehicle;
use crate::pages::garage::charger::AddCharger;
use crate::pages::garage::invitation::AcceptInvitation;
use crate::pages::garage::status::VehiclePage;
use crate::pages::garage::Garage;
use crate::pages::home::Home;
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
use crate::session::{Session, SessionStatus};

/// One area: an enum of its pages and a function, split into its own chunk,
/// that draws one of them. `fallible`: a chunk that cannot be fetched
/// (offline, a new release deployed meanwhile) is an error to show, not a
/// panic that stops the app; the failure is not remembered, so the next try
/// fetches again.
macro_rules! area {
    ($area:ident, $preload:ident, $pages:ident { $($page:ident),* $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $pages {
            $($page),*
        }

        #[::leptos::wasm_split::wasm_split(
            $area,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[doc(hidden)] $preload),
            fallible
        )]
        fn $area(page: $pages) -> Result<AnyView, SplitLoaderError> {
            Ok(match page {
                $($pages::$page => view! { <$page /> }.into_any()),*
            })
        }
    };
}

// Signing in is where most visits start, so it travels alone.
area!(sign_in_area, preload_sign_in_area, SignInPages { SignIn });

area!(
    account_area,
    preload_account_area,
    AccountPages {
        Register,
        Confirm,
        ForgotPassword,
        ResetPassword,
        ConfirmEmailChange,
        AccountDeleted,
    }
);

area!(home_area, preload_home_area, HomePages { Home, Section });

area!(
    profile_area,
    preload_profile_area,
    ProfilePages {
        PersonalPage,
        EmailPage,
        PasswordPage,
        DealerPage,
        EmergencyPage,
        ConsentsPage,
        PrivacyPage,
    }
);

area!(
    garage_area,
    preload_garage_area,
    GaragePages {
        Garage,
        AddVehicle,
        AddCharger,
        VehiclePage,
        AcceptInvitation,
    }
);

/// The page a route shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    SignIn,
    Account(AccountPages),
    Home(HomePages),
    Profile(ProfilePages),
    Garage(GaragePages),
}

impl Page {
    /// Fetches the page's area, if it is not here yet.
    async fn preload_area(self) -> Result<(), SplitLoaderError> {
        match self {
            Page::SignIn => preload_sign_in_area().await,
            Page::Account(_) => preload_account_area().await,
            Page::Home(_) => preload_home_area().await,
            Page::Profile(_) => preload_profile_area().await,
            Page::Garage(_) => preload_garage_area().await,
        }
    }
}

impl ChooseView for Page {
    async fn choose(self) -> AnyView {
        let view = match self {
            Page::SignIn => sign_in_area(SignInPages::SignIn).await,
            Page::Account(page) => account_area(page).await,
            Page::Home(page) => home_area(page).await,
            Page::Profile(page) => profile_area(page).await,
            Page::Garage(page) => garage_area(page).await,
        };
        view.unwrap_or_else(|_| view! { <AreaLoadFailed /> }.into_any())
    }

    async fn preload(&self) {
        // A failed prefetch is simply tried again when the page opens.
        let _ = self.preload_area().await;
    }
}

/// Shown in place of a page whose area could not be fetched; trying again
/// reloads the page at the same address.
#[component]
fn AreaLoadFailed() -> impl IntoView {
    let tx = t();
    set_title(tx.common.area_load_failed_title.as_str());
    view! {
        <div class="ml-page ml-page--narrow">
            <h1 class="ml-title" tabindex="-1">{tx.common.area_load_failed_title.as_str()}</h1>
            <div class="ml-notice ml-notice--error" role="alert">
                <p>{tx.common.area_load_failed.as_str()}</p>
            </div>
            <p>
                <button
                    type="button"
                    class="ml-button ml-button--primary"
                    on:click=|_| {
                        let _ = window().location().reload();
                    }
                >
                    {tx.common.retry.as_str()}
                </button>
            </p>
        </div>
    }
}

/// A few seconds after the first page is up, fetch in the background, one by
/// one, the areas this visitor is likely to open next, so that navigation
/// neither waits for the network nor fails when the connection drops: for a
/// visitor who is not signed in the public pages, and once signed in the
/// sections of the portal. Nobody downloads the whole portal just to sign in.
pub fn prefetch_areas(session: Session) {
    let public_done = StoredValue::new(false);
    let portal_done = StoredValue::new(false);
    Effect::new(move |_| {
        if session.status.get() != SessionStatus::Ready {
            return;
        }
        let (done, pages): (_, &'static [Page]) = if session.is_signed_in() {
            (
                portal_done,
                &[
                    Page::Home(HomePages::Home),
                    Page::Garage(GaragePages::Garage),
                    Page::Profile(ProfilePages::PersonalPage),
                ],
            )
        } else {
            (
                public_done,
                &[
                    Page::SignIn,
                    Page::Account(AccountPages::Register),
                    Page::Home(HomePages::Home),
                ],
            )
        };
        if done.get_value() {
            return;
        }
        done.set_value(true);
        set_timeout(
            move || {
                spawn_local(async move {
                    for page in pages {
                        let _ = page.preload_area().await;
                    }
                })
            },
            std::time::Duration::from_secs(3),
        );
    });
}
