//! Loading a company's people from its HR system's file: read it (`sheet`), decide what it
//! would do (`plan`, pure), show that to HR, and apply it in one transaction (`apply`).
//! Nothing is written while any problem remains, and people missing from the file are never
//! removed unless HR says they left.

pub mod apply;
pub mod plan;
pub mod sheet;

pub use apply::{apply, existing_people, export_rows, Applied};
pub use plan::{plan, Plan};
pub use sheet::{read, Column, Sheet};

/// Something wrong with the file: where (a line as a spreadsheet numbers it, 0 for the file
/// itself; the column) and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: Option<&'static str>,
    pub message: String,
}

impl Problem {
    pub fn file(message: impl Into<String>) -> Self {
        Self { line: 0, column: None, message: message.into() }
    }

    pub fn at(line: usize, column: Option<Column>, message: String) -> Self {
        Self { line, column: column.map(Column::header), message }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.message),
            (line, Some(column)) => write!(f, "line {line}, {column}: {}", self.message),
            (line, None) => write!(f, "line {line}: {}", self.message),
        }
    }
}
