//! Moving the focus to what a page just showed (an error summary), once the page is live.

use leptos::prelude::*;

/// Focuses the element `target` (an id) when the island wakes up, and scrolls it into
/// view. Renders nothing; without JavaScript the page's address already scrolls there.
#[island]
pub fn FocusOnArrival(target: String) -> impl IntoView {
    Effect::new(move |_| browser::focus(&target));
}

#[cfg(feature = "hydrate")]
mod browser {
    use web_sys::wasm_bindgen::JsCast;

    pub fn focus(id: &str) {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    }
}

/// The server never runs an island's effects.
#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn focus(_: &str) {}
}
