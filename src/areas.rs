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
//!
//! The [`portal!`] table below is where routes are chosen: one line per page
//! declares its path, its area and whether it needs a signed-in user. Adding
//! a page takes its file, one line here and its texts.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::components::{FlatRoutes, Route};
use leptos_router::{path, ChooseView};
use wasm_bindgen::{JsCast, JsValue};

use crate::components::page_frame::PageFrame;
use crate::components::protected::Protected;
use crate::i18n::t;
use crate::pages::confirm::Confirm;
use crate::pages::forgot_password::ForgotPassword;
use crate::pages::garage::add::AddVehicle;
use crate::pages::garage::charger::AddCharger;
use crate::pages::garage::invitation::AcceptInvitation;
use crate::pages::garage::services::ServicesPage;
use crate::pages::garage::status::VehiclePage;
use crate::pages::garage::Garage;
use crate::pages::home::Home;
use crate::pages::map::charging::ChargingPage;
use crate::pages::map::{MapPage, SharePage};
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
use crate::pages::sign_in::SignIn;
use crate::pages::trips::{CoachingPage, TripPage, TripsPage};
use crate::pages::wallet::add::AddCardPage;
use crate::pages::wallet::invoices::{InvoicePage, InvoicesPage};
use crate::pages::wallet::WalletPage;
use crate::session::{Session, SessionStatus};

/// A page as its route draws it: `signed_in` pages sit behind [`Protected`]
/// (anonymous visitors go to sign-in and come back; new terms are accepted
/// first), `public` pages are drawn as they are.
macro_rules! page_view {
    (public, $page:ident) => {
        view! { <$page /> }.into_any()
    };
    (signed_in, $page:ident) => {
        view! { <Protected><$page /></Protected> }.into_any()
    };
}

/// The route table. Per area: an enum of its pages and a function, split
/// into its own chunk, that draws one of them. `fallible`: a chunk that
/// cannot be fetched (offline, a new release deployed meanwhile) is an error
/// to show, not a panic that stops the app; the failure is not remembered,
/// so the next try fetches again. Routes are matched in the table's order.
macro_rules! portal {
    ($(
        $(#[$doc:meta])*
        $variant:ident($pages:ident) in $area:ident, $preload:ident {
            // `tt`, not `literal`: `path!` wants the bare string literal.
            $($path:tt => $page:ident, $access:ident;)*
        }
    )*) => {
        $(
            #[derive(Clone, Copy, Debug, PartialEq, Eq)]
            #[allow(clippy::enum_variant_names)] // the pages' own names
            pub enum $pages {
                $($page),*
            }

            $(#[$doc])*
            #[::leptos::wasm_split::wasm_split(
                $area,
                wasm_split_path = ::leptos::wasm_split,
                preload(#[doc(hidden)] $preload),
                fallible
            )]
            fn $area(page: $pages) -> Result<AnyView, SplitLoaderError> {
                Ok(match page {
                    $($pages::$page => page_view!($access, $page)),*
                })
            }
        )*

        /// The page a route shows.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Page {
            $($variant($pages)),*
        }

        impl Page {
            /// The area's name in the preload manifest (scripts/preload-manifest.mjs).
            fn area_name(self) -> &'static str {
                match self {
                    $(Page::$variant(_) => stringify!($area)),*
                }
            }

            /// Fetches the page's area, if it is not here yet.
            async fn preload_area(self) -> Result<(), SplitLoaderError> {
                match self {
                    $(Page::$variant(_) => $preload().await),*
                }
            }

            async fn draw(self) -> Result<AnyView, SplitLoaderError> {
                match self {
                    $(Page::$variant(page) => $area(page).await),*
                }
            }
        }

        /// Every route of the portal.
        #[component]
        pub fn PortalRoutes() -> impl IntoView {
            view! {
                <FlatRoutes fallback=NotFound>
                    $($(
                        <Route path=path!($path) view=Page::$variant($pages::$page) />
                    )*)*
                </FlatRoutes>
            }
        }
    };
}

portal! {
    /// Signing in is where most visits start, so it travels alone.
    SignIn(SignInPages) in sign_in_area, preload_sign_in_area {
        "/sign-in" => SignIn, public;
    }
    Account(AccountPages) in account_area, preload_account_area {
        "/register" => Register, public;
        "/confirm" => Confirm, public;
        "/forgot-password" => ForgotPassword, public;
        "/reset-password" => ResetPassword, public;
        "/confirm-email-change" => ConfirmEmailChange, public;
        "/account-deleted" => AccountDeleted, public;
    }
    Profile(ProfilePages) in profile_area, preload_profile_area {
        "/profile" => PersonalPage, signed_in;
        "/profile/email" => EmailPage, signed_in;
        "/profile/password" => PasswordPage, signed_in;
        "/profile/dealer" => DealerPage, signed_in;
        "/profile/emergency-contact" => EmergencyPage, signed_in;
        "/profile/consents" => ConsentsPage, signed_in;
        "/profile/privacy" => PrivacyPage, signed_in;
        // The wallet (F2, F3) rides along: its pages are few and small, and
        // an area of its own would cost the sign-in page its share.
        "/wallet" => WalletPage, signed_in;
        "/wallet/add" => AddCardPage, signed_in;
        "/wallet/invoices" => InvoicesPage, signed_in;
        "/wallet/invoices/:id" => InvoicePage, signed_in;
    }
    Garage(GaragePages) in garage_area, preload_garage_area {
        "/garage" => Garage, signed_in;
        "/garage/add" => AddVehicle, signed_in;
        "/garage/charger/add" => AddCharger, signed_in;
        "/garage/:vin" => VehiclePage, signed_in;
        // The return address the server gives the card issuer's challenge page.
        "/vehicles/:vin/services" => ServicesPage, signed_in;
        "/invitation" => AcceptInvitation, signed_in;
    }
    /// The map section (D1-D4) and the `leaflet` crate's bindings. An area
    /// of its own keeps the garage's deep links light (370 KB gzip; 492 KB
    /// with the map in the garage's area); it costs the sign-in page 1.1 KB,
    /// because every area cuts the code the areas share into more chunks.
    Map(MapPages) in map_area, preload_map_area {
        "/map" => MapPage, signed_in;
        "/map/share" => SharePage, signed_in;
        "/map/charging" => ChargingPage, signed_in;
    }
    /// The trips section (E1-E3) with the coaching page's SVG charts.
    Trips(TripsPages) in trips_area, preload_trips_area {
        "/trips" => TripsPage, signed_in;
        "/trips/coaching" => CoachingPage, signed_in;
        "/trips/:id" => TripPage, signed_in;
    }
    Home(HomePages) in home_area, preload_home_area {
        "/" => Home, signed_in;
    }
}

impl ChooseView for Page {
    async fn choose(self) -> AnyView {
        self.draw()
            .await
            .unwrap_or_else(|_| view! { <AreaLoadFailed /> }.into_any())
    }

    async fn preload(&self) {
        // A failed prefetch is simply tried again when the page opens.
        let _ = self.preload_area().await;
    }
}

/// Shown in place of a page whose area could not be fetched; trying again
/// reloads the page at the same address.
#[component]
pub fn AreaLoadFailed() -> impl IntoView {
    let tx = t();
    view! {
        <PageFrame title=tx.common.area_load_failed_title.as_str() class="ml-page--narrow">
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
        </PageFrame>
    }
}

/// A few seconds after the first page is up, fetch in the background the
/// areas this visitor is likely to open next, so that navigation neither
/// waits for the network nor fails when the connection drops: for a visitor
/// who is not signed in the public pages, and once signed in the sections of
/// the portal. Nobody downloads the whole portal just to sign in.
///
/// Only the files are fetched, into the browser's cache (`<link
/// rel="prefetch">` by index.html's first-fetch script, which has the
/// preload manifest): instantiating the modules ahead would cost the page
/// long main-thread tasks while the visitor starts to type (Lighthouse
/// counted 320 ms of them on /register). Without that script (a host page
/// that leaves it out) the areas are loaded as they would be when opened.
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
                    Page::SignIn(SignInPages::SignIn),
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
                let areas: Vec<&str> = pages.iter().map(|p| p.area_name()).collect();
                if prefetch_into_cache(&areas.join(" ")) {
                    return;
                }
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

/// Asks index.html's first-fetch script (scripts/first-fetch.js,
/// `mijnLexusPrefetch`) to fetch the files of `areas` (names separated by
/// spaces) into the browser's cache. It has the preload manifest at hand, and
/// its JavaScript costs the main module nothing. False without it (a host
/// page that leaves the script out).
fn prefetch_into_cache(areas: &str) -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("mijnLexusPrefetch"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| f.call1(&JsValue::NULL, &JsValue::from_str(areas)).is_ok())
}
