//! Closed sets of values stored in text columns (statuses, ratings, outcomes): readable in
//! the database and in audit rows, and parsed back to the enum at the edge.

/// A closed set of values stored as text: `as_str` for the database, `parse` back.
macro_rules! stored_as_text {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == raw)
            }
        }
    };
}
pub(crate) use stored_as_text;
