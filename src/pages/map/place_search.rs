//! An address search as you type (D3): a combobox over the server's
//! geocoding. Typing waits for a pause before it asks the server; the
//! results are a list the arrow keys move through, Enter chooses, Escape
//! closes; the number of results is announced.

use std::time::Duration;

use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use mijn_lexus_contract::map::{GeocodeResult, GEOCODE_QUERY_MIN_CHARS};
use mijn_lexus_contract::share::{SharePlace, LABEL_MAX_CHARS};

use crate::api::map as api;
use crate::api::ClientError;
use crate::components::field::FieldError;
use crate::i18n::t;
use crate::task::PageScope;

/// How long typing must pause before the server is asked.
const PAUSE: Duration = Duration::from_millis(300);

/// One place of a destination: what the visitor typed, and the place they
/// chose from the results (or on the map). Owned by the form, so it can fill
/// and clear both.
#[derive(Clone, Copy, Debug)]
pub struct PlaceField {
    pub text: RwSignal<String>,
    pub chosen: RwSignal<Option<SharePlace>>,
}

impl PlaceField {
    pub fn new() -> PlaceField {
        PlaceField {
            text: RwSignal::new(String::new()),
            chosen: RwSignal::new(None),
        }
    }

    /// Shows `place` as chosen (a click on the map, a destination sent
    /// before).
    pub fn set(self, place: SharePlace) {
        self.text.set(if place.address.is_empty() {
            place.label.clone()
        } else {
            place.address.clone()
        });
        self.chosen.set(Some(place));
    }

    pub fn clear(self) {
        self.text.set(String::new());
        self.chosen.set(None);
    }
}

/// A geocoding result as a place to send: its first part names it ("Casino
/// de Monte-Carlo"), the whole is its address.
pub fn share_place(r: &GeocodeResult) -> SharePlace {
    let name = r.label.split(", ").next().unwrap_or(&r.label);
    SharePlace {
        label: name.chars().take(LABEL_MAX_CHARS).collect(),
        address: r.label.clone(),
        lat: r.location.lat,
        lon: r.location.lon,
    }
}

/// The address search of the map pages (D3, D4). Without a geocoding
/// provider (`geocoding` false) it says so: the map beside it still chooses
/// a place with a click.
#[component]
pub fn PlaceSearch(
    id: &'static str,
    label: String,
    field: PlaceField,
    geocoding: bool,
    #[prop(into)] error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let m = &t().map;
    if !geocoding {
        return view! {
            <div class="ml-field ml-place">
                <p class="ml-field__label">{label}</p>
                <p class="ml-notice" id=id tabindex="-1">{m.search_off.as_str()}</p>
                {move || field.chosen.get().map(|p| view! { <p>{p.label}</p> })}
                <FieldError id=format!("{id}-error") error />
            </div>
        }
        .into_any();
    }
    let list_id = format!("{id}-results");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let results: RwSignal<Vec<GeocodeResult>> = RwSignal::new(Vec::new());
    let open = RwSignal::new(false);
    let active: RwSignal<Option<usize>> = RwSignal::new(None);
    let failed: RwSignal<Option<ClientError>> = RwSignal::new(None);
    // Which typing the shown results answer: an older answer arriving late
    // is dropped.
    let asked = StoredValue::new(0u32);
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let scope = PageScope::new();
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_update_value(Option::take) {
            t.clear();
        }
    });

    let search = move |q: String| {
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        if let Some(t) = timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
        if q.trim().chars().count() < GEOCODE_QUERY_MIN_CHARS {
            results.set(Vec::new());
            open.set(false);
            return;
        }
        let handle = set_timeout_with_handle(
            move || {
                scope.spawn(async move {
                    let answer = api::geocode(&q).await;
                    if asked.get_value() != mine {
                        return;
                    }
                    match answer {
                        Ok(found) => {
                            failed.set(None);
                            results.set(found.results);
                            active.set(None);
                            open.set(true);
                        }
                        Err(e) => {
                            failed.set(Some(e));
                            open.set(false);
                        }
                    }
                });
            },
            PAUSE,
        );
        timer.set_value(handle.ok());
    };

    let choose = move |i: usize| {
        if let Some(r) = results.with_untracked(|rs| rs.get(i).cloned()) {
            field.set(share_place(&r));
            open.set(false);
            active.set(None);
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        field.text.set(q.clone());
        // What is typed no longer names the chosen place.
        field.chosen.set(None);
        search(q);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = results.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" if open.get_untracked() => {
                // Enter chooses; it does not send the form.
                ev.prevent_default();
                if let Some(i) = active.get_untracked() {
                    choose(i);
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };

    let option_id = move |i: usize| format!("{id}-result-{i}");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    let count = move || {
        if failed.with(Option::is_some) || !open.get() {
            return String::new();
        }
        match results.with(Vec::len) {
            0 => m.search_none.to_string(),
            n => m.search_count(&n.to_string()),
        }
    };

    view! {
        <div class="ml-field ml-place" class:ml-field--invalid=move || error.get().is_some()>
            <label class="ml-field__label" for=id>{label.clone()}</label>
            <p class="ml-field__hint" id=hint_id.clone()>{m.search_hint.as_str()}</p>
            <div class="ml-field__control ml-place__control">
                <input
                    class="ml-input"
                    id=id
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    aria-autocomplete="list"
                    aria-controls=list_id.clone()
                    aria-expanded=move || open.get().to_string()
                    aria-activedescendant=move || active.get().map(option_id)
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=described_by
                    prop:value=move || field.text.get()
                    on:input=on_input
                    on:keydown=on_keydown
                />
                <ul class="ml-place__results" id=list_id role="listbox" aria-label=label
                    hidden=move || !open.get() || results.with(Vec::is_empty)>
                    {move || results.get().into_iter().enumerate().map(|(i, r)| view! {
                        <li
                            id=option_id(i)
                            role="option"
                            class="ml-place__result"
                            aria-selected=move || (active.get() == Some(i)).to_string()
                            // Before the input's blur: the click must still land.
                            on:mousedown=move |ev| ev.prevent_default()
                            on:click=move |_| choose(i)
                        >
                            {r.label}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
            <p class="ml-place__count" role="status">{count}</p>
            {move || failed.get().map(|e| view! { <p class="ml-field__error">{e.message()}</p> })}
            <FieldError id=error_id error />
        </div>
    }
    .into_any()
}
