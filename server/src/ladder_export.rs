//! Download a published ladder as its TOML file (`/ladders/{slug}/export.toml?version=N`), so
//! a company can keep its ladders in git. A plain axum route: a file, not a page.

use crate::router::ServerState;
use app::context::{self, RequestId};
use app::error::AppError;
use app::kernel::Viewer;
use app::ladders::queries;
use app::policy::{Action, Record};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    version: Option<i32>,
}

pub async fn export(
    State(state): State<ServerState>,
    Path(slug): Path<String>,
    Query(query): Query<ExportQuery>,
    viewer: Option<Extension<Viewer>>,
    request_id: Option<Extension<RequestId>>,
) -> Response {
    let Some(Extension(viewer)) = viewer else {
        return Redirect::to("/sign-in").into_response();
    };
    let db = state.app.db.clone();
    let rid = request_id.map(|Extension(r)| r.0);
    if context::authorize_viewer(
        &db,
        &viewer,
        &Action::Read(Record::PublishedLadder),
        app::audit::Target::Page("ladder_export"),
        rid,
    )
    .await
    .is_err()
    {
        return StatusCode::FORBIDDEN.into_response();
    }
    let lookup = slug.clone();
    let found = db
        .run(move |c| {
            let id = queries::ladder_id(c, &lookup)?;
            queries::published_source(c, id, query.version).map_err(AppError::from)
        })
        .await;
    match found {
        Ok((number, source)) => (
            [
                (header::CONTENT_TYPE, "application/toml; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{slug}-v{number}.toml\""),
                ),
            ],
            source,
        )
            .into_response(),
        Err(AppError::NotFound) => {
            (StatusCode::NOT_FOUND, "No such ladder or version.").into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
