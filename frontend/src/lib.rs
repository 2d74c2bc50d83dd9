//! The hydration entry point: the browser takes over the server-rendered page.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A marker the browser tests wait for before they click, so they test the hydrated app.
    let _ = js_sys::Reflect::set(&js_sys::global(), &"__TRELLIS_HYDRATED".into(), &true.into());
}
