//! Career ladders end to end through the real router, on both backends: everyone reads
//! the published ladders and their history; only HR drafts, imports and publishes; a bad
//! file or a stale editor changes nothing.

use crate::common::{form, Backend, TestApp, ELENA, JORDAN, TOM};
use app::db::schema::{ladder_versions, ladders};
use app::ladders::api::{DiscardLadderDraft, ImportLadder, PublishLadder, SaveLadderDraft};
use axum::http::{header, StatusCode};
use diesel::prelude::*;
use leptos::server_fn::ServerFn;

fn versions_of(app: &TestApp, slug: &str) -> i64 {
    ladder_versions::table
        .inner_join(ladders::table)
        .filter(ladders::slug.eq(slug))
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap()
}

fn drafts(app: &TestApp) -> i64 {
    app.test_db.rows("ladder_drafts")
}

/// The published Engineering ladder's source, as the export route serves it.
async fn engineering_source(app: &TestApp, cookie: &str) -> String {
    let res = app.get("/ladders/engineering/export.toml", Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK);
    res.body
}

async fn everyone_reads_ladders_their_path_and_history(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom = app.sign_in(TOM).await;

    let index = app.get("/ladders", Some(&tom)).await;
    assert_eq!(index.status, StatusCode::OK);
    for text in [
        "Your path",
        "L2 Intermediate",
        "Next step on your track",
        "L3 Senior",
        "Engineering",
        "Product",
        "Design",
        "Sales",
    ] {
        assert!(index.body.contains(text), "the ladders page shows {text}");
    }
    assert!(!index.body.contains("Import a ladder file"), "only HR imports");

    let track = app.get("/ladders/engineering", Some(&tom)).await;
    assert!(track.body.contains("You are here") && track.body.contains("Management track"));
    assert!(track.body.contains("Version 2, published"));
    // The grid is rendered once per version and shared; what is the reader's own is not:
    // HR (not on this ladder) reads it next without Tom's marker, then Tom still has his.
    let hr = app.sign_in(JORDAN).await;
    let for_hr = app.get("/ladders/engineering", Some(&hr)).await;
    assert!(for_hr.body.contains("a few days of work each"), "the shared grid is there");
    assert!(!for_hr.body.contains("You are here"), "Tom's level is not HR's");
    assert!(!track.body.contains("Edit (HR)") && for_hr.body.contains("Edit (HR)"));
    assert!(app.get("/ladders/engineering", Some(&tom)).await.body.contains("You are here"));

    let level = app.get("/ladders/engineering/levels/M1", Some(&tom)).await;
    assert_eq!(level.status, StatusCode::OK);
    assert!(level.body.contains("Engineering Manager"));
    assert_eq!(
        app.get("/ladders/engineering/levels/L9", Some(&tom)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/ladders/nonexistent", Some(&tom)).await.status, StatusCode::NOT_FOUND);

    let compare = app.get("/ladders/engineering/compare?from=L2&to=L3", Some(&tom)).await;
    assert!(compare.body.contains("What changes from L2 Intermediate to L3 Senior"));

    let old = app.get("/ladders/engineering?version=1", Some(&tom)).await;
    assert!(old.body.contains("You are reading version 1"), "an old version says so");

    let history = app.get("/ladders/engineering/history?from=1&to=2", Some(&tom)).await;
    assert!(history.body.contains("Changes from version 1 to version 2"));
    assert!(
        history.body.contains("Delivers assigned features on time"),
        "the v1 wording shows as removed"
    );
    assert!(history.body.contains("<del>") && history.body.contains("<ins>"));

    let export = app.get("/ladders/engineering/export.toml?version=1", Some(&tom)).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("engineering-v1.toml"));
    assert!(export.body.contains("slug = \"engineering\""));
    assert_ne!(export.body, engineering_source(&app, &tom).await, "versions 1 and 2 differ");

    let anonymous = app.get("/ladders/engineering/export.toml", None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "anonymous visitors are sent to sign in");
}

async fn only_hr_edits_and_refusals_are_audited(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let elena = app.sign_in(ELENA).await;
    assert_eq!(
        app.get("/ladders/engineering/edit", Some(&elena)).await.status,
        StatusCode::FORBIDDEN
    );
    let source = engineering_source(&app, &elena).await;
    let refused = app
        .post_form(
            SaveLadderDraft::PATH,
            &form(&[("slug", "engineering"), ("source", &source), ("version", "0")]),
            Some(&elena),
        )
        .await;
    assert!(refused.body.contains("Forbidden"), "{}", refused.body);
    let refused_import =
        app.post_form(ImportLadder::PATH, &form(&[("source", &source)]), Some(&elena)).await;
    assert!(refused_import.body.contains("Forbidden"));
    assert_eq!(drafts(&app), 0);
    let refusals: Vec<String> = app
        .test_db
        .audit()
        .refused()
        .actor(app.test_db.person_id(ELENA))
        .rows()
        .into_iter()
        .map(|r| r.target_type)
        .collect();
    assert_eq!(
        refusals,
        ["ladder_draft", "ladder_draft", "ladder_import"],
        "the page and both writes were refused and audited"
    );
}

async fn hr_drafts_and_publishes_a_new_version(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let hr = app.sign_in(JORDAN).await;
    let source = engineering_source(&app, &hr).await;
    // Read before the change, so version 2's grid is in memory when version 3 is published.
    let before = app.get("/ladders/engineering", Some(&hr)).await;
    assert!(before.body.contains("a few days of work each."));
    let editor = app.get("/ladders/engineering/edit", Some(&hr)).await;
    assert_eq!(editor.status, StatusCode::OK);
    assert!(editor.body.contains("No draft yet: this is version 2"));

    // A draft that does not parse is still saved (no lost work), and cannot be published.
    let broken = source.replacen("code = \"L1\"", "code = \"L1", 1);
    let save = |text: String, version: &'static str| {
        let body = form(&[("slug", "engineering"), ("source", &text), ("version", version)]);
        let hr = hr.clone();
        let app = &app;
        async move { app.post_form(SaveLadderDraft::PATH, &body, Some(&hr)).await }
    };
    assert!(save(broken, "0").await.status.is_success());
    assert_eq!(drafts(&app), 1);
    let editor = app.get("/ladders/engineering/edit", Some(&hr)).await;
    assert!(editor.body.contains("Line 8:"), "the parse error names its line");
    let publish_broken = app
        .post_form(
            PublishLadder::PATH,
            &form(&[
                ("slug", "engineering"),
                ("version", "1"),
                ("change_summary", "Fixing things up properly."),
            ]),
            Some(&hr),
        )
        .await;
    assert!(publish_broken.body.contains("Line 8"), "{}", publish_broken.body);
    assert_eq!(versions_of(&app, "engineering"), 2, "nothing was published");

    // A second editor that loaded before the first save is told, not allowed to overwrite.
    let edited = source.replace("Staff Engineer\"", "Staff Software Engineer\"").replace(
        "usually a few days of work each.",
        "usually a few days of work each, reviewed by a teammate.",
    );
    let stale = save(edited.clone(), "0").await;
    assert!(stale.body.contains("Conflict"), "{}", stale.body);
    assert!(save(edited, "1").await.status.is_success());

    let publish = |summary: &'static str, version: &'static str| {
        let body =
            form(&[("slug", "engineering"), ("version", version), ("change_summary", summary)]);
        let hr = hr.clone();
        let app = &app;
        async move { app.post_form(PublishLadder::PATH, &body, Some(&hr)).await }
    };
    let short = publish("typo", "2").await;
    assert!(short.body.contains("change_summary"), "a field-level error: {}", short.body);
    assert!(publish("Renamed the L4 title to Staff Software Engineer.", "2")
        .await
        .status
        .is_success());
    assert_eq!(versions_of(&app, "engineering"), 3);
    assert_eq!(drafts(&app), 0, "publishing consumes the draft");

    let tom = app.sign_in(TOM).await;
    let track = app.get("/ladders/engineering", Some(&tom)).await;
    assert!(
        track.body.contains("Version 3, published")
            && track.body.contains("Staff Software Engineer")
    );
    // Each version's grid and level pages are rendered once: version 2's, read before the
    // publication, do not stand in for version 3's, and version 2 still reads as it was.
    let new_text = "reviewed by a teammate.";
    assert!(track.body.contains(new_text), "version 3's grid");
    let level = app.get("/ladders/engineering/levels/L1", Some(&tom)).await;
    assert!(level.body.contains(new_text), "version 3's level page");
    let old = app.get("/ladders/engineering?version=2", Some(&tom)).await;
    assert!(old.body.contains("a few days of work each.") && !old.body.contains(new_text));
    let old_level = app.get("/ladders/engineering/levels/L1?version=2", Some(&tom)).await;
    assert!(old_level.status.is_success() && !old_level.body.contains(new_text));
    let history = app.get("/ladders/engineering/history?from=2&to=3", Some(&tom)).await;
    assert!(history.body.contains("Renamed the L4 title"));
    assert!(history.body.contains("<del>Staff Engineer</del>"), "the diff shows the old title");
    let published = app.test_db.audit().action("publish_ladder").count();
    assert_eq!(published, 1);

    // Publishing the same text again is refused: there is nothing new to say.
    let current = engineering_source(&app, &hr).await;
    assert!(save(current, "0").await.status.is_success());
    let unchanged = publish("Nothing really changed here.", "1").await;
    assert!(unchanged.body.contains("Nothing has changed since version 3"), "{}", unchanged.body);
    assert!(
        app.post_form(
            DiscardLadderDraft::PATH,
            &form(&[("slug", "engineering"), ("version", "1")]),
            Some(&hr)
        )
        .await
        .status
        .is_redirection()
            || drafts(&app) == 0
    );
    assert_eq!(drafts(&app), 0);
}

async fn an_import_with_errors_changes_nothing(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let hr = app.sign_in(JORDAN).await;
    let ladders_before = app.test_db.rows("ladders");
    let bad = "slug = \"legal\"\nname = \"Legal\"\n\n[[levels]]\ncode = \"L7\"\ntitle = \"Analyst\"\n\n[[levels.criteria]]\ndimension = \"maths\"\ntext = \"Adds up.\"\n";
    let res = app.post_form(ImportLadder::PATH, &form(&[("source", bad)]), Some(&hr)).await;
    assert!(
        res.body.contains("Line 5") && res.body.contains("Line 9"),
        "every error with its line: {}",
        res.body
    );
    let ladders_after = app.test_db.rows("ladders");
    assert_eq!(ladders_after, ladders_before);
    assert_eq!(drafts(&app), 0);

    let good = bad.replace("L7", "L1").replace("maths", "technical");
    let res = app.post_form(ImportLadder::PATH, &form(&[("source", &good)]), Some(&hr)).await;
    assert!(res.status.is_redirection() || res.status.is_success(), "{} {}", res.status, res.body);
    assert_eq!(drafts(&app), 1, "the import is a draft");
    assert_eq!(versions_of(&app, "legal"), 0, "nothing is published by an import");
    let hr_index = app.get("/ladders", Some(&hr)).await;
    assert!(hr_index.body.contains("Legal") && hr_index.body.contains("Draft in progress"));
    let tom = app.sign_in(TOM).await;
    let index = app.get("/ladders", Some(&tom)).await;
    assert!(!index.body.contains("Legal"), "an unpublished ladder is not shown to employees");
}

on_both_backends!(
    everyone_reads_ladders_their_path_and_history,
    only_hr_edits_and_refusals_are_audited,
    hr_drafts_and_publishes_a_new_version,
    an_import_with_errors_changes_nothing,
);
