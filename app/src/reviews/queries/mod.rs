//! Server-only queries of review cycles. Drafts are saved with a version check (a stale tab
//! changes nothing and learns so); launching a cycle writes every review and its messages in
//! one transaction.

use super::notifications;
use super::types::*;
use crate::db::schema::{
    manager_assessments, peer_feedback, people, review_cycles, reviews, self_assessments,
};
use crate::db::DbConn;
use crate::kernel::{
    CycleId, DepartmentId, PeerFeedbackId, PersonId, Rating, ReviewId, COUNT_UP_TO,
};
use crate::org::queries as org;
use crate::org::types::PersonSummary;
use crate::per_backend;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

mod awaiting_final;
mod completion;
mod cycles;
mod delivery;
mod exceptions;
mod export;
mod lists;
mod my_work;
mod peers;
mod review;
pub mod tallies;

pub use awaiting_final::*;
pub use completion::*;
pub use cycles::*;
pub use delivery::*;
pub use exceptions::*;
pub use export::*;
pub use lists::*;
pub use my_work::*;
pub use peers::*;
pub use review::*;
pub use tallies::{completion_by_branch, completion_of_cycle, keeping_tallies, recount_tallies};
