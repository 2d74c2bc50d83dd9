//! Calibration through the real router, on both backends: HR creates a session (field by
//! field errors, nobody on their own board); participants change ratings with a rationale and
//! meet the conflict of a stale edit; a manager appeals and the facilitator resolves; outliers
//! are discussed; the facilitator finalises and the final ratings reach delivery. Who may see
//! the board and the fairness report, and the audit trail of reads.

use crate::common::{form, ok, Backend, TestApp, ELENA, JORDAN, SAM, TOM};
use app::calibration::api::{
    ChangeRating, CreateSession, FinaliseSession, GetBoard, MarkDiscussed, RaiseAppeal,
    ResolveAppeal, SetPotential,
};
use app::db::schema::{
    calibration_appeals, calibration_changes, calibration_entries, calibration_participants,
    calibration_sessions, departments, manager_assessments, people, reviews,
};
use app::kernel::PersonId;
use app::kernel::Rating;
use app::reviews::api::{DeliverReview, FinaliseRating};
use diesel::prelude::*;
use leptos::server_fn::ServerFn;

const AMARA: &str = "amara.okafor@lumen.example";

/// (entry id, review id, person id, rating, version) of an entry.
fn entry(app: &TestApp, id: i64) -> (i64, i64, i64, Option<String>, i32) {
    calibration_entries::table
        .find(id)
        .select((
            calibration_entries::id,
            calibration_entries::review_id,
            calibration_entries::person_id,
            calibration_entries::rating,
            calibration_entries::version,
        ))
        .first(&mut *app.test_db.conn())
        .unwrap()
}

async fn a_board_is_calibrated_and_finalised_into_delivery(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let session = app.test_db.session_with_status("open");
    let s = session.to_string();
    // Two managers in the room, each with people on the board.
    let managers = app.test_db.managers_on_board(session);
    let (m1, m2) = (managers[0], managers[1]);
    let (amara, one, two, hr, tom) = (
        app.sign_in(AMARA).await,
        app.sign_in(&app.test_db.email_of(m1)).await,
        app.sign_in(&app.test_db.email_of(m2)).await,
        app.sign_in(JORDAN).await,
        app.sign_in(TOM).await,
    );

    // Participants and HR read the board; nobody else does, and the refusal is audited.
    assert_eq!(app.get(&format!("/calibration/{session}"), Some(&tom)).await.status, 403);
    for cookie in [&amara, &one, &hr] {
        let page = app.get(&format!("/calibration/{session}"), Some(cookie)).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("Outliers to discuss") && page.body.contains("never a quota"),
            "the board says the guideline is not a quota"
        );
    }
    // Calibrated ratings by team: a row per team, each opening the board filtered to it.
    let board = app.get(&format!("/calibration/{session}"), Some(&hr)).await.body;
    let teams: usize = board
        .split("By team (")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
        .expect("the board counts its teams");
    let team_links: Vec<&str> = board
        .split("<th scope=\"row\"><a href=\"?team=")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert!(teams >= 2 && team_links.len() == teams, "{teams} teams, {team_links:?}");
    let one_team =
        app.get(&format!("/calibration/{session}?team={}", team_links[0]), Some(&hr)).await;
    let everyone = board.split("Showing ").nth(1).unwrap().split(" of ").next().unwrap();
    let of_team = one_team.body.split("Showing ").nth(1).unwrap().split(" of ").next().unwrap();
    assert!(
        of_team.parse::<usize>().unwrap() < everyone.parse::<usize>().unwrap(),
        "a team's link filters the board ({of_team} of {everyone})"
    );
    // A person opened beside the board: their row is marked, and the panel walks to their
    // neighbours in the board's order, each link landing on the neighbour's row.
    let order: Vec<&str> = board
        .split("<a href=\"?person=")
        .skip(1)
        .map(|rest| rest.split('#').next().unwrap())
        .take(3)
        .collect();
    let opened =
        app.get(&format!("/calibration/{session}?person={}", order[1]), Some(&hr)).await.body;
    assert_eq!(opened.matches("aria-current=\"true\"").count(), 1);
    let at = opened.find("aria-current=\"true\"").unwrap();
    let start = opened[..at].rfind("<tr").unwrap();
    let row = &opened[start..start + opened[start..].find('>').unwrap()];
    assert!(
        row.contains(&format!("id=\"row-{}\"", order[1])) && row.contains("board-row--open"),
        "{row}"
    );
    for (rel, entry) in [("prev", order[0]), ("next", order[2])] {
        let link = format!("href=\"?person={entry}#row-{entry}\" rel=\"{rel}\"");
        assert!(opened.contains(&link), "{link}");
    }
    assert!(opened.contains("2 of "), "the panel says where the person is");
    let refused = app
        .test_db
        .audit()
        .actor(app.test_db.person_id(TOM))
        .target_type("calibration_session")
        .refused()
        .count();
    assert!(refused >= 1);
    let reads = app.test_db.audit().action("read_calibration_board").actor(m1).count();
    assert_eq!(reads, 1, "every read of the board is in the audit log");

    // A person of m2's, rated Meets or Strong, unchanged so far.
    let (target, review, person, _, _) = calibration_entries::table
        .inner_join(people::table.on(people::id.eq(calibration_entries::person_id)))
        .filter(calibration_entries::session_id.eq(session))
        .filter(people::manager_id.eq(m2))
        .filter(calibration_entries::rating.is_null())
        .select((
            calibration_entries::id,
            calibration_entries::review_id,
            calibration_entries::person_id,
            calibration_entries::rating,
            calibration_entries::version,
        ))
        .load::<(i64, i64, i64, Option<String>, i32)>(&mut *app.test_db.conn())
        .unwrap()
        .into_iter()
        .find(|e| {
            let prelim: Option<String> = app::db::schema::manager_assessments::table
                .find(e.1)
                .select(app::db::schema::manager_assessments::rating)
                .first(&mut *app.test_db.conn())
                .unwrap();
            matches!(prelim.as_deref(), Some("meets") | Some("strong"))
        })
        .expect("a Meets or Strong person of the second manager");
    let t = target.to_string();
    let changes = |app: &TestApp| {
        calibration_changes::table
            .filter(calibration_changes::entry_id.eq(target))
            .count()
            .get_result::<i64>(&mut *app.test_db.conn())
            .unwrap()
    };

    // A change needs a rating and a written rationale; a bad one changes nothing.
    let refused = app
        .post_form(
            ChangeRating::PATH,
            &form(&[
                ("id", &s),
                ("entry", &t),
                ("version", "1"),
                ("rating", "exceptional"),
                ("rationale", "ok"),
            ]),
            Some(&one),
        )
        .await;
    assert!(refused.body.contains("\"rationale\""), "{}", refused.body);
    assert_eq!(changes(&app), 0);
    let refused = app
        .post_form(
            ChangeRating::PATH,
            &form(&[
                ("id", &s),
                ("entry", &t),
                ("version", "1"),
                ("rating", "best"),
                ("rationale", "Led the renewal of the two largest accounts."),
            ]),
            Some(&one),
        )
        .await;
    assert!(refused.body.contains("\"rating\""), "{}", refused.body);
    // Not in the room: refused.
    let refused = app
        .post_form(
            ChangeRating::PATH,
            &form(&[
                ("id", &s),
                ("entry", &t),
                ("version", "1"),
                ("rating", "exceptional"),
                ("rationale", "Led the renewal of the two largest accounts."),
            ]),
            Some(&tom),
        )
        .await;
    assert!(refused.body.contains("Forbidden"), "{}", refused.body);
    let version_before = app.test_db.session_state(session).1;

    // The first manager changes the rating; the second, editing the same version, meets a
    // conflict that names the newer rating, and changes nothing.
    let rationale = "Led the renewal of the two largest accounts, beyond what the level asks.";
    ok(
        &app.post_form(
            ChangeRating::PATH,
            &form(&[
                ("id", &s),
                ("entry", &t),
                ("version", "1"),
                ("rating", "exceptional"),
                ("rationale", rationale),
            ]),
            Some(&one),
        )
        .await,
        "change",
    );
    let (_, _, _, rating, version) = entry(&app, target);
    assert_eq!((rating.as_deref(), version), (Some("exceptional"), 2));
    let (by, from, to, why): (i64, Option<String>, String, String) = calibration_changes::table
        .filter(calibration_changes::entry_id.eq(target))
        .select((
            calibration_changes::changed_by,
            calibration_changes::from_rating,
            calibration_changes::to_rating,
            calibration_changes::rationale,
        ))
        .first(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!((by, to.as_str(), why.as_str()), (m1, "exceptional", rationale));
    assert!(matches!(from.as_deref(), Some("meets") | Some("strong")));
    let version_after = app.test_db.session_state(session).1;
    assert!(version_after > version_before, "open boards learn of the change");
    let stale = app
        .post_form(
            ChangeRating::PATH,
            &form(&[
                ("id", &s),
                ("entry", &t),
                ("version", "1"),
                ("rating", "developing"),
                ("rationale", "Missed the second-quarter target."),
            ]),
            Some(&two),
        )
        .await;
    assert!(
        stale.body.contains("Conflict")
            && stale.body.contains("Exceptional")
            && stale.body.contains("was not saved"),
        "{}",
        stale.body
    );
    assert_eq!(entry(&app, target).3.as_deref(), Some("exceptional"));
    assert_eq!(changes(&app), 1);

    // The person's manager appeals (once); another manager may not; the facilitator reverts.
    let change: i64 = calibration_changes::table
        .filter(calibration_changes::entry_id.eq(target))
        .select(calibration_changes::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let c = change.to_string();
    let reason = "The renewals were a team effort; the evidence supports the earlier rating.";
    assert!(app
        .post_form(
            RaiseAppeal::PATH,
            &form(&[("id", &s), ("entry", &t), ("change", &c), ("reason", reason)]),
            Some(&one)
        )
        .await
        .body
        .contains("Forbidden"));
    ok(
        &app.post_form(
            RaiseAppeal::PATH,
            &form(&[("id", &s), ("entry", &t), ("change", &c), ("reason", reason)]),
            Some(&two),
        )
        .await,
        "appeal",
    );
    assert!(app
        .post_form(
            RaiseAppeal::PATH,
            &form(&[("id", &s), ("entry", &t), ("change", &c), ("reason", reason)]),
            Some(&two)
        )
        .await
        .body
        .contains("already has an appeal"));
    let appeal: i64 = calibration_appeals::table
        .filter(calibration_appeals::change_id.eq(change))
        .select(calibration_appeals::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let a = appeal.to_string();

    // Finalising waits for the appeals and the outliers.
    let v = app.test_db.session_state(session).1.to_string();
    let blocked = app
        .post_form(
            FinaliseSession::PATH,
            &form(&[("id", &s), ("version", &v), ("confirm", "yes")]),
            Some(&amara),
        )
        .await;
    assert!(
        blocked.body.contains("appeal") && blocked.body.contains("not yet marked discussed"),
        "{}",
        blocked.body
    );
    assert!(
        app.post_form(
            FinaliseSession::PATH,
            &form(&[("id", &s), ("version", &v), ("confirm", "yes")]),
            Some(&one)
        )
        .await
        .body
        .contains("Forbidden"),
        "a manager does not finalise"
    );

    let resolution = [
        ("id", s.as_str()),
        ("appeal", a.as_str()),
        ("outcome", "reverted"),
        ("resolution", "The room agreed the evidence supports the earlier rating."),
    ];
    assert!(app
        .post_form(ResolveAppeal::PATH, &form(&resolution), Some(&two))
        .await
        .body
        .contains("Forbidden"));
    // The facilitator's My work says the appeal waits for them, until it is resolved.
    // It is an update (and an email) for the facilitator too, and its outcome is one for the
    // manager who raised it.
    let appeal_link = format!("/calibration/{s}?person={t}#row-{t}");
    assert!(app.has_todo_due(&amara, &appeal_link, "Resolve the appeal about").await);
    assert!(app.has_update(&amara, &appeal_link, "An appeal about").await);
    assert!(!app.has_update(&two, &appeal_link, "Your appeal about").await);
    ok(&app.post_form(ResolveAppeal::PATH, &form(&resolution), Some(&amara)).await, "resolve");
    assert!(!app.has_todo(&amara, &appeal_link, "Resolve the appeal about").await);
    assert!(app.has_update(&two, &appeal_link, "the facilitator reverted the change").await);
    let (_, _, _, rating, version) = entry(&app, target);
    assert_eq!(
        Some(rating.as_deref()),
        Some(from.as_deref()),
        "reverted to the rating before the change"
    );
    assert_eq!(changes(&app), 2, "the revert is in the history too");
    assert!(app
        .post_form(ResolveAppeal::PATH, &form(&resolution), Some(&amara))
        .await
        .body
        .contains("resolved this appeal first"));

    // Potential: the person's own manager records it; another manager may not.
    let v = version.to_string();
    assert!(app
        .post_form(
            SetPotential::PATH,
            &form(&[("id", &s), ("entry", &t), ("version", &v), ("potential", "high")]),
            Some(&one)
        )
        .await
        .body
        .contains("Forbidden"));
    ok(
        &app.post_form(
            SetPotential::PATH,
            &form(&[("id", &s), ("entry", &t), ("version", &v), ("potential", "high")]),
            Some(&two),
        )
        .await,
        "potential",
    );

    // Every outlier discussed, with a note.
    let outliers: Vec<(i64, i32)> =
        calibration_entries::table
            .inner_join(app::db::schema::manager_assessments::table.on(
                app::db::schema::manager_assessments::review_id.eq(calibration_entries::review_id),
            ))
            .filter(calibration_entries::session_id.eq(session))
            .filter(calibration_entries::discussed_at.is_null())
            .select((
                calibration_entries::id,
                calibration_entries::version,
                calibration_entries::rating,
                app::db::schema::manager_assessments::rating,
            ))
            .load::<(i64, i32, Option<String>, Option<String>)>(&mut *app.test_db.conn())
            .unwrap()
            .into_iter()
            .filter(|(_, _, calibrated, prelim)| {
                matches!(
                    calibrated.as_deref().or(prelim.as_deref()),
                    Some("exceptional") | Some("below")
                )
            })
            .map(|(id, version, _, _)| (id, version))
            .collect();
    assert!(!outliers.is_empty(), "the demo board has outliers waiting");
    let too_short = app
        .post_form(
            MarkDiscussed::PATH,
            &form(&[
                ("id", &s),
                ("entry", &outliers[0].0.to_string()),
                ("version", &outliers[0].1.to_string()),
                ("note", "ok"),
            ]),
            Some(&amara),
        )
        .await;
    assert!(too_short.body.contains("\"note\""), "{}", too_short.body);
    for (id, version) in &outliers {
        let note = [
            ("id", s.as_str()),
            ("entry", &id.to_string()),
            ("version", &version.to_string()),
            ("note", "Discussed the whole half's evidence; the room agreed."),
        ];
        ok(&app.post_form(MarkDiscussed::PATH, &form(&note), Some(&amara)).await, "discussed");
    }

    // The demo's own waiting appeal: the facilitator keeps that change.
    let waiting: Vec<i64> = calibration_appeals::table
        .filter(calibration_appeals::session_id.eq(session))
        .filter(calibration_appeals::outcome.is_null())
        .select(calibration_appeals::id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    for id in waiting {
        let keep = [
            ("id", s.as_str()),
            ("appeal", &id.to_string()),
            ("outcome", "kept"),
            ("resolution", "The first-quarter evidence was already counted."),
        ];
        ok(&app.post_form(ResolveAppeal::PATH, &form(&keep), Some(&amara)).await, "keep");
    }

    // A stale finalise (the board changed since) is refused; then it finalises.
    let stale = app
        .post_form(
            FinaliseSession::PATH,
            &form(&[("id", &s), ("version", "1"), ("confirm", "yes")]),
            Some(&amara),
        )
        .await;
    assert!(stale.body.contains("The board changed"), "{}", stale.body);
    let v = app.test_db.session_state(session).1.to_string();
    // Irreversible: without the box ticked, a field error and nothing changes.
    let unconfirmed = app
        .post_form(FinaliseSession::PATH, &form(&[("id", &s), ("version", &v)]), Some(&amara))
        .await;
    assert_eq!(unconfirmed.status, 400, "{}", unconfirmed.body);
    assert!(unconfirmed.body.contains("\"confirm\""), "{}", unconfirmed.body);
    assert_eq!(app.test_db.session_state(session).0, "open");
    let session_link = format!("/calibration/{s}");
    assert!(app.has_todo_due(&amara, &session_link, "Run and finalise the calibration").await);
    ok(
        &app.post_form(
            FinaliseSession::PATH,
            &form(&[("id", &s), ("version", &v), ("confirm", "yes")]),
            Some(&amara),
        )
        .await,
        "finalise",
    );
    let status = app.test_db.session_state(session).0;
    assert_eq!(status, "finalised");
    assert!(!app.has_todo(&amara, &session_link, "Run and finalise the calibration").await);
    // Each manager on the board hears their people's ratings are final, once.
    let managers_on_board = calibration_entries::table
        .inner_join(reviews::table)
        .filter(calibration_entries::session_id.eq(session))
        .filter(reviews::manager_id.is_not_null())
        .select(reviews::manager_id)
        .distinct()
        .load::<Option<i64>>(&mut *app.test_db.conn())
        .unwrap()
        .len() as i64;
    let told =
        app.test_db.mail_like(&format!("final:session:{session}:%"), "%Deliver each review%");
    assert_eq!(told, managers_on_board);
    app.test_db.awaiting_final_follows_the_rule();
    // Every calibrated rating is now the review's final rating.
    let finals: Vec<(Option<String>, Option<String>, Option<String>)> =
        calibration_entries::table
            .inner_join(reviews::table)
            .inner_join(app::db::schema::manager_assessments::table.on(
                app::db::schema::manager_assessments::review_id.eq(calibration_entries::review_id),
            ))
            .filter(calibration_entries::session_id.eq(session))
            .select((
                calibration_entries::rating,
                app::db::schema::manager_assessments::rating,
                reviews::final_rating,
            ))
            .load(&mut *app.test_db.conn())
            .unwrap();
    assert!(
        finals.iter().all(
            |(calibrated, prelim, fin)| calibrated.as_ref().or(prelim.as_ref()) == fin.as_ref()
        ),
        "{finals:?}"
    );

    // Locked: no more changes; HR's manual finalising never bypasses the board.
    let late = app
        .post_form(
            ChangeRating::PATH,
            &form(&[
                ("id", &s),
                ("entry", &t),
                ("version", "9"),
                ("rating", "strong"),
                ("rationale", "One more thought after the meeting."),
            ]),
            Some(&one),
        )
        .await;
    assert!(late.body.contains("finalised"), "{}", late.body);
    let review_s = review.to_string();
    assert!(app
        .post_form(
            FinaliseRating::PATH,
            &form(&[("review_id", &review_s), ("rating", "strong")]),
            Some(&hr)
        )
        .await
        .body
        .contains("calibration board"));

    // The manager delivers; the person reads the final rating.
    ok(
        &app.post_form(DeliverReview::PATH, &form(&[("review_id", &review_s)]), Some(&two)).await,
        "deliver",
    );
    let employee = app.sign_in(&app.test_db.email_of(person)).await;
    let page = app.get(&format!("/reviews/{review}"), Some(&employee)).await;
    let label = Rating::parse(from.as_deref().unwrap()).unwrap().label();
    assert!(page.body.contains(label), "the person sees their final rating: {label}");
}

async fn hr_creates_sessions_and_nobody_sits_on_their_own_board(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let (hr, elena, tom, sam) = (
        app.sign_in(JORDAN).await,
        app.sign_in(ELENA).await,
        app.sign_in(TOM).await,
        app.sign_in(SAM).await,
    );
    let sessions = |app: &TestApp| app.test_db.rows("calibration_sessions");
    let before = sessions(&app);
    let running = app.test_db.cycle_with_status("open");
    let engineering: i64 = departments::table
        .filter(departments::name.eq("Engineering"))
        .select(departments::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let (cycle, dept_key) = (running.to_string(), format!("department[{engineering}]"));
    let good = [
        ("cycle_id", cycle.as_str()),
        ("name", "Engineering H2 calibration"),
        ("facilitator_email", SAM),
        (dept_key.as_str(), "on"),
    ];

    assert!(
        app.post_form(CreateSession::PATH, &form(&good), Some(&elena))
            .await
            .body
            .contains("Forbidden"),
        "only HR creates sessions"
    );
    let empty = app
        .post_form(
            CreateSession::PATH,
            &form(&[
                ("cycle_id", ""),
                ("name", " "),
                ("facilitator_email", "nobody@lumen.example"),
            ]),
            Some(&hr),
        )
        .await;
    for field in ["cycle_id", "name", "facilitator_email", "group"] {
        assert!(empty.body.contains(&format!("\"{field}\"")), "{field}: {}", empty.body);
    }
    let not_a_leader = app
        .post_form(
            CreateSession::PATH,
            &form(&[good[0], good[1], ("facilitator_email", TOM), good[3]]),
            Some(&hr),
        )
        .await;
    assert!(not_a_leader.body.contains("skip-level"), "{}", not_a_leader.body);
    assert_eq!(sessions(&app), before, "refused forms create nothing");

    // Engineering's managers have submitted early, so their reviews wait for HR's final
    // rating until the board takes them: then the session finalises them.
    let waiting = app.test_db.awaiting_final_follows_the_rule();
    let early: Vec<i64> = reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::person_id)))
        .filter(reviews::cycle_id.eq(running))
        .filter(people::department_id.eq(engineering))
        .select(reviews::id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    diesel::update(
        manager_assessments::table.filter(manager_assessments::review_id.eq_any(&early)),
    )
    .set(manager_assessments::submitted_at.eq(chrono::Utc::now().naive_utc()))
    .execute(&mut *app.test_db.conn())
    .unwrap();
    let early_ids: Vec<_> = early.iter().map(|id| app::kernel::ReviewId(*id)).collect();
    app::reviews::queries::mark_awaiting_final(&mut app.test_db.conn(), &early_ids).unwrap();
    let before_board = app.test_db.awaiting_final_follows_the_rule();
    assert!(before_board > waiting);
    ok(&app.post_form(CreateSession::PATH, &form(&good), Some(&hr)).await, "create");
    let on_the_board = app.test_db.rows("calibration_entries") as usize;
    assert!(
        app.test_db.awaiting_final_follows_the_rule() < before_board,
        "the board took {on_the_board} reviews, some of them waiting"
    );
    let session = app.test_db.newest_session();
    let participants: Vec<PersonId> = calibration_participants::table
        .filter(calibration_participants::session_id.eq(session))
        .select(calibration_participants::person_id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    // Everyone in the room is told what the session asks of them.
    let told = app.test_db.mail_like(&format!("session:{session}:%"), "%");
    assert_eq!(told, participants.len() as i64, "the facilitator and each participant");
    let on_board: Vec<PersonId> = calibration_entries::table
        .filter(calibration_entries::session_id.eq(session))
        .select(calibration_entries::person_id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    let (elena_id, tom_id, sam_id) =
        (app.test_db.person_id(ELENA), app.test_db.person_id(TOM), app.test_db.person_id(SAM));
    assert!(
        participants.contains(&elena_id) && participants.contains(&sam_id),
        "the facilitator and the managers are invited"
    );
    assert!(on_board.contains(&tom_id));
    assert!(
        on_board.iter().all(|p| !participants.contains(p)),
        "nobody is on the board of a session they sit in"
    );
    let in_dept: Vec<PersonId> = reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::person_id)))
        .filter(reviews::cycle_id.eq(running))
        .filter(people::department_id.eq(engineering))
        .select(reviews::person_id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    let seated = in_dept.iter().filter(|p| participants.contains(p)).count();
    assert_eq!(
        on_board.len() + seated,
        in_dept.len(),
        "everyone else in the department is on the board"
    );
    let again = app.post_form(CreateSession::PATH, &form(&good), Some(&hr)).await;
    assert!(again.body.contains("already on another board"), "{}", again.body);

    // Elena reads the board (Tom's unsubmitted review shows as such); Tom does not.
    let board = app.get(&format!("/calibration/{session}"), Some(&elena)).await;
    assert_eq!(board.status, 200);
    assert!(board.body.contains("Tom Becker") && board.body.contains("Not submitted"));
    assert_eq!(app.get(&format!("/calibration/{session}"), Some(&tom)).await.status, 403);
    assert!(app
        .get("/calibration", Some(&elena))
        .await
        .body
        .contains("Engineering H2 calibration"));
    assert!(!app.get("/calibration", Some(&tom)).await.body.contains("Engineering H2 calibration"));

    // The fairness report of a finalised demo session: participants and HR; groups by team,
    // manager, tenure and the demographic attributes, each tested.
    let finished = app.test_db.finalised_engineering_session();
    let report = app.get(&format!("/calibration/{finished}/report"), Some(&hr)).await;
    assert_eq!(report.status, 200);
    for part in [
        "By team",
        "By manager",
        "By tenure",
        "By gender",
        "By age band",
        "Rater leniency",
        "p = ",
        "Four-fifths",
    ] {
        assert!(report.body.contains(part), "{part}");
    }
    assert_eq!(
        app.get(&format!("/calibration/{finished}/report"), Some(&sam)).await.status,
        200,
        "the facilitator of last half"
    );
    assert_eq!(app.get(&format!("/calibration/{finished}/report"), Some(&tom)).await.status, 403);
    // Last half's sessions carry their history: changes with rationales and a resolved appeal.
    let history: i64 = calibration_changes::table
        .filter(calibration_changes::session_id.eq(finished))
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap();
    let resolved: i64 = calibration_appeals::table
        .filter(calibration_appeals::session_id.eq(finished))
        .filter(calibration_appeals::outcome.is_not_null())
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap();
    assert!(history > 0 && resolved == 1, "{history} changes, {resolved} appeals resolved");
}

/// A board as its reader's browser receives it (the server function's JSON).
async fn board_json(app: &TestApp, session: i64, cookie: &str) -> serde_json::Value {
    let res =
        app.post_form(GetBoard::PATH, &form(&[("id", &session.to_string())]), Some(cookie)).await;
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("{e}: {}", res.body))
}

/// The fairness report and the board tell a reader only what they may know: demographic cuts
/// are HR's, a demographic table has no counts per rating, nobody's report counts their own
/// row, and a previous cycle's final rating shows only to the person's manager chain and HR.
async fn the_room_learns_only_what_it_may_know(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let (hr, sam) = (app.sign_in(JORDAN).await, app.sign_in(SAM).await);
    let finished = app.test_db.finalised_engineering_session();
    let report = format!("/calibration/{finished}/report");
    let as_sam = app.get(&report, Some(&sam)).await.body;
    assert!(as_sam.contains("By team") && as_sam.contains("By manager"), "{as_sam}");
    assert!(
        !as_sam.contains("By gender") && !as_sam.contains("By age band"),
        "the facilitator is not HR: no demographic cuts"
    );
    assert!(as_sam.contains("shown to HR only"), "and the report says so");
    let as_hr = app.get(&report, Some(&hr)).await.body;
    let gender = as_hr.split("By gender").nth(1).expect("HR has the demographic cuts");
    let gender = gender.split("</section>").next().unwrap();
    assert!(
        !gender.contains(">Meets Expectations<") && !gender.contains(">Below Expectations<"),
        "no counts per rating in a demographic table: {gender}"
    );
    let team = as_hr.split("By team").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(team.contains(">Meets Expectations<"), "the team table keeps them");

    // HR's report of the board HR is on counts everyone but HR.
    let jordan = app.test_db.person_id(JORDAN);
    let own_board: i64 = calibration_entries::table
        .filter(calibration_entries::person_id.eq(jordan))
        .select(calibration_entries::session_id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let on_it: i64 = calibration_entries::table
        .filter(calibration_entries::session_id.eq(own_board))
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap();
    let own_report = app.get(&format!("/calibration/{own_board}/report"), Some(&hr)).await.body;
    let counted = app::ui::format::people_count(on_it - 1);
    assert!(own_report.contains(&format!(" · {counted}")), "{counted}: {own_report}");

    // Nor do the board's finalise blockers count HR's own row: made the board's only
    // undiscussed outlier, it shows as a blocker to the facilitator and to nobody on the board.
    diesel::update(
        calibration_entries::table.filter(calibration_entries::session_id.eq(own_board)),
    )
    .set(calibration_entries::discussed_at.eq(Some(chrono::Utc::now().naive_utc())))
    .execute(&mut *app.test_db.conn())
    .unwrap();
    diesel::update(
        calibration_entries::table
            .filter(calibration_entries::session_id.eq(own_board))
            .filter(calibration_entries::person_id.eq(jordan)),
    )
    .set((
        calibration_entries::rating.eq(Some("exceptional")),
        calibration_entries::discussed_at.eq(None::<chrono::NaiveDateTime>),
    ))
    .execute(&mut *app.test_db.conn())
    .unwrap();
    let facilitator: i64 = calibration_sessions::table
        .find(own_board)
        .select(calibration_sessions::facilitator_id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let undiscussed = "rated Exceptional or Below Expectations not yet marked discussed";
    let facilitator = app.sign_in(&app.test_db.email_of(facilitator)).await;
    let as_facilitator = board_json(&app, own_board, &facilitator).await["blockers"].to_string();
    assert!(as_facilitator.contains(undiscussed), "{as_facilitator}");
    let as_jordan = board_json(&app, own_board, &hr).await["blockers"].to_string();
    assert!(
        !as_jordan.contains(undiscussed),
        "HR's own outlier is no blocker HR reads: {as_jordan}"
    );

    // Last cycle's rating on an open board: a manager in the room sees it for their own
    // people only; HR for everyone.
    let session = app.test_db.session_with_status("open");
    let mut managers = app.test_db.managers_on_board(session);
    managers.sort_unstable();
    let participants: Vec<i64> = calibration_participants::table
        .filter(calibration_participants::session_id.eq(session))
        .select(calibration_participants::person_id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    let m1 = *managers.iter().find(|m| participants.contains(m)).expect("a manager in the room");
    let as_manager = board_json(&app, session, &app.sign_in(&app.test_db.email_of(m1)).await).await;
    let as_hr = board_json(&app, session, &hr).await;
    // The manager's people: those with m1 in their manager chain.
    let below_m1 = |person: i64| {
        let chain = app::org::queries::manager_chain(&mut app.test_db.conn(), PersonId(person));
        chain.unwrap().contains(&PersonId(m1))
    };
    let previous = |board: &serde_json::Value, mine: bool| -> (usize, usize) {
        let rows = board["rows"].as_array().unwrap();
        let of = rows.iter().filter(|r| below_m1(r["person_id"].as_i64().unwrap()) == mine);
        let (shown, all): (Vec<_>, Vec<_>) =
            (of.clone().filter(|r| !r["last_rating"].is_null()).collect(), of.collect());
        (shown.len(), all.len())
    };
    let (own_shown, own_all) = previous(&as_manager, true);
    assert!(own_shown > 0 && own_all > 0, "the manager's own people: {own_shown} of {own_all}");
    let (others_shown, others_all) = previous(&as_manager, false);
    assert!(others_all > 0);
    assert_eq!(others_shown, 0, "nobody else's previous rating reaches the manager");
    let (hr_shown, _) = previous(&as_hr, false);
    assert!(hr_shown > 0, "HR reads them all");
}

on_both_backends!(
    a_board_is_calibrated_and_finalised_into_delivery,
    hr_creates_sessions_and_nobody_sits_on_their_own_board,
    the_room_learns_only_what_it_may_know
);
