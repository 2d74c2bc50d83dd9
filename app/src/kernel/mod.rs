//! What every area shares: record ids, the signed-in viewer, the rating scale, text-backed
//! enums and the outbox. Areas depend on the kernel; the kernel depends on no area.

pub mod ids;
pub mod outbox;
pub mod rating;
pub mod text_enum;
pub mod viewer;

pub use ids::*;
pub use rating::Rating;
pub(crate) use text_enum::stored_as_text;
pub use viewer::Viewer;
