//! Mijn Lexus: the owner portal, a client-side Leptos app.

mod api;
mod app;
mod components;
mod config;
mod forms;
mod i18n;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
