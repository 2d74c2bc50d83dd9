//! Promotion work waiting for someone on My work: endorsements to write, panels to name
//! (HR), calibrations to hold, decisions to make as a skip-level.

use super::{queries, types::*};
use crate::areas::todos::TodoContext;
use crate::db::DbConn;
use crate::error::AppError;
use crate::home::api::Todo;
use crate::policy::Action;

pub fn todos(c: &mut DbConn, context: &TodoContext) -> Result<Vec<Todo>, AppError> {
    let me = context.me;
    // Each step is due two weeks after the packet reached it (`rules::STEP_DAYS`).
    let todo = |text: String, href: String, since: chrono::NaiveDateTime| Todo {
        text,
        href,
        due: Some(super::rules::step_due(since)),
        today: context.today,
    };
    let mut todos = Vec::new();
    for p in queries::packets_to_decide(c, me)? {
        todos.push(todo(
            format!("Decide on {}'s promotion to {}", p.person.name, p.target.label()),
            format!("/promotions/packets/{}", p.id),
            p.updated_at,
        ));
    }
    // HR names each submitted packet's panel; the policy says who may (never for oneself).
    if crate::policy::names_promotion_panels(context.viewer) {
        for p in queries::packets_awaiting_panel(c)? {
            let subject = crate::policy::Subject { id: p.person.id, manager_chain: Vec::new() };
            if crate::policy::check(context.viewer, &Action::SetPromotionPanel(&subject)).is_ok() {
                todos.push(todo(
                    format!(
                        "Name the panel for {}'s promotion to {}",
                        p.person.name,
                        p.target.label()
                    ),
                    format!("/promotions/packets/{}", p.id),
                    p.updated_at,
                ));
            }
        }
    }
    for p in queries::packets_on_panel(c, me)? {
        todos.push(todo(
            format!("Promotion calibration: {} for {}", p.person.name, p.target.label()),
            format!("/promotions/packets/{}", p.id),
            p.updated_at,
        ));
    }
    for (id, person, target, status, requested_at) in queries::endorsements_asked(c, me)? {
        if status == EndorsementStatus::Requested {
            todos.push(todo(
                format!("Write an endorsement for {} ({})", person.name, target.label()),
                format!("/promotions/endorsements/{id}"),
                requested_at,
            ));
        }
    }
    Ok(todos)
}
