//! A table of records: a caption, column headers, one row per record (its
//! first cell a row header), scrollable on narrow screens. How a long list
//! is cut is its [`Paging`]: all records at hand, of which the first rows
//! show with a button that shows the next ones (then taking the keyboard to
//! the first new row), or pages fetched from the server, all shown, with an
//! [`Older`] button while the server has more (see `loading::load_older`).

use std::sync::Arc;

use leptos::prelude::*;

use crate::forms::focus_id;
use crate::i18n::t;

#[component]
pub fn DataTable<T, R, V>(
    /// The id of the heading that names the table.
    labelled_by: &'static str,
    #[prop(optional, into)] caption: Option<String>,
    /// The caption, not the heading, names the table's region: when the
    /// heading already names a landmark around it (two landmarks with one
    /// name confuse screen-reader navigation).
    #[prop(optional)]
    named_by_caption: bool,
    columns: Vec<&'static str>,
    /// The rows. They may grow (a server's older page: only the new rows
    /// are drawn); any other change must draw a new table. Derived from
    /// other signals, make it a `Memo`: each new row reads it.
    #[prop(into)]
    records: Signal<Vec<T>>,
    /// The cells of one record; the first should be a `<th scope="row">`.
    row: R,
    #[prop(optional)] paging: Paging,
    /// Said instead of the table while there are no records.
    #[prop(optional)]
    empty: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let total = Memo::new(move |_| records.with(Vec::len));
    let row = move |i: usize| {
        records
            .with_untracked(|all| all.get(i).cloned())
            .map(|record| row(record).into_any())
    };
    draw_table(
        TableFrame {
            labelled_by,
            caption,
            named_by_caption,
            columns,
            paging,
            empty,
        },
        total.into(),
        Arc::new(row),
    )
}

/// What a [`DataTable`] draws besides its records.
struct TableFrame {
    labelled_by: &'static str,
    caption: Option<String>,
    named_by_caption: bool,
    columns: Vec<&'static str>,
    paging: Paging,
    empty: Option<&'static str>,
}

/// The table itself, not generic: its code (the keyed rows, the paging)
/// exists once, not once per kind of record. `row(i)` draws record `i`.
fn draw_table(
    frame: TableFrame,
    total: Signal<usize>,
    row: Arc<dyn Fn(usize) -> Option<AnyView> + Send + Sync>,
) -> AnyView {
    let TableFrame {
        labelled_by,
        caption,
        named_by_caption,
        columns,
        paging,
        empty,
    } = frame;
    let caption_id = format!("{labelled_by}-caption");
    let region_name = if named_by_caption && caption.is_some() {
        caption_id.clone()
    } else {
        labelled_by.to_owned()
    };
    let (page_size, older) = match paging {
        Paging::Shown(page_size) => (Some(page_size), Signal::stored(None)),
        // Every fetched record stays on screen, the last page's too.
        Paging::Server(older) => (None, older),
    };
    let shown = RwSignal::new(page_size.unwrap_or(usize::MAX));
    let more = move |_| {
        let first_new = shown.get_untracked();
        shown.set(first_new.saturating_add(page_size.unwrap_or(usize::MAX)));
        focus_id(&format!("{labelled_by}-row-{first_new}"));
    };
    // Keyed by position: rows added at the end are drawn alone, the others stay.
    let rows = view! {
        <For each=move || 0..shown.get().min(total.get()) key=|i| *i let:i>
            {row(i).map(|cells| {
                view! { <tr id=format!("{labelled_by}-row-{i}") tabindex="-1">{cells}</tr> }
            })}
        </For>
    };
    let headers = columns
        .into_iter()
        .map(|c| view! { <th scope="col">{c}</th> })
        .collect_view();
    let none = move || total.get() == 0 && empty.is_some();
    view! {
        {move || none().then(|| view! { <p>{empty}</p> })}
        <div class="ml-table-wrap" tabindex="0" role="region" aria-labelledby=region_name hidden=none>
            <table class="ml-table">
                {caption.map(|c| view! { <caption id=caption_id.clone()>{c}</caption> })}
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {move || older.get().map(|o| o.into_view())}
        {move || {
            (shown.get() < total.get())
                .then(|| {
                    view! {
                        <p>
                            <button type="button" class="ml-button ml-button--secondary" on:click=more>
                                {t().common.show_more.as_str()}
                            </button>
                        </p>
                    }
                })
        }}
    }
    .into_any()
}

/// How a [`DataTable`] cuts a long list.
#[derive(Clone, Copy)]
pub enum Paging {
    /// Every record is at hand: this many rows show at first, and "Toon
    /// meer" shows as many more.
    Shown(usize),
    /// The server sends pages: every record fetched shows, with the button
    /// for the older ones while the server has them.
    Server(Signal<Option<Older>>),
}

impl Default for Paging {
    fn default() -> Self {
        Paging::Shown(20)
    }
}

/// "Show older …" under a list whose older records are still on the server.
#[derive(Clone, Copy)]
pub struct Older {
    pub label: &'static str,
    pub fetch: Callback<()>,
    /// True while the older records are on their way.
    pub pending: RwSignal<bool>,
}

impl Older {
    pub fn into_view(self) -> impl IntoView {
        view! {
            <p>
                <button
                    type="button"
                    class="ml-button ml-button--secondary"
                    aria-disabled=move || self.pending.get().to_string()
                    on:click=move |_| {
                        if !self.pending.get_untracked() {
                            self.fetch.run(())
                        }
                    }
                >
                    {self.label}
                </button>
            </p>
        }
    }
}
