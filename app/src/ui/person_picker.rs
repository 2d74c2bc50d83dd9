//! Choosing people by name, wherever a form asks for someone.
//!
//! The field is a plain text field of work emails (separated by commas where several are
//! allowed): that is what the server reads, what works without JavaScript, and what
//! `KeepTyped` keeps after a refusal. Without JavaScript, a link beside it opens
//! `/people/choose`, a search-and-choose page that comes back with the chosen email in
//! the address. With JavaScript the field becomes a combobox: typing a name (after the last
//! comma) lists matching people with their title and team, the arrow keys move through
//! them and Enter (or a click) puts the person's email into the field. Only people the
//! reader may see in the directory are offered (`find_people`).

use crate::org::types::PersonChoice;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// A form's person field: `field` is the input's id and name, which the form's label
/// points at. The value comes back from the choose page in the address (`?field=…`).
#[component]
pub fn PersonField(
    field: &'static str,
    /// Several people, separated by commas (endorsers, a panel), or one.
    #[prop(optional)]
    multiple: bool,
    /// The ids of the hint and error the input is described by.
    #[prop(optional, into)]
    described_by: Option<String>,
) -> impl IntoView {
    let value = use_query_map().read_untracked().get(field).unwrap_or_default();
    let back = use_location().pathname.get_untracked();
    let choose_href = format!(
        "/people/choose?field={field}&back={}&value={}{}",
        super::format::url_encode(&back),
        super::format::url_encode(&value),
        if multiple { "&multiple=1" } else { "" }
    );
    view! {
        <PersonPicker field=field.to_string() multiple value choose_href described_by/>
    }
}

/// The part that needs the browser: the combobox over the plain field.
#[island]
fn PersonPicker(
    field: String,
    multiple: bool,
    value: String,
    choose_href: String,
    described_by: Option<String>,
) -> impl IntoView {
    let live = RwSignal::new(false);
    let text = RwSignal::new(value.clone());
    let options = RwSignal::new(Vec::<PersonChoice>::new());
    let active = RwSignal::new(None::<usize>);
    // Who was chosen here, to name them under the field (emails typed by hand stay emails).
    let chosen = RwSignal::new(Vec::<PersonChoice>::new());
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        live.set(true);
        // What `KeepTyped` (or the browser) put back before the island woke up.
        if let Some(el) = input.get_untracked() {
            text.set(el.value());
        }
    });
    let listbox = format!("{field}-options");
    let option_id = {
        let field = field.clone();
        move |i: usize| format!("{field}-option-{i}")
    };
    let search = move |typed: String| {
        let segment = last_segment(&typed, multiple).to_string();
        active.set(None);
        if segment.chars().count() < 2 || segment.contains('@') {
            options.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            let found = crate::org::api::find_people(segment.clone()).await.unwrap_or_default();
            // An answer to an older search (someone kept typing) is dropped.
            if last_segment(&text.get_untracked(), multiple) == segment {
                options.set(found);
            }
        });
    };
    let choose = move |i: usize| {
        let Some(person) = options.get_untracked().get(i).cloned() else { return };
        let next = with_chosen(&text.get_untracked(), &person.email, multiple);
        text.set(next.clone());
        if let Some(el) = input.get_untracked() {
            el.set_value(&next);
            let _ = el.focus();
        }
        chosen.update(|c| {
            if !multiple {
                c.clear();
            }
            c.push(person);
        });
        options.set(Vec::new());
        active.set(None);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = options.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.set(Some(active.get_untracked().map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.set(Some(
                    active.get_untracked().map_or(count - 1, |i| (i + count - 1) % count),
                ));
            }
            "Enter" if count > 0 => {
                // Enter chooses; it sends the form only when nothing is offered.
                ev.prevent_default();
                choose(active.get_untracked().unwrap_or(0));
            }
            "Escape" if count > 0 => {
                ev.prevent_default();
                options.set(Vec::new());
                active.set(None);
            }
            _ => {}
        }
    };
    let expanded = move || (!options.with(Vec::is_empty)).to_string();
    let active_id = {
        let option_id = option_id.clone();
        move || active.get().map(&option_id)
    };
    let listed = {
        let option_id = option_id.clone();
        move || {
            options
                .get()
                .into_iter()
                .enumerate()
                .map(|(i, p)| {
                    let selected = move || active.get() == Some(i);
                    view! {
                        <li id=option_id(i) role="option" class="picker__option" aria-selected=move || selected().to_string()
                            on:mousedown=move |ev| { ev.prevent_default(); choose(i); }>
                            <strong>{p.name}</strong>
                            <span class="meta">{format!("{} · {}", p.title, p.team)}</span>
                            // Two people can share a name; their addresses differ.
                            <span class="meta picker__email">{p.email}</span>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let status = move || match options.with(Vec::len) {
        0 => String::new(),
        1 => "1 person found; arrow keys to choose.".into(),
        n => format!("{n} people found; arrow keys to choose."),
    };
    let named = move || {
        let emails = text.get().to_lowercase();
        chosen
            .get()
            .into_iter()
            .filter(|p| emails.contains(&p.email.to_lowercase()))
            .map(|p| format!("{} ({}, {})", p.name, p.title, p.team))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="picker">
            <input
                id=field.clone()
                name=field.clone()
                type="text"
                value=value
                autocomplete="off"
                spellcheck="false"
                node_ref=input
                aria-describedby=described_by
                role=move || live.get().then_some("combobox")
                aria-autocomplete=move || live.get().then_some("list")
                aria-controls=move || live.get().then(|| listbox.clone())
                aria-expanded=move || live.get().then(expanded)
                aria-activedescendant=active_id
                placeholder=move || live.get().then_some("Type a name")
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    text.set(typed.clone());
                    search(typed);
                }
                on:keydown=on_key
                on:blur=move |_| options.set(Vec::new())
            />
            <ul id=format!("{field}-options") role="listbox" class="picker__options" hidden=move || options.with(Vec::is_empty)>
                {listed}
            </ul>
            <p class="visually-hidden" aria-live="polite">{status}</p>
            {move || {
                let names = named();
                (!names.is_empty()).then(|| view! { <p class="meta picker__chosen">{format!("Chosen: {}", names.join("; "))}</p> })
            }}
            <p class="picker__fallback" hidden=move || live.get()><a href=choose_href>"Find someone by name"</a></p>
        </div>
    }
}

/// The part of the field being typed: after the last comma when several people are allowed.
fn last_segment(text: &str, multiple: bool) -> &str {
    let segment = if multiple { text.rsplit(',').next().unwrap_or("") } else { text };
    segment.trim()
}

/// The field's text with `email` in place of what was being typed.
pub fn with_chosen(text: &str, email: &str, multiple: bool) -> String {
    if !multiple {
        return email.to_string();
    }
    let kept: Vec<&str> = text.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    // The last piece was the name being typed, unless it is already an email.
    let kept = match kept.split_last() {
        Some((last, rest)) if !last.contains('@') => rest.to_vec(),
        _ => kept,
    };
    let mut all: Vec<&str> = kept;
    if !all.iter().any(|e| e.eq_ignore_ascii_case(email)) {
        all.push(email);
    }
    format!("{}, ", all.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_person_replaces_the_name_being_typed() {
        assert_eq!(with_chosen("pri", "priya@x.example", false), "priya@x.example");
        assert_eq!(
            with_chosen("a@x.example, pri", "priya@x.example", true),
            "a@x.example, priya@x.example, "
        );
        assert_eq!(
            with_chosen("a@x.example, ", "priya@x.example", true),
            "a@x.example, priya@x.example, "
        );
        // Chosen twice: once.
        assert_eq!(
            with_chosen("priya@x.example, pri", "Priya@x.example", true),
            "priya@x.example, "
        );
        assert_eq!(last_segment("a@x.example, Pri ", true), "Pri");
        assert_eq!(last_segment("Ana, Pri", false), "Ana, Pri");
    }
}
