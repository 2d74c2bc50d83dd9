//! Review work waiting for someone on My work: their self-assessment, peers to propose or
//! approve, feedback to write, assessments to write and deliver, a review to acknowledge.

use crate::areas::todos::TodoContext;
use crate::db::DbConn;
use crate::error::AppError;
use crate::home::api::Todo;

pub fn todos(c: &mut DbConn, context: &TodoContext) -> Result<Vec<Todo>, AppError> {
    Ok(super::queries::todos(c, context.me, context.reports)?
        .into_iter()
        .map(|(text, href, due)| Todo { text, href, due, today: context.today })
        .collect())
}
