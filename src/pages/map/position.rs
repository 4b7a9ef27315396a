//! The visitor's position, asked of the browser for one walk and never
//! stored: the browser asks the visitor's permission first.

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::window;
use mijn_lexus_contract::map::LatLon;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why there is no position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionError {
    /// The visitor (or the browser's settings) said no.
    Denied,
    /// No fix: no signal, location services off, or too slow.
    Unavailable,
    /// The browser cannot locate at all (or the page is not on https).
    Unsupported,
}

/// One position fix, at most 15 s old and within 20 s.
pub async fn current_position() -> Result<LatLon, PositionError> {
    // Called by name: web-sys types these objects only under its unstable
    // APIs, and every typed binding would be an import of the main module.
    let geolocation = Reflect::get(&window().navigator(), &"geolocation".into())
        .ok()
        .filter(|g| g.is_object())
        .ok_or(PositionError::Unsupported)?;
    let locate: Function = Reflect::get(&geolocation, &"getCurrentPosition".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(PositionError::Unsupported)?;
    let options = js_sys::Object::new();
    for (key, value) in [
        ("enableHighAccuracy", JsValue::TRUE),
        ("timeout", 20_000.into()),
        ("maximumAge", 15_000.into()),
    ] {
        let _ = Reflect::set(&options, &key.into(), &value);
    }
    let fix = Promise::new(&mut |resolve, reject| {
        if locate
            .call3(&geolocation, &resolve, &reject, &options)
            .is_err()
        {
            let _ = reject.call1(&JsValue::NULL, &JsValue::NULL);
        }
    });
    let number = |object: &JsValue, key: &str| {
        js_sys::Reflect::get(object, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_f64())
    };
    match JsFuture::from(fix).await {
        Ok(position) => {
            let coords = js_sys::Reflect::get(&position, &"coords".into()).unwrap_or_default();
            match (number(&coords, "latitude"), number(&coords, "longitude")) {
                (Some(lat), Some(lon)) => LatLon::new(lat, lon).ok_or(PositionError::Unavailable),
                _ => Err(PositionError::Unavailable),
            }
        }
        // GeolocationPositionError: 1 permission denied, 2 unavailable, 3 timeout.
        Err(error) => Err(match number(&error, "code") {
            Some(1.0) => PositionError::Denied,
            Some(_) => PositionError::Unavailable,
            None => PositionError::Unsupported,
        }),
    }
}
