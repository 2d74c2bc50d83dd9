//! Pages of promotions: the overview for every role, a packet from draft to decision, an
//! endorsement request, and self-evaluations against the next level.

use super::api::*;
use super::types::*;
use crate::error::AppError;
use crate::kernel::SelfEvaluationId;
use crate::ui::format::{date, datetime_date};
use crate::ui::{
    id_param, EmptyState, ErrorSummary, FieldError, LoadError, Loading, PageHeader, PersonChip,
};
use leptos::form::ActionForm;
use leptos::prelude::*;

fn status_badge(status: PacketStatus) -> impl IntoView {
    let class = match status {
        PacketStatus::Approved => "badge badge--ok",
        PacketStatus::Declined => "badge badge--muted",
        PacketStatus::Draft => "badge",
        _ => "badge badge--warn",
    };
    view! { <span class=class>{status.label()}</span> }
}

mod endorsement;
mod overview;
mod packet;
mod self_evaluation;

pub use endorsement::*;
pub use overview::*;
pub use packet::*;
pub use self_evaluation::*;
