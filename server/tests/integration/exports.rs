//! The files HR downloads: a cycle's final ratings and a board's distribution, as CSV, on
//! both databases.

use crate::common::{Backend, TestApp, ELENA, JORDAN, SAM};
use app::db::schema::{calibration_entries, people, reviews};
use axum::http::{header, StatusCode};
use diesel::prelude::*;

fn records(body: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_string).collect())
        .collect()
}

/// HR downloads a cycle's final ratings: one row per reviewed person but HR themself, with the
/// columns compensation planning needs, every cell safe to open in a spreadsheet, audited.
/// Nobody else may.
async fn hr_downloads_a_cycles_final_ratings(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let (cycle, someone): (i64, i64) = reviews::table
        .filter(reviews::final_rating.is_not_null())
        .select((reviews::cycle_id, reviews::person_id))
        .first(&mut *app.test_db.conn())
        .unwrap();
    // A name typed to run as a formula in whoever's spreadsheet opens the file.
    let formula = "=HYPERLINK(\"http://evil.example\",\"Tom\")";
    diesel::update(people::table.find(someone))
        .set(people::name.eq(formula))
        .execute(&mut *app.test_db.conn())
        .unwrap();
    let path = format!("/reviews/cycles/{cycle}/final-ratings.csv");
    let hr = app.sign_in(JORDAN).await;
    let res = app.get(&path, Some(&hr)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    assert!(res.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains(".csv"));
    let mut lines = res.body.lines();
    assert_eq!(
        lines.next(),
        Some("Name,Email,Title,Department,Team,Level,Manager,Manager email,Final rating,Finalised on,Delivered on")
    );
    let rows = records(&res.body);
    let jordan = app.test_db.person_id(JORDAN);
    let reviewed: Vec<i64> = reviews::table
        .filter(reviews::cycle_id.eq(cycle))
        .filter(reviews::person_id.ne(jordan.0))
        .select(reviews::person_id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(rows.len(), reviewed.len(), "everyone the cycle reviews but the reader");
    assert!(!res.body.contains(JORDAN), "HR's own row is not in HR's file");
    let planted = rows.iter().find(|r| r[0].contains("HYPERLINK")).expect("the planted name");
    assert_eq!(planted[0], format!("'{formula}"), "shown as text, never run");
    let rated = rows.iter().filter(|r| !r[8].is_empty()).count();
    assert!(rated > 0, "final ratings by their labels");
    assert!(rows
        .iter()
        .all(|r| r[8].is_empty() || app::kernel::Rating::ALL.iter().any(|x| x.label() == r[8])));
    assert!(rows.iter().all(|r| !r[5].is_empty()), "every row has a level");
    let audited = app.test_db.audit().action("export_final_ratings").allowed().actor(jordan).rows();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].request_id.as_deref(), res.headers["x-request-id"].to_str().ok());

    let manager = app.sign_in(ELENA).await;
    assert_eq!(app.get(&path, Some(&manager)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.test_db.audit().action("export_ratings").refused().count(), 1);
    let anonymous = app.get(&path, None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    let missing = app.get("/reviews/cycles/999999/final-ratings.csv", Some(&hr)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// HR downloads a board's distribution: a row per rating and one for those not rated yet,
/// whose people add up to the board; the facilitator, who is not HR, may not.
async fn hr_downloads_a_boards_distribution(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let session = app.test_db.finalised_engineering_session();
    let on_board: i64 = calibration_entries::table
        .filter(calibration_entries::session_id.eq(session))
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap();
    let path = format!("/calibration/{session}/distribution.csv");
    let res = app.get(&path, Some(&app.sign_in(JORDAN).await)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body.lines().next(), Some("Rating,People,Share of the board (%)"));
    let rows = records(&res.body);
    let labels: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        labels,
        [
            "Exceptional",
            "Strong",
            "Meets Expectations",
            "Developing",
            "Below Expectations",
            "Not rated yet"
        ]
    );
    let people: i64 = rows.iter().map(|r| r[1].parse::<i64>().unwrap()).sum();
    assert_eq!(people, on_board, "the board's people, none twice");
    let facilitator = app.sign_in(SAM).await;
    assert_eq!(app.get(&path, Some(&facilitator)).await.status, StatusCode::FORBIDDEN);
}

on_both_backends!(hr_downloads_a_cycles_final_ratings, hr_downloads_a_boards_distribution);
