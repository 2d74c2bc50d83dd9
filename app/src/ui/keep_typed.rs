//! What someone typed into a form survives the page loading again.
//!
//! Forms are plain forms: a post goes to the server, which sends the browser back to the page
//! (with the error when it refused). That reload would empty every field, so a `KeepTyped`
//! island around a form remembers the fields in the tab's session storage as they change and
//! puts them back when the page loads again, unless the last send succeeded. The storage is
//! the tab's own and is gone when the tab closes.

use leptos::prelude::*;

/// Keeps the fields inside it (everything with a `name` except hidden inputs and buttons)
/// under `key`, which names the form and the record it is about. Without JavaScript the
/// children are the plain form they always were.
#[island]
pub fn KeepTyped(key: String, children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let key = StoredValue::new(key);
    // Effects run in the browser only, once the island is live.
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            browser::restore(&key.read_value(), &el);
        }
    });
    let remember = move |sent: bool| {
        if let Some(el) = root.get_untracked() {
            browser::store(&key.read_value(), &el, sent);
        }
    };
    view! {
        <div
            class="keep-typed"
            node_ref=root
            on:input=move |_| remember(false)
            on:change=move |_| remember(false)
            on:submit=move |_| remember(true)
        >
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::collections::BTreeMap;
    use web_sys::wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    /// What is kept: text by field, and which boxes and radios were checked. Fields are
    /// named by their `id` (a panel can hold several forms with the same field names).
    #[derive(Default, serde::Serialize, serde::Deserialize)]
    struct Kept {
        sent: bool,
        text: BTreeMap<String, String>,
        checked: Vec<String>,
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    /// The fields worth keeping, with the name they are kept under.
    fn fields(root: &Element) -> Vec<(String, Element)> {
        let Ok(list) = root.query_selector_all("input[name], textarea[name], select[name]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .filter(|el| {
                let kind = el.get_attribute("type").unwrap_or_default();
                !matches!(kind.as_str(), "hidden" | "submit" | "button" | "password" | "file")
            })
            .filter_map(|el| {
                let id = el.id();
                let name = if id.is_empty() { el.get_attribute("name")? } else { id };
                Some((name, el))
            })
            .collect()
    }

    pub fn store(key: &str, root: &Element, sent: bool) {
        let mut kept = Kept { sent, ..Kept::default() };
        for (name, el) in fields(root) {
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                match input.type_().as_str() {
                    "checkbox" | "radio" => {
                        if input.checked() {
                            kept.checked.push(name);
                        }
                    }
                    _ => {
                        kept.text.insert(name, input.value());
                    }
                }
            } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                kept.text.insert(name, area.value());
            } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                kept.text.insert(name, select.value());
            }
        }
        if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&kept)) {
            let _ = storage.set_item(key, &json);
        }
    }

    pub fn restore(key: &str, root: &Element) {
        let Some(storage) = storage() else { return };
        let Some(kept) = storage
            .get_item(key)
            .ok()
            .flatten()
            .and_then(|json| serde_json::from_str::<Kept>(&json).ok())
        else {
            return;
        };
        // Leptos sends a refused plain post back with `__err` in the address.
        let refused = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .is_some_and(|q| q.contains("__err="));
        if kept.sent && !refused {
            let _ = storage.remove_item(key);
            return;
        }
        // Only fields nobody has touched since the page loaded: what someone typed before
        // the island woke up wins over what was kept.
        for (name, el) in fields(root) {
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                match input.type_().as_str() {
                    "checkbox" | "radio" => {
                        if input.checked() == input.default_checked() {
                            input.set_checked(kept.checked.contains(&name));
                        }
                    }
                    _ => {
                        if let Some(v) = kept.text.get(&name) {
                            if input.value() == input.default_value() {
                                input.set_value(v);
                            }
                        }
                    }
                }
            } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                if let Some(v) = kept.text.get(&name) {
                    if area.default_value().is_ok_and(|d| d == area.value()) {
                        area.set_value(v);
                    }
                }
            } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                if let Some(v) = kept.text.get(&name) {
                    select.set_value(v);
                }
            }
        }
    }
}

/// The server never runs an island's effects or handlers.
#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn store(_: &str, _: &impl std::any::Any, _: bool) {}
    pub fn restore(_: &str, _: &impl std::any::Any) {}
}
