//! Work done after the answer: requests whose answer must not depend on
//! whether an address has an account (password reset, confirmation resend)
//! hand the lookup, the database write and the mail to a background task,
//! so both cases answer after the same work (issue 9, item 8).

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

#[derive(Clone, Default)]
pub struct Background(Arc<Inner>);

#[derive(Default)]
struct Inner {
    running: AtomicUsize,
    idle: Notify,
}

impl Background {
    /// Runs `job` on its own task; an error is logged (the request that
    /// caused it has been answered).
    pub fn spawn<F>(&self, what: &'static str, job: F)
    where
        F: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        self.0.running.fetch_add(1, Ordering::SeqCst);
        let inner = self.0.clone();
        tokio::spawn(async move {
            if let Err(e) = job.await {
                tracing::error!(
                    job = what,
                    error = format!("{e:#}"),
                    "background job failed"
                );
            }
            if inner.running.fetch_sub(1, Ordering::SeqCst) == 1 {
                inner.idle.notify_waiters();
            }
        });
    }

    /// Waits until no job runs (tests, before reading the outbox).
    pub async fn settled(&self) {
        loop {
            let idle = self.0.idle.notified();
            if self.0.running.load(Ordering::SeqCst) == 0 {
                return;
            }
            idle.await;
        }
    }
}
