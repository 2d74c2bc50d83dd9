//! The areas of Trellis and what each contributes to the parts every area shares: entries in
//! the header's navigation, to-dos on My work, background jobs and demo data. An area registers
//! once, with one line in [`AREAS`]; its pages are mounted by one line in `app.rs` naming its
//! `routes.rs` component (Leptos' routes are typed views, not data).

use crate::kernel::Viewer;

/// Where a navigation entry leads.
#[derive(Debug, Clone, Copy)]
pub enum Href {
    /// A section of the app, marked as the current page when the path is in it.
    Section(&'static str),
    /// A page of the viewer's own (their team in the org chart), never marked current.
    ForViewer(fn(&Viewer) -> String),
}

/// One entry in the header's navigation.
#[derive(Debug, Clone, Copy)]
pub struct NavEntry {
    pub label: &'static str,
    pub href: Href,
    /// Who is offered the entry (only an offer: the pages behind it ask the policy).
    pub shown_to: fn(&Viewer) -> bool,
}

impl NavEntry {
    /// An entry for everyone signed in.
    pub const fn section(label: &'static str, href: &'static str) -> Self {
        Self { label, href: Href::Section(href), shown_to: |_| true }
    }
}

/// What an area contributes to the shared parts of the app.
pub struct Area {
    pub name: &'static str,
    pub nav: &'static [NavEntry],
    /// Its to-dos for My work (server only).
    #[cfg(feature = "ssr")]
    pub todos: Option<todos::Source>,
    /// Its background jobs (server only).
    #[cfg(feature = "ssr")]
    pub jobs: &'static [crate::jobs::Job],
    /// What it adds to the demo company once the people are in (server only): called in the
    /// order of [`AREAS`], inside the seeding transaction.
    #[cfg(feature = "ssr")]
    pub demo: Option<DemoSeed>,
    /// Sums it stores per organisation, which move with people (server only).
    #[cfg(feature = "ssr")]
    pub rollups: Option<Rollups>,
}

/// An area's sums stored per person's organisation (theirs and everyone's counted below them,
/// as `people.org_size` counts people), so its pages read one row per branch at any size of
/// company. The org area keeps organisation sizes itself and tells each area when a
/// person's organisation changes place in the tree.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
pub struct Rollups {
    /// `person` and their organisation stop counting above `from` and start counting above
    /// `to` (`None`: nowhere, as when they leave). Called with the tree locked, in the
    /// transaction that changes it, after the change.
    pub moved: fn(
        &mut crate::db::DbConn,
        crate::kernel::PersonId,
        Option<crate::kernel::PersonId>,
        Option<crate::kernel::PersonId>,
    ) -> diesel::QueryResult<()>,
    /// Counts what is not stored yet (after a migration adds the sums, for the records that
    /// existed before it); cheap when nothing is missing, since it runs at every start.
    /// Returns how many records it counted.
    pub backfill: fn(&mut crate::db::DbConn) -> diesel::QueryResult<usize>,
    /// Counts everything again, for bulk loads (the demo company) that write records without
    /// keeping the sums. Returns how many records it counted.
    pub recount: fn(&mut crate::db::DbConn) -> diesel::QueryResult<usize>,
}

#[cfg(feature = "ssr")]
pub type DemoSeed = fn(
    &mut crate::db::DbConn,
    &crate::demo::DemoCompany,
    chrono::NaiveDate,
) -> diesel::QueryResult<()>;

/// Every area, in the order of the header's navigation.
pub const AREAS: &[Area] = &[
    crate::home::AREA,
    crate::org::AREA,
    crate::ladders::AREA,
    crate::reviews::AREA,
    crate::promotions::AREA,
    crate::calibration::AREA,
    crate::admin::AREA,
];

/// The navigation entries `viewer` is offered, in order.
pub fn navigation(viewer: &Viewer) -> impl Iterator<Item = &'static NavEntry> + '_ {
    AREAS.iter().flat_map(|area| area.nav.iter()).filter(move |entry| (entry.shown_to)(viewer))
}

/// Tells every area that stores sums per organisation that `person`'s organisation moved
/// from above `from` to above `to` (see [`Rollups::moved`]).
#[cfg(feature = "ssr")]
pub fn organisation_moved(
    conn: &mut crate::db::DbConn,
    person: crate::kernel::PersonId,
    from: Option<crate::kernel::PersonId>,
    to: Option<crate::kernel::PersonId>,
) -> diesel::QueryResult<()> {
    for rollups in AREAS.iter().filter_map(|area| area.rollups) {
        (rollups.moved)(conn, person, from, to)?;
    }
    Ok(())
}

/// Counts every area's missing sums (see [`Rollups::backfill`]), after migrations.
#[cfg(feature = "ssr")]
pub fn backfill_rollups(conn: &mut crate::db::DbConn) -> diesel::QueryResult<usize> {
    AREAS.iter().filter_map(|area| area.rollups).map(|r| (r.backfill)(conn)).sum()
}

/// Counts every area's sums again (see [`Rollups::recount`]), after a bulk load.
#[cfg(feature = "ssr")]
pub fn recount_rollups(conn: &mut crate::db::DbConn) -> diesel::QueryResult<usize> {
    AREAS.iter().filter_map(|area| area.rollups).map(|r| (r.recount)(conn)).sum()
}

#[cfg(feature = "ssr")]
pub mod todos {
    //! My work's to-dos: each area lists what is waiting for the viewer in its own records.

    use crate::db::DbConn;
    use crate::error::AppError;
    use crate::home::api::Todo;
    use crate::kernel::PersonId;
    use chrono::NaiveDate;

    /// What every area's to-do source is asked with.
    pub struct TodoContext<'a> {
        pub me: PersonId,
        /// The viewer, for to-dos that follow a grant (each source asks the policy).
        pub viewer: &'a crate::kernel::Viewer,
        /// The viewer's active direct reports.
        pub reports: &'a [PersonId],
        pub today: NaiveDate,
    }

    pub type Source = fn(&mut DbConn, &TodoContext) -> Result<Vec<Todo>, AppError>;

    /// Every area's to-dos for the viewer: those with a deadline first, soonest first.
    pub fn collect(c: &mut DbConn, context: &TodoContext) -> Result<Vec<Todo>, AppError> {
        let mut todos = Vec::new();
        for source in super::AREAS.iter().filter_map(|area| area.todos) {
            todos.extend(source(c, context)?);
        }
        todos.sort_by_key(|t| t.due.unwrap_or(NaiveDate::MAX));
        Ok(todos)
    }
}
