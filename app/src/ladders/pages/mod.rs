//! Pages of the career ladders: the list with "my path", a track overview, a level, a
//! comparison of two levels, the version history with diffs, and HR's draft editor.

use super::api::*;
use super::types::*;
use crate::error::AppError;
use crate::org::types::{Level, Track};
use crate::ui::format::datetime_date;
use crate::ui::render_once::rendered;
use crate::ui::{ErrorSummary, FilterSelect, LoadError, Loading, PageHeader};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn slug_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("slug").unwrap_or_default()
}

/// `/ladders/{slug}{path}`, pinned to a version when it is not the latest.
fn ladder_href(slug: &str, path: &str, version: Option<i32>) -> String {
    match version {
        Some(v) => format!(
            "/ladders/{slug}{path}{}version={v}",
            if path.contains('?') { "&" } else { "?" }
        ),
        None => format!("/ladders/{slug}{path}"),
    }
}

fn published_line(v: &VersionInfo) -> String {
    let by = v.published_by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default();
    format!("Version {}, published {}{by}", v.number, datetime_date(v.published_at))
}

/// "Career ladders › Engineering › {current}", pinned to the version being read.
#[component]
fn LadderCrumbs(
    slug: String,
    name: String,
    pinned: Option<i32>,
    #[prop(into)] current: String,
) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/ladders">"Career ladders"</a></li>
                <li><a href=ladder_href(&slug, "", pinned)>{name}</a></li>
                <li aria-current="page">{current}</li>
            </ol>
        </nav>
    }
}

mod compare;
mod editor;
mod history;
mod ladder;
mod level;
mod list;

pub use compare::*;
pub use editor::*;
pub use history::*;
pub use ladder::*;
pub use level::*;
pub use list::*;
