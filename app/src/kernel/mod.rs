//! What every area shares: record ids, the signed-in viewer, the rating scale, text-backed
//! enums, the outbox and the fields kept from a refused form. Areas depend on the kernel; the kernel depends on no area.

pub mod dates;
pub mod email;
#[cfg(test)]
pub mod fuzz;
pub mod ids;
#[cfg(feature = "ssr")]
pub mod kept_forms;
pub mod outbox;
pub mod rating;
pub mod text_enum;
pub mod viewer;

/// How far a list that could match much of the company counts its matches (it reads one past
/// this); beyond it, pages say "more than" instead of reading everything to count it.
pub const COUNT_UP_TO: i64 = 1_000;

pub use dates::form_date;
pub use ids::*;
pub use rating::Rating;
pub(crate) use text_enum::stored_as_text;
pub use viewer::Viewer;
