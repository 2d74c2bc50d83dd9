//! The demo company's promotion history: everyone's level history, packets in every state
//! (draft, in calibration, waiting for a decision, approved and in effect, not supported),
//! endorsements, a flight-risk flag for the retention warning, and Tom Becker's shared
//! self-evaluation. Written through the same queries the product uses.

use crate::db::schema::{flight_risk_flags, level_history};
use crate::db::DbConn;
use crate::demo::{DemoCompany, NewPerson, PERSONAS};
use crate::kernel::{PacketId, PersonId};
use crate::ladders::queries as ladders;
use crate::org::types::{Level, Track};
use crate::per_backend;
use crate::promotions::queries::{self, PacketEdit};
use crate::promotions::types::{EndorsementStatus, PacketStatus};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Insertable)]
#[diesel(table_name = level_history)]
struct NewLevel {
    person_id: PersonId,
    track: String,
    level: i32,
    effective_on: NaiveDate,
    reason: &'static str,
    packet_id: Option<PacketId>,
    created_at: NaiveDateTime,
}

fn level_of(p: &NewPerson) -> Level {
    let track = Track::parse(&p.track).unwrap_or(Track::Ic);
    Level::new(track, p.level as u8).unwrap_or(Level { track, number: 1 })
}

/// Everyone's levels: hired at their level, or (after two years, above the first level)
/// hired one level lower and promoted half-way through their tenure.
fn level_history_rows(company: &DemoCompany, now: NaiveDateTime) -> Vec<NewLevel> {
    let mut rows = Vec::with_capacity(company.people.len() * 2);
    for p in &company.people {
        let tenure = (now.date() - p.hire_date).num_days();
        let promoted = tenure > 730 && p.level > 1 && p.id.0 % 3 != 0;
        let start = if promoted { p.level - 1 } else { p.level };
        rows.push(NewLevel {
            person_id: p.id,
            track: p.track.clone(),
            level: start,
            effective_on: p.hire_date,
            reason: "hired",
            packet_id: None,
            created_at: now,
        });
        if promoted {
            rows.push(NewLevel {
                person_id: p.id,
                track: p.track.clone(),
                level: p.level,
                effective_on: p.hire_date + Duration::days(tenure / 2),
                reason: "promotion",
                packet_id: None,
                created_at: now,
            });
        }
    }
    rows
}

pub fn seed(conn: &mut DbConn, company: &DemoCompany, today: NaiveDate) -> QueryResult<()> {
    let now = today.and_hms_opt(9, 0, 0).expect("valid time");
    let rows = level_history_rows(company, now);
    for chunk in rows.chunks(1_000) {
        per_backend!(conn, |c| diesel::insert_into(level_history::table).values(chunk).execute(c))?;
    }

    let Some(engineering) = company.departments.iter().find(|d| d.name == "Engineering") else {
        return Ok(());
    };
    let ladder = ladders::ladder_id(conn, "engineering")?;
    let version_id = ladders::latest_version_id(conn, ladder)?;
    let (_, _, parsed) = ladders::by_version_id(conn, version_id)?;
    let by_email = |email: &str| company.people.iter().find(|p| p.email == email);
    let (Some(tom), Some(elena)) = (by_email(PERSONAS[0].1), by_email(PERSONAS[1].1)) else {
        return Ok(());
    };
    let hr = by_email(PERSONAS[3].1).map(|p| p.id);
    let persona_ids: Vec<PersonId> =
        PERSONAS.iter().filter_map(|(_, e)| by_email(e)).map(|p| p.id).collect();
    // Looked up by id (a scan per lookup would make seeding 50,000 people quadratic).
    let by_id: std::collections::HashMap<PersonId, &NewPerson> =
        company.people.iter().map(|p| (p.id, p)).collect();
    let manager_of = |id: PersonId| by_id.get(&id).and_then(|p| p.manager_id);

    // Candidates: active engineers below L5 outside Elena's team (her team stays free for the
    // walkthrough in the README), whose manager has a manager (a skip-level to decide).
    let candidates: Vec<&NewPerson> = company
        .people
        .iter()
        .filter(|p| {
            p.department_id == engineering.id
                && p.track == "ic"
                && p.level < 5
                && p.status == "active"
        })
        .filter(|p| p.team_id != elena.team_id && !persona_ids.contains(&p.id))
        .filter(|p| p.manager_id.and_then(manager_of).is_some())
        .collect();
    let states = [
        PacketStatus::Draft,
        PacketStatus::Submitted,
        PacketStatus::Calibrated,
        PacketStatus::Approved,
        PacketStatus::Declined,
    ];
    let mut used_teams = Vec::new();
    let mut chosen = Vec::new();
    for p in &candidates {
        if chosen.len() == states.len() {
            break;
        }
        if !used_teams.contains(&p.team_id) {
            used_teams.push(p.team_id);
            chosen.push(*p);
        }
    }
    for (person, status) in chosen.into_iter().zip(states) {
        let manager = person.manager_id.expect("filtered");
        let skip = manager_of(manager).expect("filtered");
        let from = level_of(person);
        let Some(target) =
            Level::new(Track::Ic, from.number + 1).filter(|l| parsed.level(*l).is_some())
        else {
            continue;
        };
        let target_level = parsed.level(target).expect("checked").clone();
        let at = |days_ago: i64| now - Duration::days(days_ago);
        let id = queries::open_packet(conn, person.id, manager, version_id, from, target, at(40))?;
        let teammates: Vec<&NewPerson> = company
            .people
            .iter()
            .filter(|p| {
                p.team_id == person.team_id
                    && p.id != person.id
                    && p.id != manager
                    && p.status == "active"
            })
            .take(3)
            .collect();
        // Evidence for all but one criterion in the draft, for every criterion otherwise.
        let evidence: Vec<(usize, String)> = target_level
            .criteria
            .iter()
            .enumerate()
            .filter(|(i, _)| status != PacketStatus::Draft || *i + 1 < target_level.criteria.len())
            .map(|(i, c)| {
                (
                    i,
                    format!(
                        "{} Example from this half: {}",
                        demo_evidence(i),
                        c.examples.first().cloned().unwrap_or_default()
                    ),
                )
            })
            .collect();
        let edit = PacketEdit {
            evidence_summary: format!(
                "{} has worked at {} scope since the spring: led two cross-team projects end to end, mentored two engineers, and ran the incident reviews for the team.",
                person.name, target.label()
            ),
            business_case: if status == PacketStatus::Draft {
                "Has been with us for five years and is overdue for a promotion.".into()
            } else {
                "The team's roadmap for next year needs a second engineer setting technical direction across the payments and ledger systems; this person already does it.".into()
            },
            performing_since: Some(today - Duration::days(if status == PacketStatus::Draft { 120 } else { 240 })),
            evidence,
        };
        queries::save_packet(conn, id, 1, &edit, at(38))?;
        let mut version = 2;
        for mate in teammates.iter().take(if status == PacketStatus::Draft { 1 } else { 3 }) {
            queries::request_endorsement(conn, id, mate.id, at(37))?;
        }
        if status == PacketStatus::Draft {
            continue;
        }
        for (n, mate) in teammates.iter().take(2).enumerate() {
            let endorsement = queries::endorsements_asked(conn, mate.id)?
                .into_iter()
                .find(|e| e.1.id == person.id)
                .map(|e| e.0);
            if let Some(e) = endorsement {
                let body = if n == 0 {
                    format!("When our deploy pipeline broke during the ledger cut-over, {} coordinated three teams, wrote the rollback plan and kept everyone informed; we shipped a day later with no data loss.", person.name)
                } else {
                    format!("{} reviewed my design for the refunds service in depth and paired with me for a week on the tricky parts; I now run that service on my own.", person.name)
                };
                queries::answer_endorsement(
                    conn,
                    e,
                    EndorsementStatus::Written,
                    &body,
                    at(30 - n as i64),
                )?;
            }
        }
        queries::change_status(
            conn,
            id,
            version,
            PacketStatus::Submitted,
            manager,
            "Submitted for promotion calibration",
            at(28),
        )?;
        version += 1;
        let panel: Vec<PersonId> = company
            .people
            .iter()
            .filter(|p| {
                p.department_id == engineering.id
                    && p.status == "active"
                    && p.id != person.id
                    && p.id != manager
            })
            .filter(|p| level_of(p).seniority() >= target.seniority() && p.track == "ic")
            .take(2)
            .map(|p| p.id)
            .collect();
        queries::set_panel(conn, id, &panel)?;
        if status == PacketStatus::Submitted {
            // The retention warning: this person is flagged, and the packet says so to those
            // who may know.
            diesel::insert_into(flight_risk_flags::table)
                .values((
                    flight_risk_flags::person_id.eq(person.id),
                    flight_risk_flags::flagged_by.eq(manager),
                    flight_risk_flags::risk.eq("high"),
                    flight_risk_flags::reason
                        .eq("Has mentioned an offer from a competitor in the last 1:1."),
                    flight_risk_flags::created_at.eq(at(20)),
                ))
                .execute(conn)?;
            continue;
        }
        let supported = status != PacketStatus::Declined;
        let notes = if supported {
            "The panel saw consistent evidence at the target level across all five dimensions, confirmed by two endorsements."
        } else {
            "The panel found strong execution but little evidence yet of leadership beyond the team; revisit after the next cycle with a cross-team project."
        };
        let to = if supported { PacketStatus::Calibrated } else { PacketStatus::Declined };
        let actor = hr.unwrap_or(skip);
        queries::change_status(
            conn,
            id,
            version,
            to,
            actor,
            &format!(
                "Promotion calibration {}: {notes}",
                if supported { "supported it" } else { "did not support it" }
            ),
            at(20),
        )?;
        version += 1;
        queries::record_calibration(conn, id, supported, notes)?;
        if !supported {
            queries::record_decision(conn, id, actor, notes, None, at(20))?;
            continue;
        }
        if status == PacketStatus::Approved {
            let effective = today - Duration::days(10);
            let reason =
                "Approved: the evidence covers every criterion and the calibration was unanimous.";
            queries::change_status(
                conn,
                id,
                version,
                PacketStatus::Approved,
                skip,
                &format!("Approved, effective {}: {reason}", effective.format("%-d %B %Y")),
                at(12),
            )?;
            queries::record_decision(conn, id, skip, reason, Some(effective), at(12))?;
        }
    }
    // The demo's promotions take effect as they would have.
    queries::apply_due_promotions(conn, today, now)?;

    // Tom has checked himself against L3 and shared it; Elena answered.
    let tom_level = level_of(tom);
    if let Some(target) =
        Level::new(tom_level.track, tom_level.number + 1).filter(|l| parsed.level(*l).is_some())
    {
        let criteria = parsed.level(target).expect("checked").criteria.len();
        let items: Vec<(usize, String, String)> = (0..criteria.min(4))
            .map(|i| {
                (
                    i,
                    demo_self_evidence(i).to_string(),
                    "https://git.lumen.example/payments/merge_requests".to_string(),
                )
            })
            .collect();
        let earlier = now - Duration::days(9);
        queries::save_self_evaluation(conn, tom.id, version_id, target, 0, &items, earlier)?;
        if let Some(row) = queries::self_evaluation_for(conn, tom.id, version_id, target)? {
            queries::share_self_evaluation(conn, row.id, earlier)?;
            queries::add_comment(
                conn,
                row.id,
                elena.id,
                "Great start. The refunds design is strong evidence for the technical criteria; for leadership, let's find you a cross-team piece of work this quarter.",
                now - Duration::days(7),
            )?;
        }
    }
    Ok(())
}

fn demo_evidence(i: usize) -> &'static str {
    const LINES: [&str; 5] = [
        "Designed the ledger reconciliation service and its test strategy.",
        "Delivered the payouts migration two weeks early by splitting it into safe, reversible steps.",
        "Mentored two newer engineers through their first on-call rotations.",
        "Wrote the design note for idempotent retries that three teams now follow.",
        "Raised a data-retention concern early and led the fix with the privacy team.",
    ];
    LINES[i % LINES.len()]
}

fn demo_self_evidence(i: usize) -> &'static str {
    const LINES: [&str; 4] = [
        "Designed the refunds service end to end, including its failure modes and the migration plan.",
        "Wrote the load tests that caught the connection-pool bug before the Black Friday peak.",
        "Shipped the partial-refunds feature behind a flag and ran the rollout across three markets.",
        "Took over the flaky settlement job, found the race and wrote up the fix for the team.",
    ];
    LINES[i % LINES.len()]
}
