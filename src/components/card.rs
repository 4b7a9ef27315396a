//! A titled part of a page drawn as a card: a `<section>` named by its h2.

use leptos::prelude::*;

#[component]
pub fn Card(
    /// The heading's id; the section is labelled by it.
    id: &'static str,
    title: &'static str,
    /// Further classes of the section (its area's layout).
    #[prop(optional)]
    class: &'static str,
    /// The heading's class, where the area styles it so.
    #[prop(optional)]
    heading_class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() {
        "ml-card".to_owned()
    } else {
        format!("ml-card {class}")
    };
    view! {
        <section class=class aria-labelledby=id>
            <h2 class=heading_class id=id>{title}</h2>
            {children()}
        </section>
    }
}
