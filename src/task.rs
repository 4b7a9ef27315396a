//! Async work that belongs to a page.
//!
//! A request started by a page (a form's submit, a button's action) may
//! answer after the visitor has moved on. By then the page's signals are
//! disposed, and reading one panics, which with `panic = "abort"` stops the
//! whole app. A [`PageScope`] ties a task to the page it was started from:
//! once the page is gone, the task is dropped at its next `.await` instead of
//! being resumed. Data a page reads goes through `LocalResource`
//! (see `components::loading`), which Leptos already scopes to its owner.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use leptos::prelude::*;

/// The lifetime of the component it was created in (a page, a section).
/// Create it in the component's body, not in an event handler.
#[derive(Clone, Copy, Debug)]
pub struct PageScope {
    /// Disposed together with the component's owner.
    alive: RwSignal<()>,
}

impl PageScope {
    pub fn new() -> PageScope {
        PageScope {
            alive: RwSignal::new(()),
        }
    }

    /// Whether the component is still on screen.
    pub fn is_alive(self) -> bool {
        !self.alive.is_disposed()
    }

    /// Runs `task` until it ends or the component goes away, whichever
    /// comes first.
    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        leptos::task::spawn_local(WhileAlive {
            scope: self,
            task: Box::pin(task),
        });
    }
}

impl Default for PageScope {
    fn default() -> Self {
        PageScope::new()
    }
}

/// A future that stops (without being polled again) once its scope is gone.
struct WhileAlive {
    scope: PageScope,
    task: Pin<Box<dyn Future<Output = ()>>>,
}

impl Future for WhileAlive {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if !self.scope.is_alive() {
            return Poll::Ready(());
        }
        self.task.as_mut().poll(cx)
    }
}
