//! Server-only queries of calibration. The board is read in a fixed number of set-based
//! queries whatever its size (a 1,000-person board is the budget); every change is a
//! compare-and-set on the entry's version, written with its history row and a bump of the
//! session's version in one transaction.

use super::rules;
use super::types::*;
use crate::db::schema::{
    calibration_appeals, calibration_changes, calibration_entries, calibration_participants,
    calibration_sessions, manager_assessments, people, person_attributes, review_cycles, reviews,
    teams,
};
use crate::db::DbConn;
use crate::kernel::{
    AppealId, ChangeId, CycleId, DepartmentId, EntryId, PersonId, Rating, ReviewId, SessionId,
    TeamId,
};
use crate::org::types::{Level, Track};
use crate::per_backend;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

const CHUNK: usize = 1_000;

mod appeals;
mod board;
mod fairness;
mod finalising;
mod sessions;

pub use appeals::*;
pub use board::*;
pub use fairness::*;
pub use finalising::*;
pub use sessions::*;
