//! Promotion work waiting for someone on My work: endorsements to write, calibrations to
//! hold, decisions to make as a skip-level.

use super::{queries, types::*};
use crate::areas::todos::TodoContext;
use crate::db::DbConn;
use crate::error::AppError;
use crate::home::api::Todo;

pub fn todos(c: &mut DbConn, context: &TodoContext) -> Result<Vec<Todo>, AppError> {
    let me = context.me;
    let todo = |text: String, href: String| Todo { text, href, due: None, today: context.today };
    let mut todos = Vec::new();
    for p in queries::packets_to_decide(c, me)? {
        todos.push(todo(
            format!("Decide on {}'s promotion to {}", p.person.name, p.target.label()),
            format!("/promotions/packets/{}", p.id),
        ));
    }
    for p in queries::packets_on_panel(c, me)? {
        todos.push(todo(
            format!("Promotion calibration: {} for {}", p.person.name, p.target.label()),
            format!("/promotions/packets/{}", p.id),
        ));
    }
    for (id, person, target, status) in queries::endorsements_asked(c, me)? {
        if status == EndorsementStatus::Requested {
            todos.push(todo(
                format!("Write an endorsement for {} ({})", person.name, target.label()),
                format!("/promotions/endorsements/{id}"),
            ));
        }
    }
    Ok(todos)
}
