//! Server-only queries of promotions. A packet cites the ladder version that was current
//! when it was opened, so its criteria never shift under it. Every change of state writes
//! an event (the packet's timeline) in the same transaction.

use super::types::*;
use crate::db::schema::{
    flight_risk_flags, level_history, people, promotion_endorsements, promotion_events,
    promotion_evidence, promotion_packets, promotion_panel, self_evaluation_comments,
    self_evaluation_items, self_evaluations,
};
use crate::db::DbConn;
use crate::kernel::{EndorsementId, PacketId, PersonId, SelfEvaluationId};
use crate::ladders::queries as ladders;
use crate::ladders::types::{Ladder, LadderLevel};
use crate::org::queries as org;
use crate::org::types::{Level, PersonSummary, Track};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::sync::Arc;

fn level(track: &str, number: i32) -> Level {
    let track = Track::parse(track).unwrap_or(Track::Ic);
    Level::new(track, number as u8).unwrap_or(Level { track, number: 1 })
}

fn summary_of(all: &[PersonSummary], id: PersonId) -> PersonSummary {
    all.iter().find(|p| p.id == id).cloned().unwrap_or_else(PersonSummary::former_colleague)
}

/// The criteria of `target` in a cited ladder version.
pub fn target_level(ladder: &Ladder, target: Level) -> QueryResult<LadderLevel> {
    ladder.level(target).cloned().ok_or(diesel::result::Error::NotFound)
}

mod lists;
mod packet;
mod self_evaluation;
mod workflow;

pub use lists::*;
pub use packet::*;
pub use self_evaluation::*;
pub use workflow::*;
