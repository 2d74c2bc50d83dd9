//! The parts of a form that saves as people type (see `autosave`): an answer's text area
//! that reports every edit, and the card that submits what is saved.

use super::autosave::Autosave;
use super::{field_class, FieldError};
use leptos::prelude::*;

/// One answer of a draft form: its label, hint and error, and a text area that tells the
/// form's autosave about every edit.
#[component]
pub fn DraftField(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    rows: u32,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    on_edit: Callback<()>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    view! {
        <div class=move || field_class(error.get())>
            <label class="field__label" for=name>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || view! { <FieldError message=error.get() id=format!("{name}-error")/> }}
            <textarea id=name name=name rows=rows.to_string() aria-describedby=hint.map(|_| format!("{name}-hint"))
                on:input=move |ev| { value.set(event_target_value(&ev)); on_edit.run(()); }
            >{value.get_untracked()}</textarea>
        </div>
    }
}

/// The card under a draft form that submits what is saved.
#[component]
pub fn SubmitCard(
    title: &'static str,
    text: &'static str,
    autosave: Autosave,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="submit-heading">
            <h2 class="card__title" id="submit-heading">{title}</h2>
            <p>{text}</p>
            {move || (!autosave.is_clean()).then(|| view! { <p class="meta">"Waiting for your latest changes to be saved…"</p> })}
            {children()}
        </section>
    }
}
