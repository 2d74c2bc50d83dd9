//! The directory's text search: a substring of someone's name, title or email
//! (`people.search_text`, lower case), answered from an index of three-letter pieces so a
//! search reads its matches rather than the whole company. PostgreSQL's trigram index
//! (pg_trgm, GIN) serves `LIKE '%q%'` itself; SQLite keeps an FTS5 table with the trigram
//! tokenizer (`people_search`, kept in step by triggers), asked with a quoted phrase.
//!
//! An index of pieces is fast for a rare text and slow for a common one: "okafor" matches one
//! person, "senior" a third of the company, and reading a third of the company through the
//! index to sort it by name is what the scan was. So SQLite first counts the index's matches,
//! up to [`COUNT_UP_TO`]: a common text is searched by walking people in name order, which
//! finds a page of matches within a few pages of people. PostgreSQL's planner makes the same
//! choice from its statistics. A text of one or two letters has no piece of three inside a
//! word, so it matches the start of a word ("wu" finds "Li Wu", not "Wubbe" inside an email):
//! PostgreSQL's trigram index pads each word, so a word's first letters are pieces it holds;
//! SQLite reads everyone for those (about 8 ms at 50,000 people).

use super::*;

pub use crate::kernel::COUNT_UP_TO;

/// How a search's text is matched.
pub(super) enum TextMatch {
    /// `search_text LIKE '%text%'` (wildcards in the text escaped).
    Like(String),
    /// SQLite only: the ids in `people_search` matching this FTS5 phrase.
    Trigrams(String),
    /// A word starting with the text: `search_text LIKE 'text%' OR LIKE '% text%'`.
    WordStart { first: String, later: String },
}

/// How to match `text` on this connection; `None` for an empty search.
pub(super) fn text_match(conn: &mut DbConn, text: &str) -> QueryResult<Option<TextMatch>> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() < 3 {
        let escaped = escape_like(&text);
        return Ok(Some(TextMatch::WordStart {
            first: format!("{escaped}%"),
            later: format!("% {escaped}%"),
        }));
    }
    let like = TextMatch::Like(format!("%{}%", escape_like(&text)));
    let DbConn::Sqlite(sqlite) = conn else {
        return Ok(Some(like));
    };
    let phrase = fts_phrase(&text);
    #[derive(QueryableByName)]
    struct Matches {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let Matches { n } = diesel::sql_query(format!(
        "SELECT COUNT(*) AS n FROM \
           (SELECT rowid FROM people_search WHERE people_search MATCH ? LIMIT {})",
        COUNT_UP_TO + 1
    ))
    .bind::<diesel::sql_types::Text, _>(&phrase)
    .get_result(sqlite)?;
    Ok(Some(if n > COUNT_UP_TO { like } else { TextMatch::Trigrams(phrase) }))
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
