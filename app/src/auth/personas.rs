//! The personas the demo sign-in page offers. The demo seeder stores them with the company it
//! writes; their presence is what marks a database as the demo (demo sign-in is never offered
//! over real data).

use super::types::DemoPersona;
use crate::db::{self, DbConn};
use diesel::QueryResult;

const PERSONAS_KEY: &str = "demo_personas";

/// Records the personas of a demo company, in the transaction that writes it.
pub fn store(conn: &mut DbConn, personas: &[DemoPersona]) -> QueryResult<()> {
    let json = serde_json::to_string(personas).expect("personas serialise");
    db::set_setting(conn, PERSONAS_KEY, &json)
}

/// The personas of the seeded demo company (empty when the data is not a demo).
pub fn offered(conn: &mut DbConn) -> QueryResult<Vec<DemoPersona>> {
    Ok(db::setting(conn, PERSONAS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// Whether the database holds the demo company (so demo sign-in may be offered).
pub fn is_demo(conn: &mut DbConn) -> QueryResult<bool> {
    Ok(db::setting(conn, PERSONAS_KEY)?.is_some())
}
