//! The policy against the access table of docs/product.md, row by row.

use super::*;

fn viewer(id: PersonId) -> Viewer {
    Viewer {
        person_id: id,
        name: format!("Person {id}"),
        email: format!("p{id}@example.com"),
        title: "Engineer".into(),
        is_hr_admin: false,
        is_executive: false,
        direct_reports: 0,
        is_skip_level: false,
        demo: false,
    }
}

fn hr(id: PersonId) -> Viewer {
    Viewer { is_hr_admin: true, ..viewer(id) }
}

fn exec(id: PersonId) -> Viewer {
    Viewer { is_executive: true, ..viewer(id) }
}

// 4 reports to 3 (manager), 3 reports to 2 (skip-level), 2 to 1 (top).
fn subject() -> Subject {
    Subject { id: PersonId(4), manager_chain: vec![PersonId(3), PersonId(2), PersonId(1)] }
}

#[test]
fn every_signed_in_person_reads_the_directory_and_their_own_work() {
    for v in [viewer(PersonId(9)), hr(PersonId(9)), exec(PersonId(9))] {
        assert_eq!(check(&v, &Action::ReadDirectory), Ok(()));
        assert_eq!(check(&v, &Action::ReadOwnWork), Ok(()));
    }
    assert_eq!(check_anonymous(&Action::ReadOwnWork), Err(Refused));
}

#[test]
fn only_hr_lists_departed_people() {
    assert_eq!(check(&hr(PersonId(9)), &Action::ReadDepartedPeople), Ok(()));
    assert_eq!(check(&viewer(PersonId(9)), &Action::ReadDepartedPeople), Err(Refused));
    assert_eq!(check(&exec(PersonId(9)), &Action::ReadDepartedPeople), Err(Refused));
}

#[test]
fn departure_details_are_for_hr_and_the_manager_chain() {
    let s = subject();
    let details = Action::ReadDepartureDetails(&s);
    assert_eq!(check(&viewer(PersonId(3)), &details), Ok(()), "manager");
    assert_eq!(check(&viewer(PersonId(2)), &details), Ok(()), "skip-level");
    assert_eq!(check(&viewer(PersonId(1)), &details), Ok(()), "further up the chain");
    assert_eq!(check(&hr(PersonId(9)), &details), Ok(()), "HR");
    assert_eq!(check(&viewer(PersonId(5)), &details), Err(Refused), "a peer");
    assert_eq!(check(&exec(PersonId(9)), &details), Err(Refused), "an executive outside the chain");
}

#[test]
fn only_hr_administers_org_data_sessions_and_the_audit_log() {
    for action in [
        Action::ChangeManager,
        Action::RecordDeparture,
        Action::ManageSessions,
        Action::ReadAuditLog,
    ] {
        assert_eq!(check(&hr(PersonId(9)), &action), Ok(()));
        assert_eq!(check(&viewer(PersonId(3)), &action), Err(Refused), "a manager");
        assert_eq!(check(&exec(PersonId(1)), &action), Err(Refused), "an executive");
    }
}

/// The shortcuts that skip a to-do list for everyone else agree with the action each item is
/// then checked against: HR finalises ratings and names panels, never for their own record.
#[test]
fn the_to_do_shortcuts_follow_their_actions() {
    let s = subject();
    for viewer in [hr(PersonId(9)), viewer(PersonId(3)), exec(PersonId(1))] {
        let finalises = check(&viewer, &Action::FinaliseRating(&s)).is_ok();
        assert_eq!(finalises_ratings(&viewer), finalises, "{viewer:?}");
        let names = check(&viewer, &Action::SetPromotionPanel(&s)).is_ok();
        assert_eq!(names_promotion_panels(&viewer), names, "{viewer:?}");
    }
    let own = Subject { id: PersonId(9), manager_chain: vec![PersonId(3)] };
    assert_eq!(check(&hr(PersonId(9)), &Action::FinaliseRating(&own)), Err(Refused));
}

/// The access table in docs/product.md, row by row, for every role and relationship. Each row
/// lists who may read and who may write; everyone not listed must be refused.
mod access_table {
    use super::super::*;
    use super::{exec, hr, viewer};

    // The org: 1 (top) -> 2 (skip-level) -> 3 (manager) -> 4 (the subject); 5 is a peer
    // of 4 under 3; 7 manages another team under 1; 6 sits in the calibration session;
    // 8 is an executive, 9 HR.
    const SELF: PersonId = PersonId(4);
    const MANAGER: PersonId = PersonId(3);
    const SKIP: PersonId = PersonId(2);
    const TOP: PersonId = PersonId(1);
    const PEER: PersonId = PersonId(5);
    const PARTICIPANT: PersonId = PersonId(6);
    const OTHER_MANAGER: PersonId = PersonId(7);
    const EXEC: PersonId = PersonId(8);
    const HR: PersonId = PersonId(9);

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Role {
        Anonymous,
        Myself,
        Manager,
        SkipLevel,
        AboveSkip,
        Peer,
        OtherManager,
        Participant,
        Executive,
        Hr,
    }
    use Role::*;
    const EVERYONE: [Role; 10] = [
        Anonymous,
        Myself,
        Manager,
        SkipLevel,
        AboveSkip,
        Peer,
        OtherManager,
        Participant,
        Executive,
        Hr,
    ];

    fn who(role: Role) -> Option<Viewer> {
        Some(match role {
            Anonymous => return None,
            Myself => viewer(SELF),
            Manager => Viewer { direct_reports: 2, ..viewer(MANAGER) },
            SkipLevel => Viewer { direct_reports: 1, is_skip_level: true, ..viewer(SKIP) },
            AboveSkip => Viewer { direct_reports: 2, is_skip_level: true, ..viewer(TOP) },
            Peer => viewer(PEER),
            OtherManager => Viewer { direct_reports: 4, ..viewer(OTHER_MANAGER) },
            Participant => viewer(PARTICIPANT),
            Executive => exec(EXEC),
            Hr => hr(HR),
        })
    }

    fn subject() -> Subject {
        Subject { id: SELF, manager_chain: vec![MANAGER, SKIP, TOP] }
    }

    fn decide(role: Role, action: &Action) -> bool {
        match who(role) {
            None => check_anonymous(action).is_ok(),
            Some(v) => check(&v, action).is_ok(),
        }
    }

    /// Asserts exactly `readers` may read and exactly `writers` may write the record.
    fn row(name: &str, record: Record, readers: &[Role], writers: &[Role]) {
        for role in EVERYONE {
            let can_read = decide(role, &Action::Read(record.clone()));
            assert_eq!(can_read, readers.contains(&role), "{name}: read by {role:?}");
            let can_write = decide(role, &Action::Write(record.clone()));
            assert_eq!(can_write, writers.contains(&role), "{name}: write by {role:?}");
        }
    }

    const SIGNED_IN: [Role; 9] =
        [Myself, Manager, SkipLevel, AboveSkip, Peer, OtherManager, Participant, Executive, Hr];

    #[test]
    fn ladders_and_company_and_team_okrs() {
        row("published ladder", Record::PublishedLadder, &SIGNED_IN, &[Hr]);
        row("ladder draft", Record::LadderDraft, &[Hr], &[Hr]);
        row("company OKR", Record::CompanyOkr, &SIGNED_IN, &[Executive]);
        row("team OKR", Record::TeamOkr { team_manager: MANAGER }, &SIGNED_IN, &[Manager]);
    }

    #[test]
    fn individual_okrs_are_public_unless_private() {
        let s = subject();
        row(
            "individual OKR",
            Record::IndividualOkr { owner: &s, private: false },
            &SIGNED_IN,
            &[Myself, Manager],
        );
        row(
            "private individual OKR",
            Record::IndividualOkr { owner: &s, private: true },
            &[Myself, Manager, SkipLevel, AboveSkip, Hr],
            &[Myself, Manager],
        );
    }

    #[test]
    fn self_assessments() {
        let s = subject();
        row(
            "self-assessment draft",
            Record::SelfAssessment { author: &s, submitted: false },
            &[Myself],
            &[Myself],
        );
        row(
            "submitted self-assessment",
            Record::SelfAssessment { author: &s, submitted: true },
            &[Myself, Manager, SkipLevel, Hr],
            &[],
        );
    }

    #[test]
    fn peer_feedback_and_its_anonymity_threshold() {
        let s = subject();
        let fb = |submitted, delivered, anonymous_cycle, responses| Record::PeerFeedback {
            author: PEER,
            about: &s,
            submitted,
            delivered,
            anonymous_cycle,
            responses,
        };
        row("peer feedback draft", fb(false, false, true, 3), &[Peer], &[Peer]);
        row(
            "submitted, not delivered",
            fb(true, false, true, 3),
            &[Peer, Manager, SkipLevel, Hr],
            &[],
        );
        row(
            "delivered, named",
            fb(true, true, false, 1),
            &[Peer, Manager, SkipLevel, Hr, Myself],
            &[],
        );
        row(
            "delivered, anonymous, 3 answers",
            fb(true, true, true, 3),
            &[Peer, Manager, SkipLevel, Hr, Myself],
            &[],
        );
        row(
            "delivered, anonymous, 2 answers",
            fb(true, true, true, 2),
            &[Peer, Manager, SkipLevel, Hr],
            &[],
        );
        let me = who(Myself).unwrap();
        assert_eq!(read(&me, &fb(true, true, true, 3)), Some(Visibility::Anonymised));
        assert_eq!(read(&me, &fb(true, true, false, 1)), Some(Visibility::Full));
    }

    #[test]
    fn manager_assessments_and_calibration() {
        let s = subject();
        let participants = [PARTICIPANT, MANAGER];
        let assessment = |calibration_started, delivered| Record::ManagerAssessment {
            about: &s,
            calibration_participants: &participants,
            calibration_started,
            delivered,
        };
        row(
            "manager assessment",
            assessment(false, false),
            &[Manager, SkipLevel, Hr, Participant],
            &[Manager],
        );
        row("in calibration", assessment(true, false), &[Manager, SkipLevel, Hr, Participant], &[]);
        row(
            "delivered",
            assessment(true, true),
            &[Manager, SkipLevel, Hr, Participant, Myself],
            &[],
        );
        row(
            "calibration session",
            Record::CalibrationSession { participants: &participants, finalised: false },
            &[Manager, Participant, Hr],
            &[Manager, Participant],
        );
        row(
            "finalised session",
            Record::CalibrationSession { participants: &participants, finalised: true },
            &[Manager, Participant, Hr],
            &[],
        );
        row(
            "final rating before delivery",
            Record::FinalReview { about: &s, delivered: false },
            &[Manager, SkipLevel, AboveSkip, Hr],
            &[],
        );
        row(
            "delivered review",
            Record::FinalReview { about: &s, delivered: true },
            &[Myself, Manager, SkipLevel, AboveSkip, Hr],
            &[],
        );
    }

    /// A person's row on a board: as the session, except for the person themselves.
    #[test]
    fn calibration_board_rows() {
        let participants = [PARTICIPANT, MANAGER];
        let entry = |person, finalised| Record::CalibrationEntry {
            person,
            participants: &participants,
            finalised,
        };
        row(
            "a row on the board",
            entry(SELF, false),
            &[Manager, Participant, Hr],
            &[Manager, Participant],
        );
        row("a finalised board's row", entry(SELF, true), &[Manager, Participant, Hr], &[]);
        row("a participant's own row", entry(PARTICIPANT, false), &[Manager, Hr], &[Manager]);
        row("HR's own row", entry(HR, false), &[Manager, Participant], &[Manager, Participant]);
    }

    /// The actions of a review cycle around the records above.
    #[test]
    fn review_cycle_actions() {
        let s = subject();
        let allowed = |action: &Action| {
            EVERYONE.into_iter().filter(|r| decide(*r, action)).collect::<Vec<_>>()
        };
        assert_eq!(allowed(&Action::ManageReviewCycles), [Hr]);
        assert_eq!(allowed(&Action::ReadOutbox), [Hr]);
        assert_eq!(allowed(&Action::ExportRatings), [Hr]);
        assert_eq!(allowed(&Action::FinaliseRating(&s)), [Hr]);
        assert_eq!(
            allowed(&Action::ReadReviewCompletion),
            [Manager, SkipLevel, AboveSkip, OtherManager, Hr],
            "managers follow their own people"
        );
        // The manager's organisation (the subject's team and anyone else below the manager).
        let managers_org = Subject { id: MANAGER, manager_chain: vec![SKIP, TOP] };
        let completion = |reviews: usize| Action::ReadCycleCompletion {
            organisation_of: &managers_org,
            reviews_in_organisation: reviews,
        };
        assert_eq!(
            allowed(&completion(1)),
            [Manager, SkipLevel, AboveSkip, Hr],
            "the manager and everyone above them; not a manager elsewhere"
        );
        assert_eq!(allowed(&completion(0)), [Hr], "a cycle that reviews nobody in it");
        let own_org = Subject { id: OTHER_MANAGER, manager_chain: vec![] };
        assert_eq!(
            allowed(&Action::ReadCycleCompletion {
                organisation_of: &own_org,
                reviews_in_organisation: 3
            }),
            [OtherManager, Hr],
            "each manager their own"
        );
        let not_a_manager = Subject { id: SELF, manager_chain: vec![MANAGER, SKIP, TOP] };
        assert_eq!(
            allowed(&Action::ReadCycleCompletion {
                organisation_of: &not_a_manager,
                reviews_in_organisation: 1
            }),
            [Manager, SkipLevel, AboveSkip, Hr],
            "nobody follows their own review's progress as an organisation"
        );
        assert_eq!(allowed(&Action::ChoosePeers(&s)), [Myself, Manager], "chosen together");
        assert_eq!(allowed(&Action::DeliverReview(&s)), [Manager]);
        assert_eq!(allowed(&Action::AcknowledgeReview(&s)), [Myself]);
        assert_eq!(
            allowed(&Action::ReadReviewEvidence(&s)),
            [Manager, SkipLevel, Hr],
            "it names peers: never the person"
        );
    }

    #[test]
    fn one_on_ones_and_private_notes() {
        row(
            "1:1 shared notes",
            Record::OneOnOneShared { between: [SELF, MANAGER] },
            &[Myself, Manager],
            &[Myself, Manager],
        );
        // Private notes: the author only. Not HR, not the skip-level, not an executive.
        row(
            "private note",
            Record::OneOnOnePrivateNote { author: MANAGER },
            &[Manager],
            &[Manager],
        );
    }

    #[test]
    fn promotion_packets() {
        let s = subject();
        let participants = [PARTICIPANT];
        let packet = |decided| Record::PromotionPacket {
            about: &s,
            calibration_participants: &participants,
            decided,
        };
        row(
            "open packet",
            packet(false),
            &[Myself, Manager, SkipLevel, AboveSkip, Hr, Participant],
            &[Manager],
        );
        let me = who(Myself).unwrap();
        assert_eq!(
            read(&me, &packet(false)),
            Some(Visibility::StatusOnly),
            "the subject sees the status only"
        );
        assert_eq!(
            read(&me, &packet(true)),
            Some(Visibility::Full),
            "and the outcome once decided"
        );
        row(
            "decided packet",
            packet(true),
            &[Myself, Manager, SkipLevel, AboveSkip, Hr, Participant],
            &[],
        );
    }

    /// Creating, finalising, appeals and potential on a calibration board.
    #[test]
    fn calibration_session_actions() {
        let s = subject();
        let allowed = |action: &Action| {
            EVERYONE.into_iter().filter(|r| decide(*r, action)).collect::<Vec<_>>()
        };
        assert_eq!(allowed(&Action::ManageCalibrationSessions), [Hr]);
        let board = [SELF, PEER];
        assert_eq!(
            allowed(&Action::FinaliseCalibration { facilitator: SKIP, on_board: &board }),
            [SkipLevel, Hr]
        );
        assert_eq!(
            allowed(&Action::ResolveAppeal { facilitator: SKIP, about: SELF }),
            [SkipLevel, Hr]
        );
        let invited = [PARTICIPANT, MANAGER, SKIP];
        assert_eq!(
            allowed(&Action::RaiseAppeal { about: &s, participants: &invited }),
            [Manager],
            "the person's own manager, invited"
        );
        assert_eq!(
            allowed(&Action::RecordPotential { about: &s, participants: &invited }),
            [Manager]
        );
        let not_invited = [PARTICIPANT];
        assert!(
            allowed(&Action::RaiseAppeal { about: &s, participants: &not_invited }).is_empty(),
            "a manager not in the room"
        );
    }

    /// The actions around a packet: endorsing, the calibration panel, the decision.
    #[test]
    fn promotion_endorsements_calibration_and_decision() {
        let s = subject();
        let allowed = |action: &Action| {
            EVERYONE.into_iter().filter(|r| decide(*r, action)).collect::<Vec<_>>()
        };
        assert_eq!(
            allowed(&Action::EndorsePromotion { endorser: PEER }),
            [Peer],
            "only the person asked"
        );
        assert_eq!(allowed(&Action::SetPromotionPanel(&s)), [Hr]);
        let panel = [PARTICIPANT];
        assert_eq!(
            allowed(&Action::CalibratePromotion { about: &s, panel: &panel }),
            [Participant, Hr]
        );
        assert_eq!(allowed(&Action::DecidePromotion(&s)), [SkipLevel], "the skip-level decides");
        // Reporting to the top of the company: there is no skip-level, so HR decides.
        let near_top = Subject { id: SELF, manager_chain: vec![TOP] };
        assert_eq!(allowed(&Action::DecidePromotion(&near_top)), [Hr]);
        let hr_near_top = Subject { id: HR, manager_chain: vec![TOP] };
        assert_eq!(
            check(&hr(HR), &Action::DecidePromotion(&hr_near_top)),
            Err(Refused),
            "never one's own promotion"
        );
    }

    #[test]
    fn self_evaluations() {
        let s = subject();
        row(
            "private self-evaluation",
            Record::SelfEvaluation { author: &s, shared: false },
            &[Myself],
            &[Myself],
        );
        row(
            "shared self-evaluation",
            Record::SelfEvaluation { author: &s, shared: true },
            &[Myself, Manager, SkipLevel],
            &[Myself],
        );
        let allowed: Vec<Role> = EVERYONE
            .into_iter()
            .filter(|r| decide(*r, &Action::CommentOnSelfEvaluation(&s)))
            .collect();
        assert_eq!(allowed, [Manager]);
    }

    #[test]
    fn pips_flight_risk_and_succession() {
        let s = subject();
        row(
            "PIP",
            Record::Pip { about: &s },
            &[Myself, Manager, SkipLevel, AboveSkip, Hr],
            &[Manager, Hr],
        );
        row(
            "flight-risk flag",
            Record::FlightRisk { about: &s, flagged_by: MANAGER },
            &[Manager, SkipLevel, AboveSkip, Hr, Executive],
            &[Manager, SkipLevel, AboveSkip, Hr],
        );
        // Never the employee, even one with the HR grant.
        let hr_subject = Subject { id: HR, manager_chain: vec![TOP] };
        assert!(
            read(&hr(HR), &Record::FlightRisk { about: &hr_subject, flagged_by: TOP }).is_none()
        );
        row(
            "succession plan",
            Record::SuccessionPlan { names: &[TOP] },
            &[Executive, Hr],
            &[Executive, Hr],
        );
    }

    /// Grants never widen what someone sees about themselves.
    #[test]
    fn hr_or_a_participant_who_is_the_subject_sees_only_what_a_subject_may() {
        let hr_self = Subject { id: HR, manager_chain: vec![TOP] };
        let me = hr(HR);
        let feedback = Record::PeerFeedback {
            author: PEER,
            about: &hr_self,
            submitted: true,
            delivered: false,
            anonymous_cycle: true,
            responses: 2,
        };
        assert_eq!(read(&me, &feedback), None, "not before delivery");
        let delivered_few = Record::PeerFeedback {
            author: PEER,
            about: &hr_self,
            submitted: true,
            delivered: true,
            anonymous_cycle: true,
            responses: 2,
        };
        assert_eq!(read(&me, &delivered_few), None, "not under the anonymity threshold");
        let participants = [HR];
        let assessment = Record::ManagerAssessment {
            about: &hr_self,
            calibration_participants: &participants,
            calibration_started: true,
            delivered: false,
        };
        assert_eq!(
            read(&me, &assessment),
            None,
            "own assessment only after delivery, even as a participant"
        );
        let packet = Record::PromotionPacket {
            about: &hr_self,
            calibration_participants: &participants,
            decided: false,
        };
        assert_eq!(read(&me, &packet), Some(Visibility::StatusOnly));
        assert!(!write(&me, &Record::Pip { about: &hr_self }), "no editing one's own PIP");
        assert!(
            !write(&me, &Record::FlightRisk { about: &hr_self, flagged_by: TOP }),
            "no flagging oneself"
        );
        assert_eq!(
            read(&me, &Record::Pip { about: &hr_self }),
            Some(Visibility::Full),
            "but one's own PIP is readable"
        );
    }

    #[test]
    fn demographics_and_the_audit_log() {
        row("demographic attributes", Record::DemographicAttributes, &[Hr], &[Hr]);
        row("audit log", Record::AuditLog, &[Hr], &[]);
    }

    /// Nobody decides their own outcome: each grant-holder (HR, an executive, a calibration
    /// participant, facilitator or panel member) is refused every record and action that
    /// decides something about themselves, while the same about someone else is allowed, so
    /// each refusal is the self rule and not a missing grant.
    #[test]
    fn nobody_decides_their_own_outcome() {
        for (label, me) in
            [("HR", hr(HR)), ("an executive", exec(EXEC)), ("a participant", viewer(PARTICIPANT))]
        {
            let id = me.person_id;
            // Managed by themselves in every role that decides, in the room, on the panel:
            // the only reason left to refuse is that it is about themselves.
            let own = Subject { id, manager_chain: vec![id, id] };
            let other = Subject { id: SELF, manager_chain: vec![id, id] };
            let in_room = [id];
            for (about, is_own) in [(&other, false), (&own, true)] {
                let expected = |granted: bool| granted && !is_own;
                let board = [about.id];
                let writes = [
                    (
                        "a manager assessment",
                        Record::ManagerAssessment {
                            about,
                            calibration_participants: &in_room,
                            calibration_started: false,
                            delivered: false,
                        },
                    ),
                    (
                        "a promotion packet",
                        Record::PromotionPacket {
                            about,
                            calibration_participants: &in_room,
                            decided: false,
                        },
                    ),
                    ("a PIP", Record::Pip { about }),
                    ("a flight-risk flag", Record::FlightRisk { about, flagged_by: TOP }),
                    (
                        "a calibration row",
                        Record::CalibrationEntry {
                            person: about.id,
                            participants: &in_room,
                            finalised: false,
                        },
                    ),
                ];
                // A succession plan naming them (incumbent or candidate) is neither theirs to
                // write nor to read; executives and HR hold the grant for everyone else's.
                let plan = || Record::SuccessionPlan { names: &board };
                let planner = me.is_executive || me.is_hr_admin;
                let writes_plan = check(&me, &Action::Write(plan())).is_ok();
                assert_eq!(
                    writes_plan,
                    planner && !is_own,
                    "{label} writes a succession plan ({is_own})"
                );
                let reads_plan = check(&me, &Action::Read(plan())).is_ok();
                assert_eq!(
                    reads_plan,
                    planner && !is_own,
                    "{label} reads a succession plan ({is_own})"
                );
                for (name, record) in writes {
                    let allowed = check(&me, &Action::Write(record)).is_ok();
                    assert_eq!(
                        allowed,
                        expected(true),
                        "{label} writes {name} (their own: {is_own})"
                    );
                }
                let hr_only = me.is_hr_admin;
                let actions = [
                    ("finalise a rating", Action::FinaliseRating(about), hr_only),
                    ("name a promotion panel", Action::SetPromotionPanel(about), hr_only),
                    (
                        "calibrate a promotion",
                        Action::CalibratePromotion { about, panel: &in_room },
                        true,
                    ),
                    ("decide a promotion", Action::DecidePromotion(about), true),
                    ("deliver a review", Action::DeliverReview(about), true),
                    (
                        "appeal a change",
                        Action::RaiseAppeal { about, participants: &in_room },
                        true,
                    ),
                    (
                        "record potential",
                        Action::RecordPotential { about, participants: &in_room },
                        true,
                    ),
                    ("read the review evidence", Action::ReadReviewEvidence(about), true),
                    (
                        "resolve an appeal",
                        Action::ResolveAppeal { facilitator: id, about: about.id },
                        true,
                    ),
                    (
                        "finalise a board",
                        Action::FinaliseCalibration { facilitator: id, on_board: &board },
                        true,
                    ),
                ];
                for (name, action, granted) in actions {
                    let allowed = check(&me, &action).is_ok();
                    assert_eq!(allowed, expected(granted), "{label}: {name} (their own: {is_own})");
                }
            }
            // What is theirs to write about themselves stays theirs.
            assert!(
                write(&me, &Record::SelfAssessment { author: &own, submitted: false }),
                "{label}"
            );
            assert!(write(&me, &Record::SelfEvaluation { author: &own, shared: false }), "{label}");
            assert!(write(&me, &Record::IndividualOkr { owner: &own, private: false }), "{label}");
        }
    }
}
