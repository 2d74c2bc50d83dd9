//! The directory's text search over someone's name, email and title (`people.search_text`,
//! lower case). The rule is a LIKE, the same on both databases: a text of three letters or
//! more matches anywhere (`%text%`); one or two letters match the start of a word, after a
//! space or at the beginning (`text%` or `% text%`: "wu" finds "Li Wu", not "Wubbe" inside a
//! word). The rule is answered from an index, so a search reads its matches rather than the
//! whole company: PostgreSQL's trigram index (pg_trgm, GIN) serves both LIKEs itself (it pads
//! each word, so a word's first letters are pieces it holds). SQLite keeps two FTS5 tables
//! in step by triggers, whose matches contain every match of the rule: `people_search`
//! (trigram tokenizer: any piece of three letters) and `people_words` (words, with prefix
//! indexes for their first one and two letters); the LIKE then keeps the exact matches.
//!
//! An index is fast for a rare text and slow for a common one: "okafor" matches one person,
//! "senior" a third of the company, and reading a third of the company through an index to
//! sort it by name is what a scan was. So SQLite first counts the index's matches up to
//! [`COUNT_UP_TO`]: a common text is searched by walking people in name order, which finds a
//! page of matches within a few pages of people. PostgreSQL's planner makes the same choice
//! from its statistics.

use super::*;

pub use crate::kernel::COUNT_UP_TO;

/// How a search's text is matched.
pub(super) struct TextMatch {
    /// The rule, on both databases.
    pub rule: LikeRule,
    /// SQLite: an index query whose matches contain every match of the rule, when there are
    /// few enough of them to read (at most [`COUNT_UP_TO`]).
    pub candidates: Option<Candidates>,
}

pub(super) enum LikeRule {
    /// `search_text LIKE '%text%'` (the text's wildcards escaped).
    Anywhere(String),
    /// `search_text LIKE 'text%' OR search_text LIKE '% text%'`.
    WordStart { first: String, later: String },
}

/// An FTS5 table of SQLite's and what to ask it.
pub(super) struct Candidates {
    pub table: &'static str,
    pub query: String,
}

/// How to match `text` on this connection; `None` for an empty search.
pub(super) fn text_match(conn: &mut DbConn, text: &str) -> QueryResult<Option<TextMatch>> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Ok(None);
    }
    let escaped = escape_like(&text);
    let short = text.chars().count() < 3;
    let rule = if short {
        LikeRule::WordStart { first: format!("{escaped}%"), later: format!("% {escaped}%") }
    } else {
        LikeRule::Anywhere(format!("%{escaped}%"))
    };
    let candidates = match conn {
        // Words are letters and digits: a text without any has no word to look up.
        DbConn::Sqlite(_) if short && !text.chars().any(char::is_alphanumeric) => None,
        DbConn::Sqlite(_) if short => {
            Some(Candidates { table: "people_words", query: format!("{} *", fts_phrase(&text)) })
        }
        DbConn::Sqlite(_) => Some(Candidates { table: "people_search", query: fts_phrase(&text) }),
        DbConn::Postgres(_) => None,
    };
    let candidates = match (conn, candidates) {
        (DbConn::Sqlite(sqlite), Some(c)) => {
            (count_up_to_cap(sqlite, &c)? <= COUNT_UP_TO).then_some(c)
        }
        _ => None,
    };
    Ok(Some(TextMatch { rule, candidates }))
}

/// After a bulk load, merges SQLite's search indexes into one segment each. Rows inserted in
/// batches leave FTS5 many small segments, and a lookup visits every one: at 50,000 people
/// the name search answered 507 req/s before and 1,537 after (benchmark run 13's machine,
/// `wrk`). Single changes later are merged by FTS5 as it goes. PostgreSQL needs nothing.
pub fn compact_search_index(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Sqlite(c) = conn {
        use diesel::connection::SimpleConnection;
        c.batch_execute(
            "INSERT INTO people_search (people_search) VALUES ('optimize'); \
             INSERT INTO people_words (people_words) VALUES ('optimize');",
        )?;
    }
    Ok(())
}

/// How many rows the index query matches, counted up to one past [`COUNT_UP_TO`].
fn count_up_to_cap(conn: &mut diesel::SqliteConnection, c: &Candidates) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Matches {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let table = c.table;
    let Matches { n } = diesel::sql_query(format!(
        "SELECT COUNT(*) AS n FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT {})",
        COUNT_UP_TO + 1
    ))
    .bind::<diesel::sql_types::Text, _>(&c.query)
    .get_result(conn)?;
    Ok(n)
}

/// The text as one FTS5 phrase: in double quotes (a quote inside doubled), so every character
/// is text to find, never query syntax.
fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The text with LIKE's wildcards escaped, so a search for "50%" means "50%".
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape_like, fts_phrase};

    #[test]
    fn search_text_is_never_query_syntax() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
        assert_eq!(fts_phrase("o\"neil*"), "\"o\"\"neil*\"");
    }
}
