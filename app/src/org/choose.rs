//! `/people/choose`: the person picker without JavaScript. A form's "Find someone by name"
//! link opens it with the field, the page to go back to and the field's value; the reader
//! searches by name and each person found links back to the form with their email in the
//! field (added to the others where several are allowed).

use super::api::find_people;
use super::types::{PersonChoice, DIRECTORY_TEXT_MAX};
use crate::ui::format::url_encode;
use crate::ui::person_picker::with_chosen;
use crate::ui::{EmptyState, LoadError, Loading, PageHeader};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// What the choose page was opened with.
#[derive(Clone)]
struct Choosing {
    field: String,
    back: String,
    value: String,
    multiple: bool,
}

impl Choosing {
    /// Where a choice goes: back to the form (a path on this site only), with the field set.
    fn back_with(&self, email: &str) -> String {
        let value = with_chosen(&self.value, email, self.multiple);
        let value = value.trim_end_matches([',', ' ']);
        format!("{}?{}={}", self.back, url_encode(&self.field), url_encode(value))
    }
}

/// A path on this site, or the home page: the page never links anywhere else.
fn local_path(back: &str) -> String {
    let is_local = back.starts_with('/') && !back.starts_with("//") && !back.contains('\\');
    if is_local {
        back.split(['?', '#']).next().unwrap_or("/").to_string()
    } else {
        "/".into()
    }
}

/// A form field's name: letters, digits and underscores only.
fn field_name(field: &str) -> Option<String> {
    let ok = !field.is_empty()
        && field.len() <= 40
        && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then(|| field.to_string())
}

#[component]
pub fn ChoosePersonPage() -> impl IntoView {
    let params = use_query_map();
    let (choosing, q) = {
        let p = params.read_untracked();
        let choosing = field_name(&p.get("field").unwrap_or_default()).map(|field| Choosing {
            field,
            back: local_path(&p.get("back").unwrap_or_default()),
            value: p.get("value").unwrap_or_default(),
            multiple: p.get("multiple").as_deref() == Some("1"),
        });
        (choosing, p.get("q").unwrap_or_default())
    };
    let Some(choosing) = choosing else {
        return view! { <LoadError error=crate::error::AppError::NotFound/> }.into_any();
    };
    let found = Resource::new(move || q.clone(), find_people);
    let c = choosing.clone();
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href=c.back.clone()>"Back to the form"</a></nav>
        <PageHeader title="Choose a person" lede="Search by name, email or title; choose to go back to the form with their work email filled in."/>
        <form method="get" class="filters" role="search">
            <input type="hidden" name="field" value=c.field.clone()/>
            <input type="hidden" name="back" value=c.back.clone()/>
            <input type="hidden" name="value" value=c.value.clone()/>
            {c.multiple.then(|| view! { <input type="hidden" name="multiple" value="1"/> })}
            <div class="filters__field">
                <label class="field__label" for="q">"Name"</label>
                <input id="q" name="q" type="search" maxlength=DIRECTORY_TEXT_MAX value=params.read_untracked().get("q").unwrap_or_default() autofocus/>
            </div>
            <div class="filters__field"><button class="btn btn--secondary" type="submit">"Search"</button></div>
        </form>
        <Suspense fallback=Loading>
            {move || {
                let c = choosing.clone();
                Suspend::new(async move {
                    match found.await {
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                        Ok(people) if people.is_empty() => view! {
                            <EmptyState title="Nobody to show yet"><p>"Type at least two letters of a name, then Search."</p></EmptyState>
                        }.into_any(),
                        Ok(people) => view! { <Choices people choosing=c/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Choices(people: Vec<PersonChoice>, choosing: Choosing) -> impl IntoView {
    view! {
        <ul class="plain-list stack choices" aria-label="People found">
            {people.into_iter().map(|p| view! {
                <li class="card card--muted choices__person">
                    <span><strong>{p.name.clone()}</strong><br/><span class="meta">{format!("{} · {} · {}", p.title, p.team, p.email)}</span></span>
                    <a class="btn btn--secondary btn--small" href=choosing.back_with(&p.email)>
                        "Choose"<span class="visually-hidden">{format!(" {}", p.name)}</span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choose_page_links_back_to_this_site_only() {
        assert_eq!(local_path("/promotions/packets/4?x=1#y"), "/promotions/packets/4");
        for outside in ["https://evil.example/", "//evil.example/x", "/\\evil.example", ""] {
            assert_eq!(local_path(outside), "/", "{outside}");
        }
        assert_eq!(field_name("panel"), Some("panel".into()));
        assert_eq!(field_name("x\"><script>"), None);
    }

    #[test]
    fn a_choice_goes_back_with_the_field_set() {
        let c = Choosing {
            field: "emails".into(),
            back: "/promotions/packets/4".into(),
            value: "a@x.example".into(),
            multiple: true,
        };
        assert_eq!(
            c.back_with("b@x.example"),
            "/promotions/packets/4?emails=a%40x.example%2C+b%40x.example"
        );
        let one = Choosing { multiple: false, ..c };
        assert_eq!(one.back_with("b@x.example"), "/promotions/packets/4?emails=b%40x.example");
    }
}
