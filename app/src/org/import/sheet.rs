//! Reading a people file: the CSV an HR system or a spreadsheet exports (BambooHR, Personio,
//! HiBob, Workday...). UTF-8 with or without a byte-order mark, commas or semicolons, common
//! header spellings recognised, unknown columns listed and ignored.

use super::Problem;
use std::collections::HashMap;

/// Most rows one file may hold.
pub const MAX_ROWS: usize = 50_000;
/// Longest value of one cell, in characters.
pub const MAX_CELL: usize = 200;

/// A column Trellis reads from a people file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    EmployeeId,
    Email,
    Name,
    Title,
    Department,
    Team,
    Manager,
    Track,
    Level,
    HireDate,
    Location,
    Status,
    DepartedOn,
}

impl Column {
    pub const ALL: [Self; 13] = [
        Self::EmployeeId,
        Self::Email,
        Self::Name,
        Self::Title,
        Self::Department,
        Self::Team,
        Self::Manager,
        Self::Track,
        Self::Level,
        Self::HireDate,
        Self::Location,
        Self::Status,
        Self::DepartedOn,
    ];

    /// The header Trellis writes (and reads first).
    pub fn header(self) -> &'static str {
        match self {
            Self::EmployeeId => "employee_id",
            Self::Email => "email",
            Self::Name => "name",
            Self::Title => "title",
            Self::Department => "department",
            Self::Team => "team",
            Self::Manager => "manager",
            Self::Track => "track",
            Self::Level => "level",
            Self::HireDate => "hire_date",
            Self::Location => "location",
            Self::Status => "status",
            Self::DepartedOn => "departed_on",
        }
    }

    /// Other spellings HR systems and spreadsheets use, compared without case, spaces,
    /// dashes or underscores ("Work Email", "work_email" and "WorkEmail" are one).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::EmployeeId => {
                &["employeeid", "employeenumber", "id", "personnelnumber", "staffid", "workerid"]
            }
            Self::Email => {
                &["email", "workemail", "emailaddress", "workemailaddress", "mail", "username"]
            }
            Self::Name => &["name", "fullname", "displayname", "preferredname", "employeename"],
            Self::Title => &["title", "jobtitle", "position", "role"],
            Self::Department => &["department", "dept", "division"],
            Self::Team => &["team", "group", "subdepartment"],
            Self::Manager => &[
                "manager",
                "manageremail",
                "reportsto",
                "supervisor",
                "supervisoremail",
                "linemanager",
                "managerid",
            ],
            Self::Track => &["track", "careertrack", "ladder"],
            Self::Level => &["level", "joblevel", "grade", "band"],
            Self::HireDate => &["hiredate", "startdate", "hired", "dateofhire", "originalhiredate"],
            Self::Location => &["location", "office", "worklocation", "city"],
            Self::Status => &["status", "employmentstatus", "employeestatus"],
            Self::DepartedOn => {
                &["departedon", "departuredate", "terminationdate", "enddate", "leavingdate"]
            }
        }
    }

    /// The column a header names, if Trellis reads it.
    pub fn recognise(header: &str) -> Option<Self> {
        let key: String =
            header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        Self::ALL.into_iter().find(|c| c.aliases().contains(&key.as_str()))
    }
}

/// One row of the file: its line number (as a spreadsheet shows it) and the cells Trellis
/// reads, trimmed; a column the file does not have is absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: usize,
    pub cells: HashMap<Column, String>,
}

impl SheetRow {
    /// The cell of `column`, if the file has the column and the cell is not empty.
    pub fn get(&self, column: Column) -> Option<&str> {
        self.cells.get(&column).map(String::as_str).filter(|v| !v.is_empty())
    }
}

/// A file as read: the columns it has, those ignored, and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub columns: Vec<Column>,
    pub ignored: Vec<String>,
    pub rows: Vec<SheetRow>,
}

/// A cell without the apostrophe an export puts before text a spreadsheet would otherwise
/// run as a formula ("'=x" is the text "=x"), so an exported file imports unchanged.
fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest.trim_start_matches(['\t', '\r', ' ']).starts_with(['=', '+', '-', '@']) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Reads a people file. Problems of the file itself (not UTF-8, no email or name column, a
/// column twice, too many rows, a cell too long) come back together.
pub fn read(bytes: &[u8]) -> Result<Sheet, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![Problem::file(
            "The file is not UTF-8 text: save it as \"CSV UTF-8\" and try again.",
        )]);
    };
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter =
        if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![Problem::file(format!("The first line cannot be read: {e}."))]),
    };
    let mut columns: Vec<(usize, Column)> = Vec::new();
    let mut ignored = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        match Column::recognise(header) {
            Some(c) if columns.iter().any(|(_, seen)| *seen == c) => {
                problems.push(Problem::file(format!("Two columns mean {}: keep one.", c.header())))
            }
            Some(c) => columns.push((i, c)),
            None if header.trim().is_empty() => {}
            None => ignored.push(header.to_string()),
        }
    }
    for required in [Column::Email, Column::Name] {
        if !columns.iter().any(|(_, c)| *c == required) {
            problems.push(Problem::file(format!(
                "The file has no {} column (its first line names the columns).",
                required.header()
            )));
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                problems.push(Problem::at(line, None, format!("This line cannot be read: {e}.")));
                continue;
            }
        };
        if rows.len() == MAX_ROWS {
            problems.push(Problem::file(format!(
                "The file has more than {MAX_ROWS} people: split it in two."
            )));
            break;
        }
        if record.iter().all(|cell| cell.is_empty()) {
            continue;
        }
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let mut cells = HashMap::new();
        for (i, column) in &columns {
            let value = unguarded(record.get(*i).unwrap_or_default());
            if value.chars().count() > MAX_CELL {
                problems.push(Problem::at(
                    line,
                    Some(*column),
                    format!("Longer than {MAX_CELL} characters."),
                ));
            }
            cells.insert(*column, value.to_string());
        }
        rows.push(SheetRow { line, cells });
    }
    if problems.is_empty() {
        Ok(Sheet { columns: columns.into_iter().map(|(_, c)| c).collect(), ignored, rows })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_in_the_spellings_hr_systems_use() {
        assert_eq!(Column::recognise("Work Email"), Some(Column::Email));
        assert_eq!(Column::recognise("work_email"), Some(Column::Email));
        assert_eq!(Column::recognise("Reports To"), Some(Column::Manager));
        assert_eq!(Column::recognise("Employee #"), None);
        assert_eq!(Column::recognise("Employee Number"), Some(Column::EmployeeId));
        assert_eq!(Column::recognise("Start date"), Some(Column::HireDate));
        assert_eq!(Column::recognise("Favourite colour"), None);
    }

    #[test]
    fn a_spreadsheet_export_with_a_bom_and_semicolons_reads() {
        let file = "\u{feff}Full Name;Work Email;Favourite colour\nAna Ortiz ; ana@x.example;blue\n\n;;\nBo Li;bo@x.example;red\n";
        let sheet = read(file.as_bytes()).unwrap();
        assert_eq!(sheet.columns, [Column::Name, Column::Email]);
        assert_eq!(sheet.ignored, ["Favourite colour"]);
        assert_eq!(sheet.rows.len(), 2, "blank lines are skipped");
        assert_eq!(sheet.rows[0].get(Column::Name), Some("Ana Ortiz"));
        assert_eq!(sheet.rows[0].line, 2);
        assert_eq!(sheet.rows[1].line, 5, "line numbers as a spreadsheet shows them");
        assert_eq!(sheet.rows[1].get(Column::Team), None);
    }

    #[test]
    fn a_file_without_its_key_columns_or_with_one_twice_is_refused_whole() {
        let problems = read(b"name,e-mail,mail\nAna,a@x.example,b@x.example\n").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("Two columns mean email"));
        let problems = read(b"title\nEngineer\n").unwrap_err();
        assert_eq!(problems.len(), 2, "no email, no name: {problems:?}");
        let problems = read(&[0xff, 0xfe, b'a']).unwrap_err();
        assert!(problems[0].message.contains("UTF-8"));
    }

    #[test]
    fn an_exported_formula_guard_is_taken_off() {
        let sheet = read(b"name,email,title\n'=Ana,a@x.example,'Lead\n").unwrap();
        assert_eq!(sheet.rows[0].get(Column::Name), Some("=Ana"));
        assert_eq!(sheet.rows[0].get(Column::Title), Some("'Lead"), "an apostrophe in text stays");
    }

    #[test]
    fn a_cell_too_long_is_a_problem_at_its_place() {
        let file = format!("name,email\n{},a@x.example\n", "x".repeat(MAX_CELL + 1));
        let problems = read(file.as_bytes()).unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (2, Some(Column::Name.header())));
    }
}
