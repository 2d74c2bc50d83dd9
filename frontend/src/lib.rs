//! The browser's entry point: the islands on a server-rendered page come alive.
#![recursion_limit = "256"]

// The islands live in `app`; naming the crate links them (and their exports) into the bundle.
use app as _;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // A marker the browser tests wait for before they click. Leptos' loader hydrates the
    // islands right after this function returns, so the marker goes up one task later.
    let global = js_sys::global();
    let mark = Closure::once_into_js(|| {
        let _ = js_sys::Reflect::set(&js_sys::global(), &"__TRELLIS_HYDRATED".into(), &true.into());
    });
    if let Ok(set_timeout) = js_sys::Reflect::get(&global, &"setTimeout".into()) {
        let _ = set_timeout.unchecked_into::<js_sys::Function>().call1(&JsValue::NULL, &mark);
    }
}
