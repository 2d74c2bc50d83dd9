//! Parts of a page that are the same for every reader and never change once made, rendered
//! once and served from memory: a published ladder version's grids (published versions are
//! immutable, so a key naming the version never goes stale).
//!
//! What goes here must not depend on the viewer (no "you are here", no edit links): the
//! caller renders those around the cached part. Keys name what was rendered and from what,
//! for example `ladder-grid/{version id}/{track}`.

use leptos::prelude::*;
use std::sync::Arc;

/// The HTML of `render()`, from memory when `key` was rendered before. Use it as an
/// element's `inner_html`.
pub fn rendered<V: RenderHtml>(key: String, render: impl FnOnce() -> V) -> Arc<str> {
    #[cfg(feature = "ssr")]
    {
        use std::collections::HashMap;
        use std::sync::{Mutex, OnceLock};
        // Bounded because keys are made from what readers ask for; far more than the
        // versions a company publishes, and emptied rather than tracked when full.
        const MAX_ENTRIES: usize = 512;
        static CACHE: OnceLock<Mutex<HashMap<String, Arc<str>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        if let Some(hit) = cache.lock().expect("render cache").get(&key) {
            return hit.clone();
        }
        let html: Arc<str> = render().to_html().into();
        let mut cache = cache.lock().expect("render cache");
        if cache.len() >= MAX_ENTRIES {
            cache.clear();
        }
        cache.insert(key, html.clone());
        html
    }
    // Pages are rendered on the server only; the browser build never calls this.
    #[cfg(not(feature = "ssr"))]
    {
        let _ = key;
        render().to_html().into()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_key_is_rendered_once_and_served_from_memory_after() {
        let calls = Cell::new(0);
        let render = |text: &'static str| {
            calls.set(calls.get() + 1);
            view! { <td>{text}</td> }
        };
        let first = rendered("test/one".into(), || render("<first>"));
        let again = rendered("test/one".into(), || render("second"));
        let other = rendered("test/two".into(), || render("other"));
        assert!(first.starts_with("<td>&lt;first&gt;"), "escaped as any view is: {first}");
        assert_eq!(first, again, "the second call is served from memory");
        assert!(other.starts_with("<td>other"), "{other}");
        assert_eq!(calls.get(), 2);
    }
}
