//! Global authentication state, provided as context by the app.

use leptos::prelude::*;
use mijn_lexus_contract::account::{SessionState, UserSummary};
use mijn_lexus_contract::profile::PendingLegal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionStatus {
    /// GET /session has not answered yet.
    Loading,
    /// We know who is signed in (maybe nobody).
    Ready,
    /// GET /session failed (no connection, server down).
    Unavailable,
}

/// Who is signed in and the CSRF token for state-changing requests.
/// All fields are signals, so the struct is `Copy` and can be captured freely.
#[derive(Clone, Copy, Debug)]
pub struct Session {
    pub user: RwSignal<Option<UserSummary>>,
    pub csrf: RwSignal<String>,
    pub status: RwSignal<SessionStatus>,
    /// New legal versions the user must accept before anything else (A4).
    pub pending_legal: RwSignal<Vec<PendingLegal>>,
}

impl Session {
    pub fn new() -> Session {
        Session {
            user: RwSignal::new(None),
            csrf: RwSignal::new(String::new()),
            status: RwSignal::new(SessionStatus::Loading),
            pending_legal: RwSignal::new(Vec::new()),
        }
    }

    /// Takes over the answer of GET/POST /session.
    pub fn apply(&self, state: SessionState) {
        self.csrf.set(state.csrf_token);
        self.pending_legal.set(state.pending_legal);
        self.user.set(state.user);
        self.status.set(SessionStatus::Ready);
    }

    pub fn is_signed_in(&self) -> bool {
        self.user.with(Option::is_some)
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

pub fn use_session() -> Session {
    // Provided by `App` before anything else renders; a fresh (anonymous,
    // loading) session keeps the page alive should that ever not hold.
    use_context::<Session>().unwrap_or_default()
}
