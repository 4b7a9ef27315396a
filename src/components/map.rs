//! The one map of the portal (D1-D4): Leaflet over our vector tiles, with
//! pins and a route.
//!
//! Leaflet, protomaps-leaflet (which draws vector tiles) and the drawing
//! rules (`public/basemap.js`) are fetched the first time a page shows a map,
//! so no other page pays for them; this module and the `leaflet` crate's
//! bindings sit in the map area's wasm chunk for the same reason.
//!
//! A map is never the only way to get at a fact: every page that shows one
//! writes the same facts beside it (addresses, distances, steps). The map
//! itself is keyboard operable (Leaflet's arrow-key panning and +/- zoom on
//! the focused map; pins are focusable and named) and is removed with its
//! page.

use std::cell::RefCell;

use js_sys::Promise;
use leaflet::{
    GeoJson, Icon, IconOptions, LatLng, LatLngBounds, Layer, LayerGroup, Map, MapOptions,
    Marker, MarkerOptions, PathOptions, Point, Polyline, PolylineOptions, TileLayer,
    TileLayerOptions, Zoom, ZoomOptions,
};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use mijn_lexus_contract::map::{MapConfig, TileSource};

use crate::config::config;
use crate::i18n::t;
use crate::task::PageScope;

/// Where the map's streets come from: the server's `MapConfig` (its URLs
/// are the server's, used as they are).
#[derive(Clone, Debug, PartialEq)]
pub struct Basemap {
    /// Vector tiles (OpenMapTiles schema, drawn by protomaps-leaflet) or a
    /// raster provider's; `None`: only the world outline.
    pub tiles: Option<TileSource>,
    /// The licences' texts, shown in the map's corner.
    pub attribution: String,
    /// Land outlines of the whole world (GeoJSON), drawn under the tiles so
    /// that places outside an offline extract are not blank.
    pub world_url: Option<String>,
}

impl Basemap {
    pub fn from_config(c: &MapConfig) -> Basemap {
        Basemap {
            tiles: c.tiles.clone(),
            attribution: c.attribution.join(" · "),
            world_url: c.world_background_url.clone(),
        }
    }
}

/// What a pin stands for: its colour and glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinKind {
    Car,
    Destination,
    You,
}

/// A named point on the map; the name is what a screen reader says when
/// the pin has focus.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPin {
    pub lat: f64,
    pub lon: f64,
    pub name: String,
    pub kind: PinKind,
}

#[wasm_bindgen]
extern "C" {
    /// `public/basemap.js`: a protomaps-leaflet layer with our drawing rules.
    #[wasm_bindgen(js_name = mijnLexusBasemap)]
    fn basemap_layer(url: &str, attribution: &str, max_data_zoom: f64) -> Layer;

    /// `L.geoJSON` (the `leaflet` crate binds it but does not export it).
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    fn geo_json(data: &JsValue, options: &JsValue) -> GeoJson;
}

/// A map of `pins` and `route` (points as latitude, longitude), named
/// `label` for assistive technology. `on_pick` receives the point a click
/// on the map chose.
#[component]
pub fn MapView(
    basemap: Basemap,
    #[prop(into)] pins: Signal<Vec<MapPin>>,
    #[prop(into, optional)] route: Signal<Vec<(f64, f64)>>,
    #[prop(into)] label: String,
    #[prop(optional)] on_pick: Option<Callback<(f64, f64)>>,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let scope = PageScope::new();
    let drawn: StoredValue<Option<Drawn>, LocalStorage> = StoredValue::new_local(None);
    let ready = RwSignal::new(false);
    let failed = RwSignal::new(false);

    Effect::new(move |_| {
        let Some(element) = node.get() else { return };
        let basemap = basemap.clone();
        scope.spawn(async move {
            if load_leaflet().await.is_err() {
                failed.set(true);
                return;
            }
            match Drawn::new(&element, &basemap, on_pick) {
                Ok(d) => {
                    let world = d.world.clone();
                    drawn.set_value(Some(d));
                    ready.set(true);
                    if let (Some(layer), Some(url)) = (world, &basemap.world_url) {
                        fill_world(&layer, url).await;
                    }
                }
                Err(_) => failed.set(true),
            }
        });
    });
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
        let pins = pins.get();
        let route = route.get();
        drawn.with_value(|d| {
            if let Some(d) = d {
                d.show(&pins, &route);
            }
        });
    });
    on_cleanup(move || {
        if let Some(Some(d)) = drawn.try_update_value(Option::take) {
            d.map.remove();
        }
    });

    view! {
        <div class="ml-map">
            <div class="ml-map__canvas" node_ref=node role="region" aria-label=label></div>
            {move || failed.get().then(|| view! {
                <p class="ml-notice ml-notice--error" role="alert">{t().map.map_unavailable.as_str()}</p>
            })}
        </div>
    }
}

/// A live Leaflet map and the layer that holds the page's pins and route.
struct Drawn {
    map: Map,
    overlay: LayerGroup,
    world: Option<GeoJson>,
}

impl Drawn {
    fn new(
        element: &web_sys::HtmlDivElement,
        basemap: &Basemap,
        on_pick: Option<Callback<(f64, f64)>>,
    ) -> Result<Drawn, JsValue> {
        let options = MapOptions::new();
        // Leaflet's own zoom buttons are named in English: ours in the
        // visitor's language.
        options.set_zoom_control(false);
        let map = Map::new_with_element(element, &options)?;
        let mut zoom = ZoomOptions::new();
        zoom.set_zoom_in_title(t().map.zoom_in.as_str());
        zoom.set_zoom_out_title(t().map.zoom_out.as_str());
        Zoom::new(&zoom).add_to(&map);
        // Belgium and the Netherlands until the pins say where to look.
        map.set_view(&LatLng::new(50.85, 4.35), 7.0);
        let world = basemap.world_url.is_some().then(|| {
            let layer = world_layer();
            layer.add_to(&map);
            layer
        });
        match &basemap.tiles {
            Some(TileSource::Vector { url, max_zoom, .. }) => {
                basemap_layer(url, &basemap.attribution, f64::from(*max_zoom))
                    .add_to(&map);
            }
            Some(TileSource::Raster { url, min_zoom, max_zoom }) => {
                let options = TileLayerOptions::new();
                options.set_min_zoom(f64::from(*min_zoom));
                options.set_max_zoom(f64::from(*max_zoom));
                options.set_attribution(basemap.attribution.clone());
                TileLayer::new_options(url, &options).add_to(&map);
            }
            None => {}
        }
        let overlay = LayerGroup::new();
        overlay.add_to(&map);
        if let Some(pick) = on_pick {
            map.on_mouse_click(Box::new(move |e| {
                let at = e.lat_lng();
                pick.run((at.lat(), at.lng()));
            }));
        }
        Ok(Drawn { map, overlay, world })
    }

    /// Replaces what the map shows and brings all of it into view.
    fn show(&self, pins: &[MapPin], route: &[(f64, f64)]) {
        self.overlay.clear_layers();
        let points: js_sys::Array = route
            .iter()
            .map(|&(lat, lon)| JsValue::from(LatLng::new(lat, lon)))
            .collect();
        if points.length() > 1 {
            let options = PolylineOptions::new();
            options.set_color("#0b5cad".into());
            options.set_weight(5.0);
            options.set_opacity(0.85);
            options.set_interactive(false);
            Polyline::new_with_options(&points, &options).add_to_layer_group(&self.overlay);
        }
        for pin in pins {
            let options = MarkerOptions::new();
            options.set_title(pin.name.clone());
            options.set_alt(pin.name.clone());
            options.set_keyboard(true);
            options.set_icon(pin_icon(pin.kind));
            Marker::new_with_options(&LatLng::new(pin.lat, pin.lon), &options)
                .add_to_layer_group(&self.overlay);
        }
        let all: js_sys::Array = pins
            .iter()
            .map(|p| JsValue::from(LatLng::new(p.lat, p.lon)))
            .chain(points.iter())
            .collect();
        match all.length() {
            0 => {}
            1 => {
                let only: LatLng = all.get(0).unchecked_into();
                self.map.set_view(&only, 17.0);
            }
            _ => {
                let padding = js_sys::Object::new();
                let _ = js_sys::Reflect::set(
                    &padding,
                    &"padding".into(),
                    &Point::new(32.0, 32.0).into(),
                );
                let _ = js_sys::Reflect::set(&padding, &"maxZoom".into(), &17.into());
                self.map
                    .fit_bounds_with_options(&LatLngBounds::new_from_list(&all), &padding);
            }
        }
    }
}

/// The world's land outlines: an empty layer, filled by [`fill_world`].
fn world_layer() -> GeoJson {
    let style = PathOptions::new();
    style.set_color("#c9c2b6".into());
    style.set_weight(1.0);
    style.set_fill_color("#f3f0ea".into());
    style.set_fill_opacity(1.0);
    style.set_interactive(false);
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"style".into(), &style);
    let _ = js_sys::Reflect::set(&options, &"interactive".into(), &false.into());
    geo_json(&JsValue::NULL, &options)
}

/// Reads the outlines; a map without them is still a map, so a failure
/// draws nothing.
async fn fill_world(layer: &GeoJson, url: &str) {
    let Ok(response) = gloo_net::http::Request::get(url).send().await else { return };
    let Ok(text) = response.text().await else { return };
    if let Ok(data) = js_sys::JSON::parse(&text) {
        layer.add_data(&data);
    }
}

/// A pin drawn as an SVG (a data URL: nothing to fetch, allowed by the CSP).
fn pin_icon(kind: PinKind) -> Icon {
    let (fill, glyph) = match kind {
        PinKind::Car => ("#1a1a1a", "M9 17h14l-2-5H11zM10 18h12v3H10z"),
        PinKind::Destination => ("#b3261e", "M12 9h2v12h-2zM14 9h7l-2 3 2 3h-7z"),
        PinKind::You => ("#0b5cad", "M16 9a3 3 0 1 1 0 6a3 3 0 1 1 0-6zM11 22a5 5 0 0 1 10 0z"),
    };
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='32' height='42' viewBox='0 0 32 42'>\
         <path d='M16 41C16 41 2 25 2 15a14 14 0 0 1 28 0c0 10-14 26-14 26z' fill='{fill}' \
         stroke='white' stroke-width='2'/><path d='{glyph}' fill='white'/></svg>"
    );
    let options = IconOptions::new();
    options.set_icon_url(format!(
        "data:image/svg+xml,{}",
        String::from(js_sys::encode_uri_component(&svg))
    ));
    options.set_icon_size(Point::new(32.0, 42.0));
    options.set_icon_anchor(Point::new(16.0, 41.0));
    Icon::new(&options)
}

thread_local! {
    /// Leaflet's scripts, fetched once per visit: the pending or finished
    /// load every map waits on.
    static LEAFLET: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Fetches Leaflet, protomaps-leaflet and the drawing rules, once.
async fn load_leaflet() -> Result<(), JsValue> {
    let promise = LEAFLET.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                wasm_bindgen_futures::future_to_promise(async {
                    add_to_head(stylesheet("vendor/leaflet/leaflet.css")?).await?;
                    add_to_head(script("vendor/leaflet/leaflet.js")?).await?;
                    add_to_head(script("vendor/protomaps-leaflet.js")?).await?;
                    add_to_head(script("basemap.js")?).await?;
                    Ok(JsValue::UNDEFINED)
                })
            })
            .clone()
    });
    let result = JsFuture::from(promise).await.map(|_| ());
    if result.is_err() {
        // Offline for a moment: the next map tries again.
        LEAFLET.with(|cell| cell.borrow_mut().take());
    }
    result
}

fn script(file: &str) -> Result<web_sys::Element, JsValue> {
    let el: web_sys::HtmlScriptElement = document().create_element("script")?.unchecked_into();
    el.set_src(&config().asset(file));
    // In order: each needs the one before.
    el.set_async(false);
    Ok(el.into())
}

fn stylesheet(file: &str) -> Result<web_sys::Element, JsValue> {
    let el: web_sys::HtmlLinkElement = document().create_element("link")?.unchecked_into();
    el.set_rel("stylesheet");
    el.set_href(&config().asset(file));
    Ok(el.into())
}

/// Adds `el` to the document's head and waits until it has loaded.
async fn add_to_head(el: web_sys::Element) -> Result<(), JsValue> {
    let loaded = Promise::new(&mut |resolve, reject| {
        let target: &web_sys::EventTarget = el.as_ref();
        let _ = target.add_event_listener_with_callback("load", &resolve);
        let _ = target.add_event_listener_with_callback("error", &reject);
    });
    document()
        .head()
        .ok_or_else(|| JsValue::from_str("no head"))?
        .append_child(&el)?;
    JsFuture::from(loaded).await.map(|_| ())
}
