//! The frame of a page: the document title ("Garage – Mijn Lexus"), an
//! optional way back, and the h1, which takes the keyboard focus after a
//! navigation (`FocusOnNavigation` in app.rs looks for it).

use leptos::prelude::*;

use crate::config::config;
use crate::forms::set_title;

#[component]
pub fn PageFrame(
    #[prop(into)] title: String,
    /// Further classes of the page: `ml-page--narrow` for a form, the
    /// area's own.
    #[prop(optional)]
    class: &'static str,
    /// A link above the h1: (path, text).
    #[prop(optional)]
    back: Option<(String, &'static str)>,
    children: Children,
) -> impl IntoView {
    set_title(&title);
    let class = if class.is_empty() {
        "ml-page".to_owned()
    } else {
        format!("ml-page {class}")
    };
    view! {
        <div class=class>
            {back.map(|(path, text)| view! {
                <p class="ml-back">
                    <a href=config().href(&path)>{text}</a>
                </p>
            })}
            <h1 class="ml-title" tabindex="-1">{title}</h1>
            {children()}
        </div>
    }
}
