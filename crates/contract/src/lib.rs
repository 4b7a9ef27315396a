//! The contract between the Mijn Lexus SPA and its API server.
//!
//! Every JSON request and response body, every error code and every
//! validation rule lives here, so that the browser and the server cannot
//! drift apart: the same rule gives the same code, and the same code gives the
//! same message, on both sides. The crate does no I/O and compiles for
//! `wasm32-unknown-unknown` as well as natively.

pub mod account;
pub mod error;
pub mod legal;
pub mod locale;
pub mod validation;

pub use error::{ApiError, ErrorCode, FieldError};
pub use locale::{Country, Language, Salutation};

/// Prefix of every API route; the SPA prepends its configured API base URL
/// to the paths in [`routes`].
pub mod routes {
    pub const HEALTH: &str = "/health";
    /// GET: current session state (also hands out the CSRF token);
    /// POST: sign in; DELETE: sign out.
    pub const SESSION: &str = "/session";
    /// GET: the signed-in user (401 when anonymous).
    pub const ME: &str = "/me";
    /// POST: register a new account.
    pub const ACCOUNTS: &str = "/accounts";
    /// POST: confirm an e-mail address with the token from the mail.
    pub const CONFIRM_EMAIL: &str = "/accounts/confirm";
    /// POST: send the confirmation mail again.
    pub const RESEND_CONFIRMATION: &str = "/accounts/confirm/resend";
    /// POST: ask for a password-reset mail.
    pub const PASSWORD_RESET: &str = "/password-reset";
    /// POST: set a new password with the token from the mail.
    pub const PASSWORD_RESET_COMPLETE: &str = "/password-reset/complete";
    /// GET `/legal/{kind}?lang=nl`: the current version of a legal document;
    /// GET `/legal/{kind}/{version}?lang=nl`: a given version.
    pub const LEGAL: &str = "/legal";
    /// GET (dev mode only): the mails the server would have sent.
    pub const DEV_OUTBOX: &str = "/dev/outbox";

    /// Header that carries the CSRF token on every state-changing request.
    pub const CSRF_HEADER: &str = "x-csrf-token";
}
