//! Server functions of promotions. Each asks the policy first; every change of a packet's
//! state is audited and lands on the packet's timeline in the same transaction.

use super::types::*;
use crate::error::AppError;
use crate::kernel::{EndorsementId, PacketId, PersonId, SelfEvaluationId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{queries, rules},
    crate::audit::Target,
    crate::context,
    crate::db::DbConn,
    crate::error::FieldError,
    crate::ladders::{queries as ladder_queries, rules as ladder_rules},
    crate::org::queries as org,
    crate::org::types::Level,
    crate::policy::{self, Action, Record, Subject, Visibility},
};

#[cfg(feature = "ssr")]
fn limited(field: &str, text: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let text = text.trim().to_string();
    if text.chars().count() > max {
        errors.push(FieldError::new(field, format!("Keep this under {max} characters.")));
    }
    text
}

/// Everything a packet's policy decisions need: its row, subject and panel.
#[cfg(feature = "ssr")]
struct PacketContext {
    row: queries::PacketRow,
    subject: Subject,
    panel: Vec<PersonId>,
}

#[cfg(feature = "ssr")]
async fn packet_context(id: PacketId) -> Result<PacketContext, AppError> {
    context::facts(move |c| {
        let row = queries::packet_row(c, id)?;
        let subject = org::subject(c, row.person_id)?;
        let panel = queries::panel(c, id)?;
        Ok(PacketContext { row, subject, panel })
    })
    .await
}

#[cfg(feature = "ssr")]
fn packet_record(ctx: &PacketContext) -> Record<'_> {
    Record::PromotionPacket {
        about: &ctx.subject,
        calibration_participants: &ctx.panel,
        decided: ctx.row.status().is_decided(),
    }
}

mod endorsements;
mod overview;
mod packet;
mod self_evaluation;

pub use endorsements::*;
pub use overview::*;
pub use packet::*;
pub use self_evaluation::*;
