//! Review work waiting for someone on My work: their self-assessment, peers to propose or
//! approve, feedback to write, assessments to write and deliver, a review to acknowledge, and
//! for HR the final ratings no calibration board covers.

use crate::areas::todos::TodoContext;
use crate::db::DbConn;
use crate::error::AppError;
use crate::home::api::Todo;

pub fn todos(c: &mut DbConn, context: &TodoContext) -> Result<Vec<Todo>, AppError> {
    let mut todos: Vec<Todo> = super::queries::todos(c, context.me, context.reports)?
        .into_iter()
        .map(|(text, href, due)| Todo { text, href, due, today: context.today })
        .collect();
    // HR: the ratings no calibration board covers are finalised on the cycle page.
    if crate::policy::finalises_ratings(context.viewer) {
        for (cycle, name, due, count) in super::queries::ratings_to_finalise(c, context.me)? {
            let ratings = if count == 1 { "rating".into() } else { format!("{count} ratings") };
            todos.push(Todo {
                text: format!("Finalise {ratings} no calibration board covers ({name})"),
                href: format!("/reviews/cycles/{cycle}#final-ratings"),
                due: Some(due),
                today: context.today,
            });
        }
    }
    Ok(todos)
}
