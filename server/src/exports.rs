//! Files HR takes to the rest of the company: a cycle's final ratings (compensation planning)
//! and a board's distribution, as CSV. Plain axum routes, like the ladder export: a file, not
//! a page. Each download is authorised by the policy (`Action::ExportRatings`), audited with
//! its request id, and leaves out the reader's own row.
//!
//! Every cell is written safe against formula injection: a spreadsheet runs a cell that starts
//! with `=`, `+`, `-`, `@` (or a tab or carriage return before one) as a formula, and names and
//! titles are typed by people, so such a cell gets a leading apostrophe, which spreadsheets
//! show as text.

use crate::router::ServerState;
use app::audit::Target;
use app::context::{self, RequestId};
use app::db::DbConn;
use app::error::AppError;
use app::kernel::{CycleId, PersonId, Rating, SessionId, Viewer};
use app::policy::Action;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// `GET /reviews/cycles/{id}/final-ratings.csv`
pub async fn final_ratings(
    State(state): State<ServerState>,
    Path(cycle): Path<i64>,
    viewer: Option<Extension<Viewer>>,
    request_id: Option<Extension<RequestId>>,
) -> Response {
    let cycle = CycleId(cycle);
    let target = Target::ReviewCycle(cycle);
    let found = read_for_export(
        &state,
        viewer,
        request_id,
        "export_final_ratings",
        target,
        move |c, reader| {
            let name = app::reviews::queries::cycle_row(c, cycle)?.name;
            Ok((name, app::reviews::queries::final_ratings(c, cycle, reader)?))
        },
    )
    .await;
    let (name, rows) = match found {
        Ok(found) => found,
        Err(res) => return res,
    };
    let mut file = Csv::new(&[
        "Name",
        "Email",
        "Title",
        "Department",
        "Team",
        "Level",
        "Manager",
        "Manager email",
        "Final rating",
        "Finalised on",
        "Delivered on",
    ]);
    for r in rows {
        let (manager, manager_email) = r.manager.unwrap_or_default();
        file.row(&[
            &r.name,
            &r.email,
            &r.title,
            &r.department,
            r.team.as_deref().unwrap_or(""),
            &r.level,
            &manager,
            &manager_email,
            r.final_rating.map_or("", Rating::label),
            &r.finalised_on.map(|d| d.to_string()).unwrap_or_default(),
            &r.delivered_on.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    file.download(&format!("{name} final ratings"))
}

/// `GET /calibration/{id}/distribution.csv`
pub async fn distribution(
    State(state): State<ServerState>,
    Path(session): Path<i64>,
    viewer: Option<Extension<Viewer>>,
    request_id: Option<Extension<RequestId>>,
) -> Response {
    let session = SessionId(session);
    let target = Target::CalibrationSession(session);
    let found = read_for_export(
        &state,
        viewer,
        request_id,
        "export_distribution",
        target,
        move |c, reader| {
            let name = app::calibration::queries::session_row(c, session)?.name;
            Ok((name, app::calibration::queries::distribution(c, session, reader)?))
        },
    )
    .await;
    let (name, counts) = match found {
        Ok(found) => found,
        Err(res) => return res,
    };
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let mut file = Csv::new(&["Rating", "People", "Share of the board (%)"]);
    for (rating, n) in counts {
        let share = if total == 0 { 0.0 } else { 100.0 * n as f64 / total as f64 };
        file.row(&[
            rating.map_or("Not rated yet", Rating::label),
            &n.to_string(),
            &format!("{share:.1}"),
        ]);
    }
    file.download(&format!("{name} distribution"))
}

/// What a file holds, read as `read(conn, reader)` once the policy lets the viewer export
/// (`Action::ExportRatings`) and audited by `context::read_audited`; otherwise the answer to
/// send: sign-in for nobody, 403 with the refusal audited, 404, or 500 for a fault.
async fn read_for_export<T: Send + 'static>(
    state: &ServerState,
    viewer: Option<Extension<Viewer>>,
    request_id: Option<Extension<RequestId>>,
    action: &'static str,
    target: Target,
    read: impl FnOnce(&mut DbConn, PersonId) -> Result<T, AppError> + Send + 'static,
) -> Result<T, Response> {
    let Some(Extension(viewer)) = viewer else {
        return Err(Redirect::to("/sign-in").into_response());
    };
    let rid = request_id.map(|Extension(r)| r.0);
    let db = &state.app.db;
    context::authorize_viewer(db, &viewer, &Action::ExportRatings, target, rid.clone())
        .await
        .map_err(|_| StatusCode::FORBIDDEN.into_response())?;
    let reader = viewer.person_id;
    let found =
        context::read_audited(db, rid.clone(), reader, action, target, move |c| read(c, reader))
            .await;
    match found {
        Ok(found) => Ok(found),
        Err(AppError::NotFound) => {
            Err((StatusCode::NOT_FOUND, "Nothing to export here.").into_response())
        }
        Err(e) => {
            tracing::error!(error = %e, request_id = ?rid, "an export failed");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}

/// A CSV file being written: a header row, then rows of cells made safe for spreadsheets.
pub(crate) struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    pub(crate) fn new(header: &[&str]) -> Self {
        let mut file = Self(csv::Writer::from_writer(Vec::new()));
        file.row(header);
        file
    }

    pub(crate) fn row(&mut self, cells: &[&str]) {
        // Writing to memory cannot fail.
        let _ = self.0.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()));
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.0.into_inner().unwrap_or_default()
    }

    fn download(self, title: &str) -> Response {
        let bytes = self.into_bytes();
        let file_name: String = title
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}.csv\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response()
    }
}

/// The cell as a spreadsheet will show it, never run it.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let runs = cell.trim_start_matches(['\t', '\r', ' ']).starts_with(['=', '+', '-', '@'])
        || cell.starts_with(['\t', '\r']);
    if runs {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_shown_as_text() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", " =HYPERLINK(\"x\")", "\r+1"] {
            assert!(spreadsheet_safe(formula).starts_with('\''), "{formula:?}");
        }
        for plain in ["Tom Becker", "Meets Expectations", "2026-12-01", "L3", "o'Brien", ""] {
            assert_eq!(spreadsheet_safe(plain), plain);
        }
    }
}
