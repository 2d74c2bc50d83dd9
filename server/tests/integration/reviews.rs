//! Review cycles through the real router, on both backends: HR launches a cycle; the
//! employee writes a self-assessment and proposes peers; the manager approves them; peers
//! answer or decline; the manager assesses (with the "no surprises" check), HR finalises, the
//! manager delivers and the employee acknowledges. Every visibility rule on the way, stale
//! drafts, reminders and the SMTP sender.

use crate::common::{form, ok, Backend, TestApp, ELENA, JORDAN, SAM, TODAY, TOM};
use app::db::schema::{outbox, peer_feedback, people, review_cycles, reviews, self_assessments};
use app::kernel::PersonId;
use app::reviews::api::{
    AcknowledgeReview, AdvanceCycle, AllowException, ChoosePeers, ClosePeerFeedback, CreateCycle,
    DeliverReview, FinaliseRating, GetAssessment, SaveManagerAssessment, SavePeerFeedback,
    SaveSelfAssessment, SubmitManagerAssessment, SubmitSelfAssessment,
};
use diesel::prelude::*;
use leptos::server_fn::ServerFn;

fn cycle_form<'a>(name: &'a str, scope_email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("period_start", "2026-07-01"),
        ("period_end", "2026-12-31"),
        ("scope", "team"),
        ("team_manager_email", scope_email),
        ("hired_before", "2026-12-01"),
        ("self_due", "2026-12-04"),
        ("peer_due", "2026-12-09"),
        ("manager_due", "2026-12-16"),
        ("calibration_due", "2027-01-08"),
        ("delivery_due", "2027-01-15"),
        ("anonymous_peers", "on"),
    ]
}

const ANSWERS: [(&str, &str); 5] = [
    ("accomplishments", "Shipped the payment retries; recovered payments went from 40% to 71%."),
    ("shortfalls", "The refunds dashboard slipped; I now split work into two-day pieces."),
    ("feedback_acted_on", "Wrote shorter design docs after feedback."),
    ("next_focus", "Lead a cross-team project."),
    ("support_needed", "Time with a staff engineer."),
];

async fn a_cycle_runs_from_launch_to_acknowledgement(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let (tom_id, elena_id) = (app.test_db.person_id(TOM), app.test_db.person_id(ELENA));
    let (tom, elena, sam, hr) = (
        app.sign_in(TOM).await,
        app.sign_in(ELENA).await,
        app.sign_in(SAM).await,
        app.sign_in(JORDAN).await,
    );
    let cycles_before = app.test_db.rows("review_cycles");

    // Only HR creates cycles; bad input is refused field by field and creates nothing.
    let good = cycle_form("Payments mid-year", ELENA);
    assert!(app
        .post_form(CreateCycle::PATH, &form(&good), Some(&elena))
        .await
        .body
        .contains("Forbidden"));
    let mut bad = good.clone();
    bad[0] = ("name", " ");
    bad[10] = ("delivery_due", "2027-03-01");
    let refused = app.post_form(CreateCycle::PATH, &form(&bad), Some(&hr)).await;
    assert!(
        refused.body.contains("\"name\"") && refused.body.contains("\"delivery_due\""),
        "{}",
        refused.body
    );
    let mut unknown = good.clone();
    unknown[4] = ("team_manager_email", "nobody@lumen.example");
    assert!(app
        .post_form(CreateCycle::PATH, &form(&unknown), Some(&hr))
        .await
        .body
        .contains("team_manager_email"));
    // A date far outside any calendar Trellis can count in is a field error, not a panic.
    let mut extreme = good.clone();
    extreme[6] = ("self_due", "+262142-12-31");
    let far = app.post_form(CreateCycle::PATH, &form(&extreme), Some(&hr)).await;
    assert!(far.status == 400 && far.body.contains("\"self_due\""), "{} {}", far.status, far.body);
    assert_eq!(app.test_db.rows("review_cycles"), cycles_before);
    ok(&app.post_form(CreateCycle::PATH, &form(&good), Some(&hr)).await, "create");
    let cycle = app.test_db.newest_cycle();
    let cycle_s = cycle.to_string();
    let reviews_before = app.test_db.rows("reviews");

    // Launching creates a review for each of Elena's people and tells them; a second launch
    // from the same (now stale) page changes nothing.
    // Launching cannot be undone: without the box that says so ticked, nothing happens.
    let unconfirmed = form(&[("id", &cycle_s), ("version", "1")]);
    let refused = app.post_form(AdvanceCycle::PATH, &unconfirmed, Some(&hr)).await;
    assert!(refused.status == 400 && refused.body.contains("\"confirm\""), "{}", refused.body);
    assert_eq!(app.test_db.rows("reviews"), reviews_before);
    // Elena's people are in the demo's running H2 cycle for the same months: launching is
    // refused, naming it, until HR says why both should run; the reason stays on the cycle.
    let alongside = form(&[("id", &cycle_s), ("version", "1"), ("confirm", "yes")]);
    let refused = app.post_form(AdvanceCycle::PATH, &alongside, Some(&hr)).await;
    assert!(
        refused.status == 400
            && refused.body.contains("\"overlap_reason\"")
            && refused.body.contains("H2 2026 review (1 Jul 2026 to 31 Dec 2026"),
        "{} {}",
        refused.status,
        refused.body
    );
    assert_eq!(app.test_db.rows("reviews"), reviews_before);
    let reason = "Payments pilots the new form before the company cycle.";
    let launch =
        form(&[("id", &cycle_s), ("version", "1"), ("confirm", "yes"), ("overlap_reason", reason)]);
    ok(&app.post_form(AdvanceCycle::PATH, &launch, Some(&hr)).await, "launch");
    let page = app.get(&format!("/reviews/cycles/{cycle}"), Some(&hr)).await.body;
    assert!(page.contains("Launched alongside H2 2026 review") && page.contains(reason));
    let audited: Vec<String> = app::db::schema::audit_log::table
        .filter(app::db::schema::audit_log::action.eq("advance_review_cycle"))
        .select(app::db::schema::audit_log::detail)
        .load(&mut *app.test_db.conn())
        .unwrap();
    assert!(audited.iter().any(|d| d.contains(reason)), "{audited:?}");
    assert!(app.post_form(AdvanceCycle::PATH, &launch, Some(&hr)).await.body.contains("Conflict"));
    let team: Vec<PersonId> = people::table
        .filter(people::manager_id.eq(elena_id))
        .filter(people::status.eq("active"))
        .select(people::id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    let reviewed: Vec<PersonId> = reviews::table
        .filter(reviews::cycle_id.eq(cycle))
        .select(reviews::person_id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    assert!(
        team.iter().all(|p| reviewed.contains(p)),
        "everyone in Elena's organisation takes part"
    );
    assert!(!reviewed.contains(&elena_id), "not Elena herself: her manager is outside the scope");
    let participants: i32 = review_cycles::table
        .find(cycle)
        .select(review_cycles::participants)
        .first(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(participants as usize, reviewed.len(), "the launch records how many take part");
    assert!(app
        .get(&format!("/reviews/cycles/{cycle}"), Some(&hr))
        .await
        .body
        .contains(&format!("{} people", reviewed.len())));
    let told: i64 = outbox::table
        .filter(outbox::dedupe_key.eq(format!("launch:{cycle}:{tom_id}")))
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(told, 1, "Tom is told his self-assessment is due");
    let review = app.test_db.review_of(cycle, tom_id);
    let (review_s, page) = (review.to_string(), format!("/reviews/{review}"));
    let (self_link, peers_link, assessment_link) = (
        format!("/reviews/{review}/self"),
        format!("/reviews/{review}#peers"),
        format!("/reviews/{review}/assessment"),
    );
    assert!(
        app.has_todo_due(&tom, &self_link, "Write your self-assessment (Payments mid-year)").await,
        "My work tells Tom what is due"
    );
    assert!(
        app.has_todo_due(
            &tom,
            &peers_link,
            "Propose two or three peers for feedback (Payments mid-year)"
        )
        .await
    );
    assert!(app.has_todo_due(&elena, &assessment_link, "Write Tom Becker").await, "and Elena");
    assert!(
        !app.has_todo(&elena, &peers_link, "Approve Tom Becker").await,
        "no peers to approve before Tom proposes them"
    );

    // The self-assessment: saved as a draft, a stale save is a conflict that changes nothing,
    // the manager cannot read it before it is submitted, and submitting needs every answer.
    let draft = |version: &str, first: &str| {
        let mut pairs = vec![("review_id", review_s.as_str()), ("version", version)];
        pairs.extend(
            ANSWERS.iter().map(|(k, v)| (*k, if *k == "accomplishments" { first } else { *v })),
        );
        form(&pairs)
    };
    ok(
        &app.post_form(
            SaveSelfAssessment::PATH,
            &draft("1", "First draft from my laptop."),
            Some(&tom),
        )
        .await,
        "save",
    );
    let stale = app
        .post_form(SaveSelfAssessment::PATH, &draft("1", "An older tab's text."), Some(&tom))
        .await;
    assert!(stale.body.contains("Conflict"), "{}", stale.body);
    let kept: String = self_assessments::table
        .find(review)
        .select(self_assessments::accomplishments)
        .first(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(kept, "First draft from my laptop.", "the newer draft survives the stale tab");
    assert!(
        app.post_form(SaveSelfAssessment::PATH, &draft("2", "x"), Some(&elena))
            .await
            .body
            .contains("Forbidden"),
        "nobody else writes it"
    );
    assert!(
        !app.get(&page, Some(&elena)).await.body.contains("First draft from my laptop."),
        "the manager does not see a draft"
    );
    let mut partial = vec![("review_id", review_s.as_str()), ("version", "2")];
    partial.extend(ANSWERS.iter().take(2).copied());
    partial.extend([("feedback_acted_on", ""), ("next_focus", ""), ("support_needed", "")]);
    ok(&app.post_form(SaveSelfAssessment::PATH, &form(&partial), Some(&tom)).await, "partial save");
    let incomplete = app
        .post_form(
            SubmitSelfAssessment::PATH,
            &form(&[("review_id", &review_s), ("version", "3")]),
            Some(&tom),
        )
        .await;
    assert!(
        incomplete.body.contains("\"next_focus\"")
            && incomplete.body.contains("\"support_needed\""),
        "{}",
        incomplete.body
    );
    ok(
        &app.post_form(SaveSelfAssessment::PATH, &draft("3", ANSWERS[0].1), Some(&tom)).await,
        "complete save",
    );
    ok(
        &app.post_form(
            SubmitSelfAssessment::PATH,
            &form(&[("review_id", &review_s), ("version", "4")]),
            Some(&tom),
        )
        .await,
        "submit",
    );
    assert!(
        app.get(&page, Some(&elena)).await.body.contains(ANSWERS[0].1),
        "submitted: the manager reads it"
    );
    assert!(app.get(&page, Some(&sam)).await.body.contains(ANSWERS[0].1), "and the skip-level");
    assert!(app
        .post_form(SaveSelfAssessment::PATH, &draft("5", "Changed after submitting"), Some(&tom))
        .await
        .body
        .contains("Forbidden"));

    // Peers: two or three, proposed by Tom, approved (or adjusted) by Elena, asked by email.
    let mates: Vec<PersonId> = team.iter().copied().filter(|p| *p != tom_id).take(3).collect();
    assert_eq!(mates.len(), 3, "the demo team has at least four people");
    let pick = |ids: &[PersonId]| {
        let mut pairs: Vec<(String, String)> = vec![("review_id".into(), review_s.clone())];
        pairs.extend(ids.iter().map(|id| (format!("peer[{id}]"), "on".to_string())));
        url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
    };
    assert!(
        app.post_form(ChoosePeers::PATH, &pick(&mates[..1]), Some(&tom))
            .await
            .body
            .contains("\"peers\""),
        "one peer is too few"
    );
    assert!(
        app.post_form(ChoosePeers::PATH, &pick(&[mates[0], elena_id]), Some(&tom))
            .await
            .body
            .contains("\"peers\""),
        "not the manager"
    );
    let (departed, _) = app.test_db.a_departed_person();
    for stranger in [PersonId(999_999), PersonId(departed)] {
        let res = app.post_form(ChoosePeers::PATH, &pick(&[mates[0], stranger]), Some(&tom)).await;
        assert_eq!(res.status, 400, "{stranger}: {}", res.body);
        assert!(
            res.body.contains("\"peers\""),
            "a field error, not a database fault: {}",
            res.body
        );
    }
    assert!(
        app.post_form(ChoosePeers::PATH, &pick(&mates), Some(&sam))
            .await
            .body
            .contains("Forbidden"),
        "the skip-level does not choose"
    );
    ok(&app.post_form(ChoosePeers::PATH, &pick(&mates[..2]), Some(&tom)).await, "nominate");
    assert!(
        app.has_todo_due(&elena, &peers_link, "Approve Tom Becker").await,
        "proposed peers wait for Elena"
    );
    ok(
        &app.post_form(ChoosePeers::PATH, &pick(&mates), Some(&elena)).await,
        "approve with one more",
    );
    assert!(
        !app.has_todo(&elena, &peers_link, "Approve Tom Becker").await,
        "approved: off her list"
    );
    assert!(
        app.post_form(ChoosePeers::PATH, &pick(&mates), Some(&tom)).await.body.contains("Conflict"),
        "the list is settled once approved"
    );
    let requests: Vec<(i64, i64, String)> = peer_feedback::table
        .filter(peer_feedback::review_id.eq(review))
        .order(peer_feedback::peer_id.asc())
        .select((peer_feedback::id, peer_feedback::peer_id, peer_feedback::status))
        .load(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.2 == "requested"));
    let asked = app.test_db.mail_like("peer-request:%", "%Tom Becker%");
    assert_eq!(asked, 3, "each peer gets one message");

    // Peers answer; the page is the peer's own; declining needs a reason.
    let peer_text = [
        "Explains the payment flows patiently to everyone.",
        "Owns incidents end to end and writes them up.",
    ];
    for (n, (id, peer, _)) in requests.iter().enumerate() {
        let email = app.test_db.email_of(*peer);
        let cookie = app.sign_in(&email).await;
        let request_page = format!("/reviews/feedback/{id}");
        assert!(app.has_todo_due(&cookie, &request_page, "Peer feedback for Tom Becker").await);
        assert_eq!(app.get(&request_page, Some(&cookie)).await.status, 200);
        assert_eq!(
            app.get(&request_page, Some(&tom)).await.status,
            403,
            "the subject never opens a peer's request"
        );
        let id_s = id.to_string();
        if n < 2 {
            let answers = form(&[
                ("id", &id_s),
                ("version", "1"),
                ("keep_doing", peer_text[n]),
                ("do_differently", "Share designs earlier."),
                ("values_shown", "Candour."),
            ]);
            ok(&app.post_form(SavePeerFeedback::PATH, &answers, Some(&cookie)).await, "peer save");
            ok(
                &app.post_form(
                    ClosePeerFeedback::PATH,
                    &form(&[("id", &id_s), ("version", "2")]),
                    Some(&cookie),
                )
                .await,
                "peer submit",
            );
        } else {
            let no_reason = app
                .post_form(
                    ClosePeerFeedback::PATH,
                    &form(&[("id", &id_s), ("version", "1"), ("decline", "yes"), ("reason", "")]),
                    Some(&cookie),
                )
                .await;
            assert!(no_reason.body.contains("\"reason\""), "{}", no_reason.body);
            let reason = "We did not work together this half.";
            ok(
                &app.post_form(
                    ClosePeerFeedback::PATH,
                    &form(&[
                        ("id", &id_s),
                        ("version", "1"),
                        ("decline", "yes"),
                        ("reason", reason),
                    ]),
                    Some(&cookie),
                )
                .await,
                "decline",
            );
        }
    }
    let as_manager = app.get(&page, Some(&elena)).await.body;
    assert!(
        as_manager.contains(peer_text[0]) && as_manager.contains("We did not work together"),
        "the manager reads answers and the reason"
    );
    let as_subject = app.get(&page, Some(&tom)).await.body;
    assert!(
        !as_subject.contains(peer_text[0]) && !as_subject.contains("We did not work together"),
        "the subject sees nothing before delivery"
    );
    // Nor who has answered or declined: everyone asked is still listed, the same way.
    let names: Vec<String> = requests
        .iter()
        .map(|(_, peer, _)| {
            people::table.find(peer).select(people::name).first(&mut *app.test_db.conn()).unwrap()
        })
        .collect();
    for name in &names {
        assert!(as_subject.contains(name.as_str()), "{name} is still on Tom's list");
    }
    assert!(
        !as_subject.contains(">Answered<") && !as_subject.contains(">Declined<"),
        "{as_subject}"
    );
    // A declined request is not feedback: its page is its author's alone.
    let declined_page = format!("/reviews/feedback/{}", requests[2].0);
    assert_eq!(app.get(&declined_page, Some(&elena)).await.status, 403);
    // Above the skip-level, the review is readable but its peers are not listed.
    let amara = app.sign_in("amara.okafor@lumen.example").await;
    let as_top = app.get(&page, Some(&amara)).await;
    assert_eq!(as_top.status, 200, "the top of Tom's chain reads his review");
    assert!(
        !as_top.body.contains("We did not work together")
            && !as_top.body.contains(names[0].as_str()),
        "the peers are the manager's, the skip-level's and HR's to follow"
    );

    // The manager assessment: the subject cannot open it; a concern rating and a development
    // point not traced to an earlier record are flagged, and block submitting until the
    // manager traces them or says when they were raised in conversation.
    let assessment_page = format!("/reviews/{review}/assessment");
    assert_eq!(app.get(&assessment_page, Some(&tom)).await.status, 403);
    let assessment = |version: &str, raised: &str| {
        form(&[
            ("review_id", &review_s),
            ("version", version),
            ("goals", "Delivered payment retries (September) and the ledger alerts (August)."),
            ("values_shown", "Candid incident reviews."),
            ("strengths", "Clear explanations."),
            ("development", "Document architecture choices for newcomers."),
            ("rating", "developing"),
            ("cite[self:1]", "on"),
            ("raised_before", raised),
        ])
    };
    let saved =
        app.post_form(SaveManagerAssessment::PATH, &assessment("1", ""), Some(&elena)).await;
    let point_flag = "Document architecture choices for newcomers.\\\" raised before?";
    let rating_flag = "Where was the Developing rating raised with Tom before?";
    assert!(saved.body.contains(point_flag) && saved.body.contains(rating_flag), "{}", saved.body);
    let blocked = app
        .post_form(
            SubmitManagerAssessment::PATH,
            &form(&[("review_id", &review_s), ("version", "2")]),
            Some(&elena),
        )
        .await;
    assert!(blocked.body.contains("\"raised_before\""), "{}", blocked.body);
    ok(
        &app.post_form(
            SaveManagerAssessment::PATH,
            &assessment("2", "In our 1:1 on 3 September."),
            Some(&elena),
        )
        .await,
        "save with answer",
    );
    // The evidence panel's "cite" boxes sit beside the form and belong to it, so a browser
    // without JavaScript sends them with "Save the draft".
    // Tracing them to an earlier record clears the flags; a key the manager was not offered
    // (another person's review, made up) is not kept and clears nothing.
    let comment: i64 = app::db::schema::self_evaluation_comments::table
        .inner_join(app::db::schema::self_evaluations::table)
        .filter(app::db::schema::self_evaluations::person_id.eq(tom_id))
        .select(app::db::schema::self_evaluation_comments::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let traced = |version: &str, key: &str| {
        let mut fields = assessment(version, "In our 1:1 on 3 September.");
        let pair = |k: &str, v: &str| {
            url::form_urlencoded::Serializer::new(String::new()).append_pair(k, v).finish()
        };
        fields.push('&');
        fields.push_str(&pair("trace[0]", key));
        fields.push('&');
        fields.push_str(&pair("trace_rating", key));
        fields
    };
    let forged = app
        .post_form(SaveManagerAssessment::PATH, &traced("3", "review:999999"), Some(&elena))
        .await;
    assert!(
        forged.body.contains(point_flag) && forged.body.contains(rating_flag),
        "{}",
        forged.body
    );
    let genuine = app
        .post_form(
            SaveManagerAssessment::PATH,
            &traced("4", &format!("comment:{comment}")),
            Some(&elena),
        )
        .await;
    assert!(
        !genuine.body.contains("raised before?") && !genuine.body.contains(rating_flag),
        "{}",
        genuine.body
    );
    let page_html = app.get(&assessment_page, Some(&elena)).await.body;
    assert!(
        page_html.contains(&format!("<option value=\"comment:{comment}\" selected")),
        "the choice is shown again: {page_html}"
    );
    let cite_box = format!("name=\"cite[self:{review}]\" form=\"assessment-form\"");
    assert!(page_html.contains(&cite_box), "{page_html}");
    assert!(page_html.contains("id=\"assessment-form\""), "{page_html}");
    assert!(
        app.post_form(SaveManagerAssessment::PATH, &assessment("3", "x"), Some(&sam))
            .await
            .body
            .contains("Forbidden"),
        "only the manager writes it"
    );
    ok(
        &app.post_form(
            SubmitManagerAssessment::PATH,
            &form(&[("review_id", &review_s), ("version", "5")]),
            Some(&elena),
        )
        .await,
        "submit assessment",
    );
    assert!(
        !app.has_todo(&elena, &assessment_link, "Write Tom Becker").await,
        "submitted: off her list"
    );
    assert!(
        app.get(&page, Some(&sam))
            .await
            .body
            .contains("Document architecture choices for newcomers."),
        "the skip-level reads it"
    );
    let skip_level = app.get(&page, Some(&sam)).await.body;
    assert!(
        skip_level.contains("Raised before") && skip_level.contains(" on a ladder self-evaluation"),
        "with where each concern was raised: {skip_level}"
    );
    assert!(
        !app.get(&page, Some(&tom))
            .await
            .body
            .contains("Document architecture choices for newcomers."),
        "the subject only after delivery"
    );
    let read_logged = app
        .test_db
        .audit()
        .action("read")
        .target_id(review)
        .actor(app.test_db.person_id(SAM))
        .count();
    assert!(read_logged > 0, "reading an assessment is audited");

    // Nothing is delivered before a final rating; calibration locks the assessment.
    assert!(app
        .post_form(DeliverReview::PATH, &form(&[("review_id", &review_s)]), Some(&elena))
        .await
        .body
        .contains("Conflict"));
    assert!(app
        .post_form(AcknowledgeReview::PATH, &form(&[("review_id", &review_s)]), Some(&tom))
        .await
        .body
        .contains("Conflict"));
    let waiting = app.test_db.awaiting_final_follows_the_rule();
    ok(
        &app.post_form(
            AdvanceCycle::PATH,
            &form(&[("id", &cycle_s), ("version", "2"), ("confirm", "yes")]),
            Some(&hr),
        )
        .await,
        "start calibration",
    );
    // The submitted assessment waits for HR's final rating, on the cycle page too.
    let cycle_page = app.get(&format!("/reviews/cycles/{cycle}"), Some(&hr)).await.body;
    assert!(cycle_page.contains("Final ratings") && cycle_page.contains("Tom Becker (preliminary"));
    // HR's My work asks for it, by the calibration deadline.
    let final_ratings = format!("/reviews/cycles/{cycle}#final-ratings");
    assert!(app.has_todo_due(&hr, &final_ratings, "no calibration board covers").await);
    assert!(!app.has_todo(&elena, &final_ratings, "no calibration board covers").await);
    assert!(
        app.post_form(SaveManagerAssessment::PATH, &assessment("4", "x"), Some(&elena))
            .await
            .body
            .contains("Forbidden"),
        "locked in calibration"
    );
    assert!(
        app.post_form(
            FinaliseRating::PATH,
            &form(&[("review_id", &review_s), ("rating", "meets")]),
            Some(&elena)
        )
        .await
        .body
        .contains("Forbidden"),
        "HR finalises"
    );
    assert!(
        !app.get(&page, Some(&tom)).await.body.contains("Meets Expectations"),
        "no rating before delivery"
    );
    ok(
        &app.post_form(
            FinaliseRating::PATH,
            &form(&[("review_id", &review_s), ("rating", "meets")]),
            Some(&hr),
        )
        .await,
        "finalise",
    );
    assert_eq!(app.test_db.awaiting_final_follows_the_rule(), waiting - 1, "finalised by HR");
    assert!(
        !app.get(&page, Some(&tom)).await.body.contains("Solid, reliable performance"),
        "finalised is not delivered"
    );
    assert!(
        app.post_form(DeliverReview::PATH, &form(&[("review_id", &review_s)]), Some(&sam))
            .await
            .body
            .contains("Forbidden"),
        "the manager delivers"
    );
    assert!(
        app.has_todo_due(&elena, &page, "Deliver Tom Becker").await,
        "finalised reviews wait for delivery"
    );
    assert!(app.has_update(&elena, &page, "rating is final: deliver the review").await, "told");
    ok(
        &app.post_form(DeliverReview::PATH, &form(&[("review_id", &review_s)]), Some(&elena)).await,
        "deliver",
    );
    assert!(!app.has_todo(&elena, &page, "Deliver Tom Becker").await);
    assert_eq!(app.test_db.awaiting_final_follows_the_rule(), waiting - 1);
    assert!(
        app.has_todo_due(&tom, &page, "Read and acknowledge your Payments mid-year review").await
    );

    // Delivered: Tom sees the rating and the assessment; only two peers answered in an
    // anonymous cycle, so their answers stay hidden.
    let delivered = app.get(&page, Some(&tom)).await.body;
    assert!(
        delivered.contains("Meets Expectations")
            && delivered.contains("Document architecture choices for newcomers."),
        "rating and assessment"
    );
    assert!(
        !delivered.contains(peer_text[0]) && delivered.contains("Fewer than 3 peers answered"),
        "under the anonymity threshold"
    );
    assert!(
        !delivered.contains("In our 1:1 on 3 September.")
            && !delivered.contains("Raised before")
            && !delivered.contains(" on a ladder self-evaluation"),
        "the manager's notes to the checks are not part of the review"
    );
    let comment = "I disagree with the development area: I lead the architecture guild.";
    ok(
        &app.post_form(
            AcknowledgeReview::PATH,
            &form(&[("review_id", &review_s), ("comment", comment)]),
            Some(&tom),
        )
        .await,
        "acknowledge",
    );
    assert!(!app.has_todo(&tom, &page, "Read and acknowledge").await);
    assert!(
        app.has_update(
            &elena,
            &page,
            "acknowledged their Payments mid-year review, with a comment"
        )
        .await,
        "the manager hears of it, and of the comment"
    );
    assert!(app
        .post_form(AcknowledgeReview::PATH, &form(&[("review_id", &review_s)]), Some(&elena))
        .await
        .body
        .contains("Forbidden"));
    assert!(
        app.get(&page, Some(&elena)).await.body.contains(comment),
        "the comment stays attached"
    );
    let mate_email = app.test_db.email_of(mates[0]);
    let mate = app.sign_in(&mate_email).await;
    assert_eq!(app.get(&page, Some(&mate)).await.status, 403, "a teammate never reads the review");
}

/// The demo's finished cycle is anonymous with three answers each: the subject reads them
/// without names; the manager with names.
async fn anonymous_peer_feedback_reaches_the_subject_without_names(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom_id = app.test_db.person_id(TOM);
    let closed = app.test_db.cycle_with_status("closed");
    let review = app.test_db.review_of(closed, tom_id);
    let peers: Vec<(i64, String)> = peer_feedback::table
        .inner_join(people::table.on(people::id.eq(peer_feedback::peer_id)))
        .filter(peer_feedback::review_id.eq(review))
        .select((people::id, people::name))
        .load(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(peers.len(), 3);
    let page = format!("/reviews/{review}");
    let tom = app.sign_in(TOM).await;
    let mine = app.get(&page, Some(&tom)).await.body;
    assert!(
        mine.contains("Peer 1") && mine.contains("What does this person do well"),
        "answers shown"
    );
    let ids: Vec<i64> = peer_feedback::table
        .filter(peer_feedback::review_id.eq(review))
        .select(peer_feedback::id)
        .load(&mut *app.test_db.conn())
        .unwrap();
    for (_, name) in &peers {
        assert!(!mine.contains(name.as_str()), "{name} stays anonymous");
    }
    for id in ids {
        assert!(
            !mine.contains(&format!("\"id\":{id},")),
            "no feedback id (they follow the order peers were proposed)"
        );
    }
    let elena = app.sign_in(ELENA).await;
    let managers = app.get(&page, Some(&elena)).await.body;
    assert!(
        peers.iter().all(|(_, name)| managers.contains(name.as_str())),
        "the manager sees who wrote what"
    );
}

/// Completion and the outbox: HR for everyone, a manager for their own organisation and
/// anyone's below them, an employee not at all. The page divides an organisation by the
/// direct reports at its top and links down the tree.
async fn completion_and_outbox_pages_follow_the_roles(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let open = app.test_db.cycle_with_status("open");
    let page = format!("/reviews/cycles/{open}");
    let (tom, elena, sam, hr) = (
        app.sign_in(TOM).await,
        app.sign_in(ELENA).await,
        app.sign_in(SAM).await,
        app.sign_in(JORDAN).await,
    );
    let (elena_id, sam_id) = (app.test_db.person_id(ELENA), app.test_db.person_id(SAM));
    let sams_manager = app.test_db.manager_of(sam_id).expect("Sam has a manager");
    let as_hr = app.get(&page, Some(&hr)).await;
    ok(&as_hr, "HR's view of the whole cycle");
    assert!(as_hr.body.contains("Start calibration") && as_hr.body.contains("Self-assessments"));
    assert!(
        as_hr.body.contains(&format!("{page}?root={sams_manager}")),
        "HR's rows are the organisations at the top of the company, each a link down"
    );
    let down = app.get(&format!("{page}?root={sams_manager}"), Some(&hr)).await;
    ok(&down, "one level down");
    assert!(
        down.body.contains(&format!("{page}?root={sam_id}")) && down.body.contains("Sam Whitfield"),
        "Sam's organisation is a row of his manager's"
    );
    let as_elena = app.get(&page, Some(&elena)).await;
    ok(&as_elena, "a manager's own organisation");
    assert!(
        as_elena.body.contains("Tom Becker")
            && !as_elena.body.contains("Sam Whitfield")
            && !as_elena.body.contains("Start calibration"),
        "her own people, no controls"
    );
    // Sam follows Elena's organisation inside his; Elena may not look up or sideways.
    let sam_down = app.get(&format!("{page}?root={elena_id}"), Some(&sam)).await;
    ok(&sam_down, "a skip-level opens a manager's organisation");
    assert!(
        sam_down.body.contains("Tom Becker")
            && sam_down.body.contains("Elena Marsh's organisation")
    );
    assert!(
        !sam_down.body.contains(&format!("{page}?root={sam_id}")),
        "the way back up starts at Sam's own view, the cycle's page"
    );
    for root in [sam_id.0, sams_manager] {
        let refused = app.get(&format!("{page}?root={root}"), Some(&elena)).await;
        assert_eq!(refused.status, 404, "not her organisation: shown as not found");
    }
    assert!(
        app.test_db.audit().action("read_cycle_completion").refused().actor(elena_id).count() >= 2,
        "and audited"
    );
    assert_eq!(app.get(&page, Some(&tom)).await.status, 403);
    assert_eq!(app.get("/reviews/outbox", Some(&hr)).await.status, 200);
    assert!(app.get("/reviews/outbox", Some(&hr)).await.body.contains("Email is not configured"));
    assert_eq!(app.get("/reviews/outbox", Some(&elena)).await.status, 403);
    // My work lists the review to-dos with their deadlines.
    let work = app.get("/", Some(&tom)).await.body;
    assert!(
        work.contains("Write your self-assessment") && work.contains("Propose two or three peers"),
        "{work}"
    );
}

/// The completion page's numbers are sums stored per organisation; after the demo's bulk
/// load they must equal the reviews counted one by one with the app's rules (deadlines, the
/// delivery window), on both backends, for a finished cycle and a running one, for the whole
/// cycle and for one manager's organisation.
async fn completion_is_stored_as_the_rules_count_it(backend: Backend) {
    use app::reviews::queries::{completion_by_branch, completion_of_cycle, cycle_row};
    let app = TestApp::demo(backend).await;
    let (elena, sam) = (app.test_db.person_id(ELENA), app.test_db.person_id(SAM));
    let elenas_people = app.test_db.subtree(elena);
    for status in ["closed", "open"] {
        let cycle = app.test_db.cycle_with_status(status);
        let row = cycle_row(&mut app.test_db.conn(), app::kernel::CycleId(cycle)).unwrap();
        let whole = completion_of_cycle(&mut app.test_db.conn(), &row).unwrap();
        assert_eq!(whole, app.test_db.completion_by_hand(cycle, None), "{status}: the whole cycle");
        assert!(whole.reviews > 0, "{status}: the demo cycle reviews people");
        // Sam's branches: Elena's organisation is one of them, headed by her.
        let branches = completion_by_branch(&mut app.test_db.conn(), &row, sam).unwrap();
        let elenas = branches.iter().find(|b| b.0 == elena).map(|b| b.1).unwrap_or_default();
        let mut hers = elenas_people.clone();
        hers.push(elena.0);
        assert_eq!(elenas, app.test_db.completion_by_hand(cycle, Some(&hers)), "{status}: Elena's");
        // The branches below Elena add up to her organisation without her own review.
        let below: app::reviews::types::CompletionCounts =
            completion_by_branch(&mut app.test_db.conn(), &row, elena)
                .unwrap()
                .iter()
                .map(|b| b.1)
                .sum();
        assert_eq!(below, app.test_db.completion_by_hand(cycle, Some(&elenas_people)));
        if status == "closed" {
            assert!(
                whole.delivered_on_time > 0 && whole.delivered_on_time < whole.delivered,
                "the finished cycle has deliveries on time and late: {whole:?}"
            );
            assert!(whole.peers_asked > 0 && whole.self_done > 0);
        }
    }
}

/// A view of more than 500 reviews says how much is missing past the deadlines instead of
/// sorting everyone by name; a branch small enough lists the names.
async fn a_large_view_counts_what_is_missing_instead_of_naming_everyone(backend: Backend) {
    // A company whose running cycle began a month ago: its self- and manager-assessment
    // deadlines have passed, its delivery deadline has not.
    let month_ago = chrono::Utc::now().date_naive() - chrono::Duration::days(30);
    let app = TestApp::new(crate::common::TestDb::with_demo_of(backend, 600, month_ago)).await;
    let open = app.test_db.cycle_with_status("open");
    let counts = app.test_db.completion_by_hand(open, None);
    assert!(counts.reviews > 500, "{counts:?}");
    let page = format!("/reviews/cycles/{open}");
    let hr = app.sign_in(JORDAN).await;
    let whole = app.get(&page, Some(&hr)).await;
    ok(&whole, "HR's view of the whole cycle");
    let missing = format!(
        "{} self-assessments, {} manager assessments in this view.",
        counts.reviews - counts.self_done,
        counts.reviews - counts.manager_done
    );
    assert!(whole.body.contains(&missing), "{missing}");
    assert!(whole.body.contains("Too many people to list by name here"));
    let elena = app.test_db.person_id(ELENA);
    let hers = app.get(&format!("{page}?root={elena}"), Some(&hr)).await;
    ok(&hers, "a team's view");
    assert!(
        hers.body.contains("Missing past the deadline (") && hers.body.contains("self-assessment")
    );
    assert!(!hers.body.contains("Too many people to list by name"));
}

/// The stored tallies equal the cycle counted again from scratch, and each branch of
/// `root`'s organisation equals its reviews counted by hand.
fn assert_tallies_hold(app: &TestApp, cycle: i64, root: PersonId, step: &str) {
    use app::reviews::queries::{completion_by_branch, cycle_row, recount_tallies};
    let kept = app.test_db.tallies(cycle);
    recount_tallies(&mut app.test_db.conn(), app::kernel::CycleId(cycle)).unwrap();
    let recounted = app.test_db.tallies(cycle);
    let differing: Vec<_> = kept.iter().filter(|row| !recounted.contains(row)).collect();
    let missing: Vec<_> = recounted.iter().filter(|row| !kept.contains(row)).collect();
    assert!(
        differing.is_empty() && missing.is_empty(),
        "{step}: kept {differing:?}, a recount says {missing:?}"
    );
    assert_eq!(kept[0], (0, app.test_db.completion_by_hand(cycle, None)), "{step}: whole cycle");
    let row = cycle_row(&mut app.test_db.conn(), app::kernel::CycleId(cycle)).unwrap();
    let branches = completion_by_branch(&mut app.test_db.conn(), &row, root).unwrap();
    assert!(!branches.is_empty(), "{step}: {root:?} has branches");
    for (head, counts) in branches {
        let mut theirs = app.test_db.subtree(head);
        theirs.push(head.0);
        assert_eq!(
            counts,
            app.test_db.completion_by_hand(cycle, Some(&theirs)),
            "{step}: {head:?}"
        );
    }
}

/// The completion page's stored tallies follow every write that changes a review (a
/// self-assessment, peers asked and answering, a manager assessment, a delivery) and every
/// change to the tree (a move, a departure), in both the running and the finished cycle.
async fn completion_tallies_follow_every_write(backend: Backend) {
    use app::kernel::{CycleId, Rating, ReviewId};
    use app::reviews::queries as q;
    let app = TestApp::demo(backend).await;
    let [tom, elena, sam, jordan] = [TOM, ELENA, SAM, JORDAN].map(|e| app.test_db.person_id(e));
    let (running, finished) =
        (app.test_db.cycle_with_status("open"), app.test_db.cycle_with_status("closed"));
    let now = TODAY().and_hms_opt(12, 0, 0).unwrap();
    let conn = || app.test_db.conn();
    assert_tallies_hold(&app, running, sam, "the demo");
    assert_tallies_hold(&app, finished, sam, "the demo's finished cycle");

    let toms = ReviewId(app.test_db.review_of(running, tom));
    let version = q::self_draft(&mut conn(), toms).unwrap().version;
    assert!(q::submit_self(&mut conn(), toms, version, now).unwrap());
    assert_tallies_hold(&app, running, sam, "self-assessment");

    let peers: Vec<PersonId> = app
        .test_db
        .subtree(elena)
        .into_iter()
        .filter(|p| *p != tom.0 && app.test_db.manager_of(*p) == Some(elena.0))
        .take(2)
        .map(PersonId)
        .collect();
    assert_eq!(peers.len(), 2, "Tom has teammates");
    assert!(q::approve_peers(&mut conn(), toms, &peers, elena, now).unwrap());
    assert_tallies_hold(&app, running, sam, "peers asked");
    let request = q::peers_of_review(&mut conn(), toms).unwrap().remove(0);
    assert!(q::close_peer(&mut conn(), request.id, request.version, Some("On leave"), now).unwrap());
    assert_tallies_hold(&app, running, sam, "a peer declined");

    let version = q::manager_draft(&mut conn(), toms).unwrap().version;
    assert!(q::submit_manager(&mut conn(), toms, version, now).unwrap());
    assert!(q::finalise(&mut conn(), toms, Rating::Meets, jordan, now).unwrap());
    assert!(q::deliver(&mut conn(), toms, elena, now).unwrap());
    assert_tallies_hold(&app, running, sam, "delivered");
    let whole = app.test_db.tallies(running)[0].1;
    assert!(whole.delivered >= 1 && whole.peers_asked >= 2, "{whole:?}");

    // Tom moves to Jordan's organisation, then Elena leaves: their sums move in both cycles.
    let moved = app::org::queries::change_manager(
        &mut conn(),
        tom,
        JORDAN,
        app.test_db.person_version(tom),
        now,
    )
    .unwrap();
    assert!(matches!(moved, app::org::queries::ManagerChange::Done { .. }), "{moved:?}");
    for cycle in [running, finished] {
        assert_tallies_hold(&app, cycle, sam, "Tom moved");
    }
    let left = app::org::queries::record_departure(
        &mut conn(),
        elena,
        TODAY(),
        "Moved abroad",
        app.test_db.person_version(elena),
        now,
    )
    .unwrap();
    assert!(matches!(left, app::org::queries::DepartureRecorded::Done { .. }), "{left:?}");
    for cycle in [running, finished] {
        assert_tallies_hold(&app, cycle, sam, "Elena left");
        let row = q::cycle_row(&mut conn(), CycleId(cycle)).unwrap();
        let heads: Vec<PersonId> = q::completion_by_branch(&mut conn(), &row, sam)
            .unwrap()
            .into_iter()
            .map(|b| b.0)
            .collect();
        assert!(!heads.contains(&elena), "someone who has left heads no branch");
    }
}

/// Reminders near a deadline are queued once per item and day, whoever runs the job.
async fn reminders_are_queued_once_a_day(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let day = TODAY() + chrono::Duration::days(2); // two days before the demo's self-assessment deadline
    let now = day.and_hms_opt(8, 0, 0).unwrap();
    let first =
        app::reviews::notifications::queue_reminders(&mut app.test_db.conn(), day, now).unwrap();
    let waiting_self: i64 = reviews::table
        .inner_join(self_assessments::table)
        .inner_join(review_cycles::table)
        .filter(review_cycles::status.eq("open"))
        .filter(self_assessments::submitted_at.is_null())
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(first as i64, waiting_self, "one reminder per unsubmitted self-assessment");
    assert_eq!(
        app::reviews::notifications::queue_reminders(&mut app.test_db.conn(), day, now).unwrap(),
        0,
        "not twice the same day"
    );
    let next_day = day + chrono::Duration::days(1);
    assert!(
        app::reviews::notifications::queue_reminders(&mut app.test_db.conn(), next_day, now)
            .unwrap()
            > 0,
        "again the next day"
    );
}

/// The SMTP sender delivers waiting messages to a real SMTP listener and marks them sent.
async fn the_smtp_sender_delivers_the_outbox(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let waiting = app.test_db.unsent_mail();
    assert!(waiting > 0, "the running demo cycle queued launch messages");
    let (port, received) = smtp_sink::start().await;
    let settings = server::config::SmtpSettings {
        url: format!("smtp://127.0.0.1:{port}"),
        from: "Trellis <trellis@lumen.example>".into(),
    };
    let mailer = server::mailer::Mailer::new(
        &settings,
        url::Url::parse("https://trellis.lumen.example").unwrap(),
    )
    .unwrap();
    let sent = mailer.send_waiting(&app.test_db.db).await.unwrap();
    assert_eq!(sent as i64, waiting.min(50), "one batch");
    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), sent);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("Subject:") && m.contains("https://trellis.lumen.example/reviews")),
        "absolute links"
    );
    let still = app.test_db.unsent_mail();
    assert_eq!(still, waiting - sent as i64);
}

/// Two instances share one outbox: a batch one has claimed is not the other's while the claim
/// holds (the old claim by attempt count let a second instance send a message the first was
/// still sending), and a claim whose instance died runs out and the message is tried again.
async fn a_claimed_message_goes_to_one_instance(backend: Backend) {
    use app::kernel::outbox::{claim_waiting, CLAIM_LEASE};
    let app = TestApp::demo(backend).await;
    let now = chrono::Utc::now().naive_utc();
    let first = claim_waiting(&mut app.test_db.conn(), 10, now).unwrap();
    assert_eq!(first.len(), 10);
    assert!(first.iter().all(|m| m.attempts == 1), "the claim counts the attempt");
    let second = claim_waiting(&mut app.test_db.conn(), 10, now).unwrap();
    assert_eq!(second.len(), 10, "the other instance takes the next ten");
    let ids = |batch: &[app::kernel::outbox::OutboxRow]| {
        batch.iter().map(|m| m.id).collect::<std::collections::BTreeSet<_>>()
    };
    assert!(ids(&first).is_disjoint(&ids(&second)), "no message is claimed twice");
    // The first instance died before sending: once its lease runs out, the messages are free.
    let later = now + CLAIM_LEASE + chrono::Duration::seconds(1);
    let retried = claim_waiting(&mut app.test_db.conn(), 20, later).unwrap();
    assert!(ids(&first).is_subset(&ids(&retried)), "an expired claim is claimed again");
    assert!(retried.iter().filter(|m| ids(&first).contains(&m.id)).all(|m| m.attempts == 2));
}

/// Two senders working on one outbox at once deliver each message once.
async fn two_senders_deliver_each_message_once(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let waiting = app.test_db.unsent_mail();
    let (port, received) = smtp_sink::start().await;
    let settings = server::config::SmtpSettings {
        url: format!("smtp://127.0.0.1:{port}"),
        from: "Trellis <trellis@lumen.example>".into(),
    };
    let public = url::Url::parse("https://trellis.lumen.example").unwrap();
    let a = server::mailer::Mailer::new(&settings, public.clone()).unwrap();
    let b = server::mailer::Mailer::new(&settings, public).unwrap();
    let db = &app.test_db.db;
    let (sent_a, sent_b) = tokio::join!(a.send_waiting(db), b.send_waiting(db));
    let sent = sent_a.unwrap() + sent_b.unwrap();
    assert_eq!(sent as i64, waiting.min(100), "two batches, none overlapping");
    assert_eq!(received.lock().unwrap().len(), sent, "each message reached the sink once");
    let tried_twice: i64 = outbox::table
        .filter(outbox::attempts.gt(1))
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(tried_twice, 0);
}

/// Two transactions queueing the same reminder at once: PostgreSQL makes the second wait for
/// the first, then the second finds the key taken, queues nothing, and its transaction goes on
/// (a unique violation would have aborted it, and with it what the message announced).
/// PostgreSQL only: SQLite has one writer, so the second cannot write before the first ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queueing_the_same_message_twice_at_once_keeps_both_transactions() {
    use app::kernel::outbox::enqueue;
    let app = TestApp::demo(Backend::Postgres).await;
    let tom = app.test_db.person_id(TOM);
    let now = chrono::Utc::now().naive_utc();
    let db = app.test_db.db.clone();
    let (queued_tx, queued_rx) = std::sync::mpsc::channel::<()>();
    let (commit_tx, commit_rx) = std::sync::mpsc::channel::<()>();
    let first = std::thread::spawn({
        let db = db.clone();
        move || {
            let mut conn = db.get_blocking().unwrap();
            conn.transaction(|c| {
                let queued = enqueue(c, tom, "Hello", "Body", "race:1", now)?;
                queued_tx.send(()).unwrap();
                commit_rx.recv().unwrap();
                Ok::<_, diesel::result::Error>(queued)
            })
            .unwrap()
        }
    });
    queued_rx.recv().unwrap();
    let second = std::thread::spawn({
        let db = db.clone();
        move || {
            let mut conn = db.get_blocking().unwrap();
            conn.transaction(|c| {
                let queued = enqueue(c, tom, "Hello", "Body", "race:1", now)?;
                // The transaction is still usable after losing the race.
                let again = enqueue(c, tom, "Hello", "Body", "race:2", now)?;
                Ok::<_, diesel::result::Error>((queued, again))
            })
        }
    });
    app.test_db.wait_until_a_query_waits_for_a_lock();
    commit_tx.send(()).unwrap();
    assert!(first.join().unwrap(), "the first queues the message");
    let (queued, again) = second.join().unwrap().expect("the second transaction commits");
    assert!(!queued, "the second finds it queued");
    assert!(again, "and goes on to queue its other message");
    assert_eq!(app.test_db.mail_like("race:%", "%"), 2);
}

/// A minimal SMTP server: accepts every message and keeps its text.
mod smtp_sink {
    use std::sync::{Arc, Mutex};
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

    pub async fn start() -> (u16, Arc<Mutex<Vec<String>>>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                    let mut data: Option<String> = None;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if let Some(body) = data.as_mut() {
                            if line == "." {
                                store.lock().unwrap().push(std::mem::take(body));
                                data = None;
                                write.write_all(b"250 queued\r\n").await.unwrap();
                            } else {
                                body.push_str(&line);
                                body.push('\n');
                            }
                            continue;
                        }
                        let verb =
                            line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" | "HELO" => b"250 sink\r\n",
                            "DATA" => {
                                data = Some(String::new());
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                write.write_all(b"221 bye\r\n").await.unwrap();
                                break;
                            }
                            _ => b"250 ok\r\n",
                        };
                        write.write_all(reply).await.unwrap();
                    }
                });
            }
        });
        (port, received)
    }
}

/// The evidence panel shows each source by the rule of the record it comes from: Elena's
/// comment on Tom's shared self-evaluation is evidence for Elena, but HR, whom the
/// self-evaluation page refuses, does not read it here either.
async fn the_evidence_panel_follows_each_records_rule(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom = app.test_db.person_id(TOM);
    let cycle = app.test_db.cycle_with_status("open");
    let review = app.test_db.review_of(cycle, tom);
    let (elena, hr) = (app.sign_in(ELENA).await, app.sign_in(JORDAN).await);
    // The panel's data as the server function sends it (what a browser receives, shown or not).
    let evidence = |cookie: &str| {
        let body = form(&[("review_id", &review.to_string())]);
        let cookie = cookie.to_string();
        let app = &app;
        async move { app.post_form(GetAssessment::PATH, &body, Some(&cookie)).await }
    };
    let as_manager = evidence(&elena).await;
    assert!(as_manager.body.contains("Comment by Elena Marsh"), "{}", as_manager.body);
    let as_hr = evidence(&hr).await;
    assert_eq!(as_hr.status, 200, "HR reads the evidence panel: {}", as_hr.body);
    assert!(
        !as_hr.body.contains("Comment by Elena Marsh"),
        "but not the self-evaluation's comments"
    );
    let evaluation: i64 = app::db::schema::self_evaluations::table
        .filter(app::db::schema::self_evaluations::person_id.eq(tom))
        .select(app::db::schema::self_evaluations::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let page = app.get(&format!("/promotions/self-evaluations/{evaluation}"), Some(&hr)).await;
    assert_eq!(page.status, 403, "the same rule as the self-evaluation's own page");

    // Nor is it derived: what a concern can be traced to, and the "raised before?" flags, read
    // earlier records through the same window. Elena's comment is offered to her; a point
    // she traced to it counts as raised for her, while HR, who may not read the comment, is
    // neither offered it nor sees the trace count.
    let earlier_comment = "on a ladder self-evaluation";
    assert!(evidence(&elena).await.body.contains(earlier_comment));
    assert!(!evidence(&hr).await.body.contains(earlier_comment));
    let comment: i64 = app::db::schema::self_evaluation_comments::table
        .filter(app::db::schema::self_evaluation_comments::self_evaluation_id.eq(evaluation))
        .select(app::db::schema::self_evaluation_comments::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let traces = serde_json::json!({
        "rating": null,
        "points": [{
            "point": "Refunds.",
            "raised": { "key": format!("comment:{comment}"), "on": "2026-09-01", "source": "A comment" }
        }]
    });
    diesel::update(
        app::db::schema::manager_assessments::table
            .filter(app::db::schema::manager_assessments::review_id.eq(review)),
    )
    .set((
        app::db::schema::manager_assessments::development.eq("Refunds."),
        app::db::schema::manager_assessments::traces.eq(traces.to_string()),
    ))
    .execute(&mut *app.test_db.conn())
    .unwrap();
    let flag = "Refunds.\\\" raised before?";
    let as_manager = evidence(&elena).await;
    assert!(!as_manager.body.contains(flag), "{}", as_manager.body);
    let as_hr = evidence(&hr).await;
    assert!(as_hr.body.contains(flag), "HR's flag counts only what HR reads: {}", as_hr.body);
}

/// An HR admin's own review waits for a final rating like anyone's: HR finalises a
/// colleague's, never their own (refused and audited), the review page does not offer it, and
/// HR's list of ratings to finalise leaves their own out.
async fn hr_does_not_finalise_their_own_rating(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let jordan = app.test_db.person_id(JORDAN);
    let manager = app.test_db.manager_of(jordan).expect("Jordan has a manager");
    let manager_email = app.test_db.email_of(manager);
    let colleague: i64 = people::table
        .filter(people::manager_id.eq(manager))
        .filter(people::id.ne(jordan.0))
        .filter(people::status.eq("active"))
        .select(people::id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    let (hr, boss) = (app.sign_in(JORDAN).await, app.sign_in(&manager_email).await);
    let good = cycle_form("People mid-year", &manager_email);
    ok(&app.post_form(CreateCycle::PATH, &form(&good), Some(&hr)).await, "create");
    let cycle = app.test_db.newest_cycle();
    let cycle_s = cycle.to_string();
    ok(
        &app.post_form(
            AdvanceCycle::PATH,
            &form(&[
                ("id", &cycle_s),
                ("version", "1"),
                ("confirm", "yes"),
                ("overlap_reason", "A mid-year check for the People team."),
            ]),
            Some(&hr),
        )
        .await,
        "launch",
    );
    let (own, other) =
        (app.test_db.review_of(cycle, jordan), app.test_db.review_of(cycle, colleague));

    // A manager assessment waits for the peers' approval, or for HR's recorded exception.
    let submit = |review: i64| form(&[("review_id", &review.to_string()), ("version", "1")]);
    let refused = app.post_form(SubmitManagerAssessment::PATH, &submit(other), Some(&boss)).await;
    assert!(
        refused.status == 409 && refused.body.contains("Approve the peers first"),
        "{} {}",
        refused.status,
        refused.body
    );
    let page = app.get(&format!("/reviews/{other}"), Some(&boss)).await.body;
    assert!(page.contains("The manager assessment waits for the peers"));
    let except = |review: i64| {
        form(&[
            ("review_id", &review.to_string()),
            ("rule", "assess_before_peers"),
            ("reason", "Their peers are all on the offsite until the deadline."),
        ])
    };
    // Never on HR's own review; on the colleague's, with the reason kept.
    assert_eq!(app.post_form(AllowException::PATH, &except(own), Some(&hr)).await.status, 403);
    ok(&app.post_form(AllowException::PATH, &except(other), Some(&hr)).await, "except");
    // Jordan's own review: the manager approves two peers.
    let mates: Vec<i64> = people::table
        .filter(people::manager_id.eq(manager))
        .filter(people::id.ne(jordan.0))
        .filter(people::status.eq("active"))
        .select(people::id)
        .limit(2)
        .load(&mut *app.test_db.conn())
        .unwrap();
    let mut approve = vec![("review_id".to_string(), own.to_string())];
    approve.extend(mates.iter().map(|id| (format!("peer[{id}]"), "on".to_string())));
    let approve =
        url::form_urlencoded::Serializer::new(String::new()).extend_pairs(approve).finish();
    ok(&app.post_form(ChoosePeers::PATH, &approve, Some(&boss)).await, "approve the peers");
    for review in [own, other] {
        let review_s = review.to_string();
        ok(
            &app.post_form(
                SaveManagerAssessment::PATH,
                &form(&[
                    ("review_id", &review_s),
                    ("version", "1"),
                    ("goals", "Ran the H2 engagement survey and the new onboarding."),
                    ("values_shown", "Candid and kind."),
                    ("strengths", "Clear writing."),
                    ("development", "Delegate more of the survey analysis."),
                    ("rating", "strong"),
                    ("raised_before", "In our 1:1 on 3 September."),
                ]),
                Some(&boss),
            )
            .await,
            "assess",
        );
        ok(
            &app.post_form(
                SubmitManagerAssessment::PATH,
                &form(&[("review_id", &review_s), ("version", "2")]),
                Some(&boss),
            )
            .await,
            "submit the assessment",
        );
    }
    ok(
        &app.post_form(
            AdvanceCycle::PATH,
            &form(&[("id", &cycle_s), ("version", "2"), ("confirm", "yes")]),
            Some(&hr),
        )
        .await,
        "start calibration",
    );

    let finalise = |review: i64| {
        let body = form(&[("review_id", &review.to_string()), ("rating", "exceptional")]);
        let (app, hr) = (&app, hr.clone());
        async move { app.post_form(FinaliseRating::PATH, &body, Some(&hr)).await }
    };
    let cycle_page = app.get(&format!("/reviews/cycles/{cycle}"), Some(&hr)).await.body;
    assert!(cycle_page.contains("Final ratings"), "{cycle_page}");
    assert!(!cycle_page.contains("Jordan Ellis (preliminary"), "HR's own rating is not listed");
    let own_page = app.get(&format!("/reviews/{own}"), Some(&hr)).await;
    assert!(!own_page.body.contains("Finalise the rating"), "nor offered on the review");
    assert!(app
        .get(&format!("/reviews/{other}"), Some(&hr))
        .await
        .body
        .contains("Finalise the rating"));
    let refused = finalise(own).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let final_rating: Option<String> = reviews::table
        .find(own)
        .select(reviews::final_rating)
        .first(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(final_rating, None, "nothing changed");
    // Both refusals about HR's own outcome (the exception earlier, finalising now) are
    // audited under the policy's action for deciding a review's outcome.
    assert_eq!(
        app.test_db.audit().action("finalise_rating").actor(jordan).refused().count(),
        2,
        "the refusals are audited"
    );
    ok(&finalise(other).await, "HR finalises a colleague's rating");

    // The colleague wrote no self-assessment and no peer answered: delivery waits, saying
    // for what, until HR lets it go ahead with a reason, which stays on the review.
    let other_s = other.to_string();
    let deliver = form(&[("review_id", &other_s)]);
    let waiting = app.post_form(DeliverReview::PATH, &deliver, Some(&boss)).await;
    assert_eq!(waiting.status, 409, "{}", waiting.body);
    assert!(
        waiting.body.contains("has not submitted a self-assessment")
            && waiting.body.contains("no peer has given feedback"),
        "{}",
        waiting.body
    );
    let delivered = |review: i64| {
        let conn = &mut *app.test_db.conn();
        reviews::table
            .find(review)
            .select(reviews::delivered_at)
            .first::<Option<chrono::NaiveDateTime>>(conn)
            .unwrap()
    };
    assert_eq!(delivered(other), None);
    assert!(app
        .get(&format!("/reviews/{other}"), Some(&boss))
        .await
        .body
        .contains("Delivery waits: "));
    let reason = "On leave until March; the team agreed to close the cycle without it.";
    let allow = |review: &str, reason: &str| {
        form(&[("review_id", review), ("rule", "deliver_without_input"), ("reason", reason)])
    };
    // Only HR, and never on their own review; a reason is required.
    assert_eq!(
        app.post_form(AllowException::PATH, &allow(&other_s, reason), Some(&boss)).await.status,
        403
    );
    assert_eq!(
        app.post_form(AllowException::PATH, &allow(&own.to_string(), reason), Some(&hr))
            .await
            .status,
        403
    );
    let empty = app.post_form(AllowException::PATH, &allow(&other_s, "  "), Some(&hr)).await;
    assert!(empty.status == 400 && empty.body.contains("\"reason\""), "{}", empty.body);
    ok(&app.post_form(AllowException::PATH, &allow(&other_s, reason), Some(&hr)).await, "allow");
    assert_eq!(
        app.post_form(AllowException::PATH, &allow(&other_s, reason), Some(&hr)).await.status,
        409
    );
    ok(&app.post_form(DeliverReview::PATH, &deliver, Some(&boss)).await, "deliver");
    assert!(delivered(other).is_some());
    let page = app.get(&format!("/reviews/{other}"), Some(&boss)).await.body;
    assert!(
        page.contains("Jordan Ellis let this review be delivered without all its input")
            && page.contains(reason)
    );
    let person = app.sign_in(&app.test_db.email_of(colleague)).await;
    let theirs = app.get(&format!("/reviews/{other}"), Some(&person)).await.body;
    assert!(!theirs.contains(reason), "the reason is for the manager chain and HR");
    assert_eq!(app.test_db.audit().action("allow_exception").allowed().count(), 2);
    assert!(page.contains("let the manager assessment be submitted before the peers were approved"));
}

/// The demo's evidence reads like each department's work: a salesperson's self-assessment is
/// not an engineer's, and across the finished cycle the texts vary instead of repeating three.
async fn the_demo_evidence_reads_like_each_department(backend: Backend) {
    use app::db::schema::{departments, manager_assessments, self_assessments};
    let app = TestApp::demo(backend).await;
    let closed = app.test_db.cycle_with_status("closed");
    let rows: Vec<(String, String, String, String)> = reviews::table
        .inner_join(self_assessments::table)
        .inner_join(manager_assessments::table)
        .inner_join(people::table.on(people::id.eq(reviews::person_id)))
        .inner_join(departments::table.on(departments::id.eq(people::department_id)))
        .filter(reviews::cycle_id.eq(closed))
        .select((
            departments::slug,
            self_assessments::accomplishments,
            manager_assessments::goals,
            manager_assessments::development,
        ))
        .load(&mut *app.test_db.conn())
        .unwrap();
    assert!(rows.len() > 50, "{} reviews", rows.len());
    let distinct = |f: fn(&(String, String, String, String)) -> &String| {
        rows.iter().map(f).collect::<std::collections::HashSet<_>>().len()
    };
    assert!(distinct(|r| &r.1) >= 20, "self-assessments vary: {}", distinct(|r| &r.1));
    assert!(distinct(|r| &r.2) >= 20, "manager assessments vary: {}", distinct(|r| &r.2));
    let of = |slug: &str| -> std::collections::HashSet<&String> {
        rows.iter().filter(|r| r.0 == slug).map(|r| &r.1).collect()
    };
    let (sales, engineering) = (of("sales"), of("engineering"));
    assert!(!sales.is_empty() && !engineering.is_empty());
    assert!(sales.is_disjoint(&engineering), "each department in its own words");
    // A concern's development areas are points, one per line, as the assessment form asks.
    let concern = rows.iter().find(|r| r.3.lines().count() == 2);
    assert!(concern.is_some_and(|r| r.3.lines().all(|l| l.starts_with("- "))));
}

on_both_backends!(
    the_demo_evidence_reads_like_each_department,
    a_cycle_runs_from_launch_to_acknowledgement,
    anonymous_peer_feedback_reaches_the_subject_without_names,
    completion_and_outbox_pages_follow_the_roles,
    completion_is_stored_as_the_rules_count_it,
    completion_tallies_follow_every_write,
    a_large_view_counts_what_is_missing_instead_of_naming_everyone,
    reminders_are_queued_once_a_day,
    the_smtp_sender_delivers_the_outbox,
    a_claimed_message_goes_to_one_instance,
    two_senders_deliver_each_message_once,
    hr_does_not_finalise_their_own_rating,
    the_evidence_panel_follows_each_records_rule,
);
