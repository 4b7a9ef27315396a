//! Password hashing: Argon2id, m=19456 KiB, t=2, p=1 (OWASP), on the
//! blocking thread pool so the async workers stay free.
//!
//! Request handlers hash through [`Passwords`] (the state's `passwords`):
//! at most `--password-hash-concurrency` hashes run at once and a request
//! beyond that answers 503 `server_busy` at once, so a burst of sign-ins can
//! neither queue up without bound nor take 19 MiB per request.

use std::collections::HashSet;
use std::sync::LazyLock;

use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use mijn_lexus_contract::ErrorCode;
use rand::RngCore;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let hash = argon2()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    Ok(hash.to_string())
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        // The parameters come from the stored hash, so older hashes still verify.
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(e) => {
            tracing::error!(error = %e, "stored password hash cannot be parsed");
            false
        }
    }
}

/// Unbounded hashing for start-up and demo data; request handlers use
/// [`Passwords`].
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .context("hashing task failed")?
}

/// Unbounded verification outside request handlers; they use [`Passwords`].
pub async fn verify(password: String, hash: String) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || verify_blocking(&password, &hash))
        .await
        .context("verification task failed")
}

/// Hashing for request handlers, bounded by a semaphore.
pub struct Passwords {
    permits: std::sync::Arc<Semaphore>,
}

/// Seconds a client is asked to wait when every permit is taken.
const BUSY_RETRY_AFTER_SECS: u64 = 1;

impl Passwords {
    /// `concurrency` 0: twice the number of CPU cores.
    pub fn new(concurrency: usize) -> Passwords {
        let n = if concurrency == 0 {
            2 * std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            concurrency
        };
        Passwords {
            permits: std::sync::Arc::new(Semaphore::new(n)),
        }
    }

    /// A permit to hash, or 503 `server_busy` with `Retry-After`. Tests hold
    /// one to saturate the server.
    pub fn permit(&self) -> Result<OwnedSemaphorePermit, AppError> {
        self.permits
            .clone()
            .try_acquire_owned()
            .map_err(|_| AppError::RetryLater {
                code: ErrorCode::ServerBusy,
                retry_after_secs: BUSY_RETRY_AFTER_SECS,
            })
    }

    /// Hashes a new password (503 when busy).
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let permit = self.permit()?;
        // The permit moves into the task: it is held until hashing ends,
        // even when the request is dropped meanwhile.
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            hash_blocking(&password)
        })
        .await
        .context("hashing task failed")?
        .map_err(AppError::from)
    }

    /// Verifies a password against a stored hash (503 when busy).
    pub async fn verify(&self, password: String, hash: String) -> Result<bool, AppError> {
        let permit = self.permit()?;
        Ok(tokio::task::spawn_blocking(move || {
            let _permit = permit;
            verify_blocking(&password, &hash)
        })
        .await
        .context("verification task failed")?)
    }
}

/// A hash of a random password, to verify against for unknown addresses.
pub async fn dummy_hash() -> anyhow::Result<String> {
    hash(super::random_token()).await
}

static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty())
        .collect()
});

/// Whether a (lower-cased) password is on the list of 10,000 common ones.
pub fn is_common(candidate: &str) -> bool {
    COMMON.contains(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_list_is_loaded() {
        assert!(COMMON.len() > 9_000);
        assert!(is_common("password"));
        assert!(!is_common("zonnige-ochtend-in-gent"));
    }

    #[test]
    fn hashes_verify() {
        let h = hash_blocking("lange zin als wachtwoord").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_blocking("lange zin als wachtwoord", &h));
        assert!(!verify_blocking("een andere zin", &h));
    }
}
