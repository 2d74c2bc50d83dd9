//! Promotions through the real router, on both backends: a packet from the manager's draft
//! through endorsements, the promotion calibration and the skip-level's decision to a new
//! level; who sees what on the way; self-evaluations.

use crate::common::{form, Backend, TestApp, ELENA, JORDAN, SAM, TOM};
use app::db::schema::{level_history, people, promotion_endorsements, promotion_packets};
use app::promotions::api::{
    AdvancePacket, AnswerEndorsement, OpenPacket, RequestEndorsements, SavePacket,
    SaveSelfEvaluation, SetPanel,
};
use diesel::prelude::*;
use leptos::server_fn::ServerFn;

/// (packet status, version) as stored.
fn packet_state(app: &TestApp, id: i64) -> (String, i32) {
    promotion_packets::table
        .find(id)
        .select((promotion_packets::status, promotion_packets::version))
        .first(&mut *app.test_db.conn())
        .unwrap()
}

async fn a_packet_goes_from_draft_to_a_new_level(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let (tom_id, elena_id) = (app.test_db.person_id(TOM), app.test_db.person_id(ELENA));
    // One of Elena's reports other than Tom, at L1-L4.
    let (subject, level): (i64, i32) = people::table
        .filter(people::manager_id.eq(elena_id))
        .filter(people::id.ne(tom_id))
        .filter(people::track.eq("ic"))
        .filter(people::level.lt(5))
        .order(people::id.asc())
        .select((people::id, people::level))
        .first(&mut *app.test_db.conn())
        .unwrap();
    let subject_email = app.test_db.email_of(subject);
    let (tom, elena, sam, hr) = (
        app.sign_in(TOM).await,
        app.sign_in(ELENA).await,
        app.sign_in(SAM).await,
        app.sign_in(JORDAN).await,
    );
    let subject_cookie = app.sign_in(&subject_email).await;

    // Only the direct manager opens a packet.
    let refused = app
        .post_form(OpenPacket::PATH, &form(&[("person_id", &subject.to_string())]), Some(&tom))
        .await;
    assert!(refused.body.contains("Forbidden"), "{}", refused.body);
    let opened = app
        .post_form(OpenPacket::PATH, &form(&[("person_id", &subject.to_string())]), Some(&elena))
        .await;
    assert!(
        opened.status.is_redirection() || opened.status.is_success(),
        "{} {}",
        opened.status,
        opened.body
    );
    let id: i64 = promotion_packets::table
        .filter(promotion_packets::person_id.eq(subject))
        .select(promotion_packets::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let again = app
        .post_form(OpenPacket::PATH, &form(&[("person_id", &subject.to_string())]), Some(&elena))
        .await;
    assert!(
        again.body.contains("already an open packet"),
        "one open packet per person: {}",
        again.body
    );
    let page = format!("/promotions/packets/{id}");

    // The manager builds the case; a stale form is a conflict, never a silent overwrite.
    let id_s = id.to_string();
    let case =
        "Leads the payments reconciliation work across two teams and runs the incident reviews.";
    let save = form(&[
        ("id", &id_s),
        ("version", "1"),
        ("evidence_summary", case),
        ("business_case", "The team needs a second person setting direction on the ledger."),
        ("performing_since", "2026-01-15"),
        ("evidence[0]", "Designed the reconciliation job."),
        ("evidence[1]", "Owns the ledger alerts."),
    ]);
    let saved = app.post_form(SavePacket::PATH, &save, Some(&elena)).await;
    assert!(saved.status.is_success(), "{} {}", saved.status, saved.body);
    assert!(app.post_form(SavePacket::PATH, &save, Some(&elena)).await.body.contains("Conflict"));
    let bad_date = app
        .post_form(
            SavePacket::PATH,
            &save.replace("2026-01-15", "soon").replace("version=1", "version=2"),
            Some(&elena),
        )
        .await;
    assert!(bad_date.body.contains("performing_since"), "a field-level error: {}", bad_date.body);
    assert_eq!(packet_state(&app, id).1, 2, "the refused save changed nothing");

    // The subject sees the status only; the manager sees everything, with the warnings.
    let as_subject = app.get(&page, Some(&subject_cookie)).await;
    assert!(as_subject.body.contains("Your promotion to") && !as_subject.body.contains(case));
    let as_manager = app.get(&page, Some(&elena)).await;
    assert!(
        as_manager.body.contains(case)
            && as_manager.body.contains("No peer endorsements have been requested")
    );

    // Endorsements: not from the subject or the manager; the endorser writes in Trellis.
    let teammates: Vec<i64> = people::table
        .filter(people::manager_id.eq(elena_id))
        .filter(people::id.ne(subject))
        .filter(people::status.eq("active"))
        .order(people::id.asc())
        .select(people::id)
        .limit(2)
        .load(&mut *app.test_db.conn())
        .unwrap();
    let self_endorse = app
        .post_form(
            RequestEndorsements::PATH,
            &form(&[("id", &id_s), ("emails", &subject_email)]),
            Some(&elena),
        )
        .await;
    assert!(self_endorse.body.contains("cannot endorse their own"), "{}", self_endorse.body);
    // A list is bounded before any address is looked up.
    let crowd = (0..13).map(|i| format!("someone{i}@lumen.example")).collect::<Vec<_>>().join(", ");
    let too_many = app
        .post_form(
            RequestEndorsements::PATH,
            &form(&[("id", &id_s), ("emails", &crowd)]),
            Some(&elena),
        )
        .await;
    assert_eq!(too_many.status, 400, "{}", too_many.body);
    assert!(too_many.body.contains("at most 12 work email addresses"), "{}", too_many.body);
    let emails = teammates.iter().map(|t| app.test_db.email_of(*t)).collect::<Vec<_>>().join(", ");
    assert!(app
        .post_form(
            RequestEndorsements::PATH,
            &form(&[("id", &id_s), ("emails", &emails)]),
            Some(&elena)
        )
        .await
        .status
        .is_success());
    for (n, endorser) in teammates.iter().enumerate() {
        let eid: i64 = promotion_endorsements::table
            .filter(
                promotion_endorsements::packet_id
                    .eq(id)
                    .and(promotion_endorsements::endorser_id.eq(endorser)),
            )
            .select(promotion_endorsements::id)
            .first(&mut *app.test_db.conn())
            .unwrap();
        let cookie = app.sign_in(&app.test_db.email_of(*endorser)).await;
        // Asked by email and on My work, with the two weeks the step has.
        let asked = format!("/promotions/endorsements/{eid}");
        assert!(app.has_update(&cookie, &asked, "Endorse ").await, "the endorser is told");
        assert!(app.has_todo_due(&cookie, &asked, "Write an endorsement for").await);
        let other = if n == 0 { &hr } else { &tom };
        let not_theirs = app.get(&format!("/promotions/endorsements/{eid}"), Some(other)).await;
        assert_eq!(not_theirs.status, 403, "only the person asked may answer");
        let eid_s = eid.to_string();
        let short = app
            .post_form(
                AnswerEndorsement::PATH,
                &form(&[("id", &eid_s), ("answer", "write"), ("body", "Great!")]),
                Some(&cookie),
            )
            .await;
        assert!(short.body.contains("\"body\""), "an endorsement needs an example: {}", short.body);
        let body = "During the ledger cut-over they coordinated three teams and wrote the rollback plan; we shipped with no data loss.";
        assert!(app
            .post_form(
                AnswerEndorsement::PATH,
                &form(&[("id", &eid_s), ("answer", "write"), ("body", body)]),
                Some(&cookie)
            )
            .await
            .status
            .is_success());
    }

    // Submit; the skip-level cannot decide before the calibration.
    let step = |version: i32, step: &str, notes: &str, effective: &str| {
        form(&[
            ("id", &id_s),
            ("version", &version.to_string()),
            ("step", step),
            ("notes", notes),
            ("effective_on", effective),
            ("confirm", "yes"),
        ])
    };
    assert!(app
        .post_form(AdvancePacket::PATH, &step(2, "submit", "", ""), Some(&elena))
        .await
        .status
        .is_success());
    assert_eq!(packet_state(&app, id).0, "submitted");
    let early = app
        .post_form(
            AdvancePacket::PATH,
            &step(3, "approve", "Looks good.", "2026-11-25"),
            Some(&sam),
        )
        .await;
    assert!(early.body.contains("waiting for its promotion calibration"), "{}", early.body);

    // HR names a panel of peers at the target level or above, who calibrate: My work asks.
    let packet_link = format!("/promotions/packets/{id}");
    assert!(app.has_todo_due(&hr, &packet_link, "Name the panel for").await, "HR is asked");
    let target_level = level + 1;
    let too_junior =
        app.post_form(SetPanel::PATH, &form(&[("id", &id_s), ("panel", TOM)]), Some(&hr)).await;
    if target_level > 2 {
        assert!(
            too_junior.body.contains("at or above") || too_junior.body.contains("or above"),
            "Tom (L2) is below the target: {}",
            too_junior.body
        );
    }
    let seniors: Vec<i64> = people::table
        .filter(people::track.eq("ic").and(people::level.ge(target_level)))
        .filter(people::status.eq("active"))
        .filter(people::id.ne(subject))
        .filter(people::manager_id.ne(elena_id))
        .order(people::id.asc())
        .select(people::id)
        .limit(2)
        .load(&mut *app.test_db.conn())
        .unwrap();
    let panel = seniors.iter().map(|s| app.test_db.email_of(*s)).collect::<Vec<_>>().join(",");
    assert!(app
        .post_form(SetPanel::PATH, &form(&[("id", &id_s), ("panel", &panel)]), Some(&hr))
        .await
        .status
        .is_success());
    assert!(!app.has_todo(&hr, &packet_link, "Name the panel for").await, "and no longer");
    for senior in &seniors {
        let member = app.sign_in(&app.test_db.email_of(*senior)).await;
        assert!(app.has_update(&member, &packet_link, "Promotion panel:").await, "told");
        assert!(app.has_todo_due(&member, &packet_link, "Promotion calibration:").await);
    }

    let no_notes =
        app.post_form(AdvancePacket::PATH, &step(3, "supported", "", ""), Some(&hr)).await;
    assert!(no_notes.body.contains("\"notes\""), "{}", no_notes.body);

    // Endorsements come first: with one of the two still unwritten, the calibration is
    // refused unless it says why it goes ahead, and the reason is kept on the packet.
    let endorsement: i64 = promotion_endorsements::table
        .filter(promotion_endorsements::packet_id.eq(id))
        .select(promotion_endorsements::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    diesel::update(promotion_endorsements::table.find(endorsement))
        .set(promotion_endorsements::status.eq("requested"))
        .execute(&mut *app.test_db.conn())
        .unwrap();
    let waiting = app
        .post_form(AdvancePacket::PATH, &step(3, "supported", "The evidence holds.", ""), Some(&hr))
        .await;
    assert_eq!(waiting.status, 400, "{}", waiting.body);
    assert!(waiting.body.contains("1 of 2 endorsements are not written yet"), "{}", waiting.body);
    assert_eq!(packet_state(&app, id).0, "submitted", "nothing changed");
    let mut escalated = vec![
        ("id", id_s.clone()),
        ("version", "3".to_string()),
        ("step", "supported".to_string()),
        ("notes", "The evidence holds.".to_string()),
        ("without_endorsements", "The endorser is on leave until March.".to_string()),
    ];
    escalated.push(("confirm", "yes".to_string()));
    let pairs: Vec<(&str, &str)> = escalated.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let went_ahead = app.post_form(AdvancePacket::PATH, &form(&pairs), Some(&hr)).await;
    assert!(went_ahead.status.is_success(), "{}", went_ahead.body);
    let history = app.get(&packet_link, Some(&hr)).await.body;
    assert!(
        history.contains(
            "Went ahead without 1 of 2 endorsements: The endorser is on leave until March."
        ),
        "the override is on the record"
    );
    assert_eq!(packet_state(&app, id).0, "calibrated");
    // The decision waits on the skip-level's My work (a join from the calibrated packets to
    // the person's manager's manager), and on no one else's.
    let link = format!("href=\"/promotions/packets/{id}\"");
    let waiting_on = |body: &str| body.contains(&link) && body.contains("Decide on");
    assert!(waiting_on(&app.get("/", Some(&sam)).await.body), "Sam decides");
    assert!(app.has_todo_due(&sam, &packet_link, "Decide on").await, "by a date");
    for other in [&elena, &hr, &tom] {
        assert!(!app.get("/", Some(other)).await.body.contains(&link));
    }

    // Only the skip-level decides; the approval moves the person's level at once.
    let not_skip = app
        .post_form(AdvancePacket::PATH, &step(4, "approve", "Yes.", "2026-11-25"), Some(&elena))
        .await;
    assert!(not_skip.body.contains("Forbidden"), "{}", not_skip.body);
    let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
    // A decision is final: unconfirmed, a field error and the packet waits.
    let unconfirmed = form(&[
        ("id", &id_s),
        ("version", "4"),
        ("step", "approve"),
        ("notes", "Yes."),
        ("effective_on", &today),
    ]);
    let refused = app.post_form(AdvancePacket::PATH, &unconfirmed, Some(&sam)).await;
    assert!(refused.status == 400 && refused.body.contains("\"confirm\""), "{}", refused.body);
    assert_ne!(packet_state(&app, id).0, "approved");
    let approved = app
        .post_form(
            AdvancePacket::PATH,
            &step(4, "approve", "The evidence covers every criterion.", &today),
            Some(&sam),
        )
        .await;
    assert!(approved.status.is_success(), "{}", approved.body);
    assert_eq!(packet_state(&app, id).0, "approved");
    let told =
        app.test_db.mail_like(&format!("promotion-outcome:{id}"), "%was approved, effective%");
    assert_eq!(told, 1, "the person is told, by message");
    assert!(app.has_update(&subject_cookie, &packet_link, "Your promotion: the outcome").await);
    assert!(app.has_update(&elena, &packet_link, "The outcome of").await, "and the proposer");
    assert!(!app.has_update(&tom, &packet_link, "outcome").await, "and nobody else");
    let new_level = app.test_db.level_of(subject);
    assert_eq!(new_level, target_level);
    let promotions: i64 = level_history::table
        .filter(
            level_history::person_id
                .eq(subject)
                .and(level_history::reason.eq("promotion"))
                .and(level_history::packet_id.eq(id)),
        )
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(promotions, 1, "the level history records the promotion");
    let steps = app.test_db.audit().action("promotion_packet_step").target_id(id).count();
    assert_eq!(steps, 3, "submit, calibration and decision are audited");

    // Now decided, the subject reads the outcome and its reason.
    let outcome = app.get(&page, Some(&subject_cookie)).await;
    assert!(
        outcome.body.contains("Approved by Sam Whitfield")
            && outcome.body.contains("The evidence covers every criterion.")
    );
}

async fn the_retention_warning_is_only_for_those_who_may_know(backend: Backend) {
    let app = TestApp::demo(backend).await;
    // The demo's packet in calibration is about someone flagged as a flight risk.
    let (id, subject): (i64, i64) = promotion_packets::table
        .filter(promotion_packets::status.eq("submitted"))
        .select((promotion_packets::id, promotion_packets::person_id))
        .first(&mut *app.test_db.conn())
        .unwrap();
    let page = format!("/promotions/packets/{id}");
    let hr = app.sign_in(JORDAN).await;
    assert!(app.get(&page, Some(&hr)).await.body.contains("flagged as a flight risk"));
    let reads = app.test_db.audit().target_type("flight_risk").target_id(subject).count();
    assert_eq!(reads, 1, "reading a flight-risk flag is audited");

    let panelist: i64 = app::db::schema::promotion_panel::table
        .filter(app::db::schema::promotion_panel::packet_id.eq(id))
        .select(app::db::schema::promotion_panel::person_id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let panel = app.sign_in(&app.test_db.email_of(panelist)).await;
    let as_panel = app.get(&page, Some(&panel)).await;
    assert_eq!(as_panel.status, 200, "the panel reads the packet");
    assert!(!as_panel.body.contains("flight risk"), "but not the flag");
    let subject_cookie = app.sign_in(&app.test_db.email_of(subject)).await;
    assert!(
        !app.get(&page, Some(&subject_cookie)).await.body.contains("flight risk"),
        "never the employee"
    );
    let tom = app.sign_in(TOM).await;
    assert_eq!(app.get(&page, Some(&tom)).await.status, 403, "a colleague may not read it");
}

async fn a_self_evaluation_is_private_until_shared(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom = app.sign_in(TOM).await;
    let mine = app.get("/promotions/self-evaluation", Some(&tom)).await;
    assert!(mine.body.contains("Your self-evaluation against L3 Senior"));
    assert!(mine.body.contains("Great start."), "Elena's demo comment is there");
    // Two tabs: the second save with the old version is a conflict.
    let version: i32 = app::db::schema::self_evaluations::table
        .select(app::db::schema::self_evaluations::version)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let v = version.to_string();
    // One row per criterion: a request with more rows than any level has is refused whole.
    let mut rows: Vec<(String, String)> = vec![("version".into(), v.clone())];
    rows.extend((0..101).map(|i| (format!("evidence[{i}]"), "x".to_string())));
    let pairs: Vec<(&str, &str)> = rows.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let flood = app.post_form(SaveSelfEvaluation::PATH, &form(&pairs), Some(&tom)).await;
    assert_eq!(flood.status, 400, "{}", flood.body);
    assert!(flood.body.contains("at most 100 criteria"), "{}", flood.body);
    let body = form(&[
        ("version", &v),
        ("evidence[0]", "Wrote the refunds design."),
        ("links[0]", ""),
        ("share", "false"),
    ]);
    assert!(app.post_form(SaveSelfEvaluation::PATH, &body, Some(&tom)).await.status.is_success());
    assert!(app
        .post_form(SaveSelfEvaluation::PATH, &body, Some(&tom))
        .await
        .body
        .contains("Conflict"));
    let id: i64 = app::db::schema::self_evaluations::table
        .select(app::db::schema::self_evaluations::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let elena = app.sign_in(ELENA).await;
    assert!(app
        .get(&format!("/promotions/self-evaluations/{id}"), Some(&elena))
        .await
        .body
        .contains("Wrote the refunds design."));
    let jordan = app.sign_in(JORDAN).await;
    assert_eq!(
        app.get(&format!("/promotions/self-evaluations/{id}"), Some(&jordan)).await.status,
        403,
        "not HR: it is between the person and their managers"
    );
}

on_both_backends!(
    a_packet_goes_from_draft_to_a_new_level,
    the_retention_warning_is_only_for_those_who_may_know,
    a_self_evaluation_is_private_until_shared,
);
