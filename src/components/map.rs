//! The one map of the portal (D1-D4): Leaflet over our vector tiles, with
//! named pins and a route.
//!
//! Leaflet, protomaps-leaflet (which draws vector tiles) and the drawing
//! rules are fetched by `public/map/map.js` the first time a page shows a
//! map, so no other page pays for them. The wasm side keeps to few Leaflet
//! calls: every binding is an import of the main module, which every first
//! visit downloads, so options are plain objects and pins are files.
//!
//! A map is never the only way to get at a fact: every page that shows one
//! writes the same facts beside it (addresses, distances, steps). The map
//! itself is keyboard operable (Leaflet's arrow-key panning and zoom
//! buttons; pins are focusable and named) and is removed with its page.

use std::cell::RefCell;

use js_sys::{Array, Promise, Reflect};
use leaflet::{
    GeoJson, Icon, LatLng, LatLngBounds, Layer, LayerGroup, Map, Marker, Point, Polyline,
    TileLayer, Zoom,
};
use leptos::html::Div;
use leptos::prelude::*;
use mijn_lexus_contract::map::{Bounds, LatLon, MapConfig, TileSource};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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
    /// Country borders of the whole world (GeoJSON), drawn under the tiles
    /// so that places outside an offline extract are not blank.
    pub world_url: Option<String>,
    /// Where the tiles have streets (an offline extract); `None`: everywhere.
    pub region: Option<Bounds>,
}

impl Basemap {
    pub fn from_config(c: &MapConfig) -> Basemap {
        Basemap {
            tiles: c.tiles.clone(),
            attribution: c.attribution.join(" · "),
            world_url: c.world_background_url.clone(),
            region: c.region,
        }
    }
}

/// What a pin stands for: its picture (`public/map/pin-<name>.svg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinKind {
    Car,
    Destination,
    /// A stop on the way to a destination.
    Stop,
    You,
    /// A charging station with a free charging point (D4).
    ChargeAvailable,
    /// A charging station whose charging points are all in use or reserved.
    ChargeOccupied,
    /// A charging station none of whose charging points can be used now.
    ChargeOutOfOrder,
    /// The place searched around (D4): for the eye only, since the text
    /// beside the map names it. Not focusable, and a click passes through
    /// to the map, so it neither hides nor crowds a station drawn there.
    Searched,
    /// A harsh driving event on a trip (E1).
    Event,
}

impl PinKind {
    pub fn file(self) -> &'static str {
        match self {
            PinKind::Car => "map/pin-car.svg",
            PinKind::Destination => "map/pin-destination.svg",
            PinKind::Stop => "map/pin-stop.svg",
            PinKind::You => "map/pin-you.svg",
            PinKind::ChargeAvailable => "map/pin-charge-available.svg",
            PinKind::ChargeOccupied => "map/pin-charge-occupied.svg",
            PinKind::ChargeOutOfOrder => "map/pin-charge-out-of-order.svg",
            PinKind::Searched => "map/pin-destination.svg",
            PinKind::Event => "map/pin-event.svg",
        }
    }
}

/// The colour of a route drawn in one piece.
const ROUTE_COLOUR: &str = "#0b5cad";

/// A part of a route with its own colour (`#rrggbb`).
#[derive(Clone, Debug, PartialEq)]
pub struct RouteLeg {
    pub points: Vec<(f64, f64)>,
    pub colour: &'static str,
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
    /// `L.geoJSON` (the `leaflet` crate binds it but does not export it).
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    fn geo_json(data: &JsValue, options: &JsValue) -> GeoJson;
}

/// A map of `pins` and `route` (points as latitude, longitude), named
/// `label` for assistive technology. `on_pick` receives the point a click
/// on the map chose (a pointer's way to choose a place; keyboards have the
/// address search beside it).
#[component]
pub fn MapView(
    basemap: Basemap,
    #[prop(into)] pins: Signal<Vec<MapPin>>,
    #[prop(into, optional)] route: Signal<Vec<(f64, f64)>>,
    /// A route drawn in parts of their own colour (a trip by driving mode);
    /// the page says in words what each colour means.
    #[prop(into, optional)]
    legs: Signal<Vec<RouteLeg>>,
    #[prop(into)] label: String,
    #[prop(optional)] on_pick: Option<Callback<(f64, f64)>>,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let scope = PageScope::new();
    let drawn: StoredValue<Option<Drawn>, LocalStorage> = StoredValue::new_local(None);
    let ready = RwSignal::new(false);
    let failed = RwSignal::new(false);
    // Every pin lies where the tiles have no streets.
    let region = basemap.region;
    let no_streets = Memo::new(move |_| {
        region.is_some_and(|r| {
            pins.with(|pins| {
                !pins.is_empty()
                    && !pins.iter().any(|p| {
                        r.contains(LatLon {
                            lat: p.lat,
                            lon: p.lon,
                        })
                    })
            })
        })
    });

    Effect::new(move |_| {
        let Some(element) = node.get() else { return };
        let basemap = basemap.clone();
        scope.spawn(async move {
            let Ok(tiles) = load_leaflet().await else {
                failed.set(true);
                return;
            };
            let Ok(d) = Drawn::new(&element, &basemap, &tiles) else {
                failed.set(true);
                return;
            };
            if let Some(pick) = on_pick {
                d.map.on_mouse_click(Box::new(move |e| {
                    let at = e.lat_lng();
                    pick.run((at.lat(), at.lng()));
                }));
            }
            let world = d.world.clone();
            drawn.set_value(Some(d));
            ready.set(true);
            if let (Some(layer), Some(url)) = (world, &basemap.world_url) {
                fill_world(&layer, url).await;
            }
        });
    });
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
        let pins = pins.get();
        let route = route.get();
        let legs = legs.get();
        drawn.with_value(|d| {
            if let Some(d) = d {
                d.show(&pins, &route, &legs);
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
            {move || no_streets.get().then(|| view! {
                <p class="ml-field__hint">{t().map.no_streets_here.as_str()}</p>
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
        vector_layer: &js_sys::Function,
    ) -> Result<Drawn, JsValue> {
        // Leaflet's own zoom buttons are named in English: ours in the
        // visitor's language.
        let map = Map::new_with_element(
            element,
            &object(&[("zoomControl", false.into())]).unchecked_into(),
        )?;
        let m = &t().map;
        let zoom = object(&[
            ("zoomInTitle", m.zoom_in.as_str().into()),
            ("zoomOutTitle", m.zoom_out.as_str().into()),
        ]);
        Zoom::new(&zoom.unchecked_into()).add_to(&map);
        // Belgium and the Netherlands until the pins say where to look.
        map.set_view(&LatLng::new(50.85, 4.35), 7.0);
        let world = basemap.world_url.is_some().then(|| {
            // Under the tiles (map.css puts this pane below Leaflet's tile
            // pane), so streets are drawn over the borders.
            map.create_pane_by_name("ml-world");
            let style = object(&[
                ("color", "#a39a8c".into()),
                ("weight", 1.into()),
                ("fill", false.into()),
            ]);
            let layer = geo_json(
                &JsValue::NULL,
                &object(&[
                    ("style", style),
                    ("interactive", false.into()),
                    ("pane", "ml-world".into()),
                ]),
            );
            layer.add_to(&map);
            layer
        });
        let attribution = JsValue::from_str(&basemap.attribution);
        match &basemap.tiles {
            Some(TileSource::Vector { url, max_zoom, .. }) => {
                let layer: Layer = vector_layer
                    .call3(
                        &JsValue::NULL,
                        &JsValue::from_str(url),
                        &attribution,
                        &JsValue::from(*max_zoom),
                    )?
                    .unchecked_into();
                layer.add_to(&map);
            }
            Some(TileSource::Raster {
                url,
                min_zoom,
                max_zoom,
            }) => {
                let options = object(&[
                    ("minZoom", (*min_zoom).into()),
                    ("maxZoom", (*max_zoom).into()),
                    ("attribution", attribution),
                ]);
                TileLayer::new_options(url, &options.unchecked_into()).add_to(&map);
            }
            None => {}
        }
        let overlay = LayerGroup::new();
        overlay.add_to(&map);
        Ok(Drawn {
            map,
            overlay,
            world,
        })
    }

    /// Replaces what the map shows and brings all of it into view.
    fn show(&self, pins: &[MapPin], route: &[(f64, f64)], legs: &[RouteLeg]) {
        self.overlay.clear_layers();
        let line = Array::new();
        let draw = |points: &[(f64, f64)], color: &str| {
            let part: Array = points
                .iter()
                .map(|&(lat, lon)| JsValue::from(LatLng::new(lat, lon)))
                .collect();
            if part.length() > 1 {
                let style = object(&[
                    ("color", color.into()),
                    ("weight", 5.into()),
                    ("opacity", 0.85.into()),
                    ("interactive", false.into()),
                    ("className", "ml-map__route".into()),
                ]);
                Polyline::new_with_options(&part, &style.unchecked_into())
                    .add_to_layer_group(&self.overlay);
            }
            for p in part.iter() {
                line.push(&p);
            }
        };
        draw(route, ROUTE_COLOUR);
        for leg in legs {
            draw(&leg.points, leg.colour);
        }
        let anchor_size = |x, y| JsValue::from(Point::new(x, y));
        for pin in pins {
            let icon = object(&[
                ("iconUrl", config().asset(pin.kind.file()).into()),
                ("iconSize", anchor_size(32.0, 42.0)),
                ("iconAnchor", anchor_size(16.0, 41.0)),
            ]);
            let icon = Icon::new(&icon.unchecked_into()).into();
            let options = if pin.kind == PinKind::Searched {
                object(&[
                    ("alt", "".into()),
                    ("interactive", false.into()),
                    ("keyboard", false.into()),
                    ("icon", icon),
                ])
            } else {
                object(&[
                    ("title", pin.name.as_str().into()),
                    ("alt", pin.name.as_str().into()),
                    ("icon", icon),
                ])
            };
            Marker::new_with_options(&LatLng::new(pin.lat, pin.lon), &options.unchecked_into())
                .add_to_layer_group(&self.overlay);
        }
        let all: Array = pins
            .iter()
            .map(|p| JsValue::from(LatLng::new(p.lat, p.lon)))
            .chain(line.iter())
            .collect();
        match all.length() {
            0 => {}
            1 => {
                self.map.set_view(&all.get(0).unchecked_into(), 17.0);
            }
            _ => {
                let fit = object(&[("padding", anchor_size(32.0, 32.0)), ("maxZoom", 17.into())]);
                self.map
                    .fit_bounds_with_options(&LatLngBounds::new_from_list(&all), &fit);
            }
        }
    }
}

/// A plain object of options, as Leaflet takes them.
fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Reads the world's outlines into `layer`; a map without them is still a
/// map, so a failure draws nothing.
async fn fill_world(layer: &GeoJson, url: &str) {
    let Ok(response) = gloo_net::http::Request::get(url).send().await else {
        return;
    };
    let Ok(text) = response.text().await else {
        return;
    };
    if let Ok(data) = js_sys::JSON::parse(&text) {
        layer.add_data(&data);
    }
}

thread_local! {
    /// The load of `public/map/map.js` (once per visit; every map waits on
    /// the same one).
    static LOADING: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Fetches Leaflet and our drawing rules (once) and hands back the function
/// that makes a vector tile layer.
async fn load_leaflet() -> Result<js_sys::Function, JsValue> {
    let result = async {
        JsFuture::from(map_js_loading()?).await?;
        let map_js = Reflect::get(&window(), &"mijnLexusMap".into())?;
        let ready: Promise = Reflect::get(&map_js, &"ready".into())?.dyn_into()?;
        JsFuture::from(ready).await?;
        Reflect::get(&map_js, &"basemap".into())?.dyn_into()
    }
    .await;
    if result.is_err() {
        // Offline for a moment: the next map loads everything again.
        LOADING.with(|l| l.borrow_mut().take());
        let _ = Reflect::delete_property(&window().into(), &"mijnLexusMap".into());
    }
    result
}

/// The pending or finished load of `map.js`.
fn map_js_loading() -> Result<Promise, JsValue> {
    if let Some(loading) = LOADING.with(|l| l.borrow().clone()) {
        return Ok(loading);
    }
    let script = document().create_element("script")?;
    script.set_attribute("src", &config().asset("map/map.js"))?;
    let loading = Promise::new(&mut |resolve, reject| {
        let _ = Reflect::set(&script, &"onload".into(), &resolve);
        let _ = Reflect::set(&script, &"onerror".into(), &reject);
    });
    document()
        .body()
        .ok_or(JsValue::NULL)?
        .prepend_with_node_1(&script)?;
    LOADING.with(|l| *l.borrow_mut() = Some(loading.clone()));
    Ok(loading)
}
