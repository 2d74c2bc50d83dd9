//! "My work": what the signed-in person must do now, and where they stand.

mod api;
mod page;

pub use api::{get_my_work, MyWork};
pub use page::MyWorkPage;
