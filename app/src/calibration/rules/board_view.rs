//! The board's view: sort, filter, group (read from the page's query string).

use super::*;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardQuery {
    pub sort: String,
    pub group: String,
    pub manager: Option<PersonId>,
    pub team: String,
    pub rating: Option<Rating>,
    /// "outliers", "changed", "undiscussed", "appeals".
    pub only: String,
    pub search: String,
}

impl BoardQuery {
    pub fn from_pairs<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Self {
        Self {
            sort: get("sort").unwrap_or("").to_string(),
            group: get("group").unwrap_or("").to_string(),
            manager: get("manager").and_then(|m| m.parse().ok()),
            team: get("team").unwrap_or("").to_string(),
            rating: get("rating").and_then(Rating::parse),
            only: get("only").unwrap_or("").to_string(),
            search: get("q").unwrap_or("").trim().to_lowercase(),
        }
    }

    fn keeps(&self, row: &BoardRow) -> bool {
        self.manager.is_none_or(|m| row.manager_id == Some(m))
            && (self.team.is_empty() || row.team == self.team)
            && self.rating.is_none_or(|r| row.rating == Some(r))
            && match self.only.as_str() {
                "outliers" => row.is_outlier(),
                "changed" => row.changed(),
                "undiscussed" => row.is_outlier() && !row.discussed,
                "appeals" => row.open_appeals > 0,
                _ => true,
            }
            && (self.search.is_empty()
                || row.name.to_lowercase().contains(&self.search)
                || row.title.to_lowercase().contains(&self.search))
    }

    /// The rows to show, in groups ("" when not grouped), sorted within each group.
    pub fn apply<'a>(&self, rows: &'a [BoardRow]) -> Vec<(String, Vec<&'a BoardRow>)> {
        let mut kept: Vec<&BoardRow> = rows.iter().filter(|r| self.keeps(r)).collect();
        let rating_key = |r: Option<Rating>| r.map(index).unwrap_or(5);
        match self.sort.as_str() {
            "rating" => kept.sort_by_key(|r| (rating_key(r.rating), r.name.clone())),
            "preliminary" => kept.sort_by_key(|r| (rating_key(r.preliminary), r.name.clone())),
            "manager" => kept.sort_by_key(|r| (r.manager.clone(), r.name.clone())),
            "team" => kept.sort_by_key(|r| (r.team.clone(), r.name.clone())),
            "level" => kept.sort_by_key(|r| (std::cmp::Reverse(r.level.clone()), r.name.clone())),
            "tenure" => kept.sort_by_key(|r| (r.hire_date, r.name.clone())),
            _ => kept.sort_by_key(|r| r.name.clone()),
        }
        let key = |r: &BoardRow| match self.group.as_str() {
            "manager" => r.manager.clone(),
            "team" => r.team.clone(),
            _ => String::new(),
        };
        let mut groups: BTreeMap<String, Vec<&BoardRow>> = BTreeMap::new();
        for r in kept {
            groups.entry(key(r)).or_default().push(r);
        }
        groups.into_iter().collect()
    }
}

/// The 9-box: people by potential (rows, high first) and performance (columns, low first, as
/// 9-box grids are drawn). People without a rating or a recorded potential are left out.
pub fn nine_box(rows: &[BoardRow]) -> Vec<(Potential, Vec<(Performance, Vec<&BoardRow>)>)> {
    Potential::ALL
        .iter()
        .map(|potential| {
            let cells = [Performance::Low, Performance::Moderate, Performance::High]
                .into_iter()
                .map(|perf| {
                    (
                        perf,
                        rows.iter()
                            .filter(|r| {
                                r.potential == Some(*potential)
                                    && r.rating.map(performance) == Some(perf)
                            })
                            .collect(),
                    )
                })
                .collect();
            (*potential, cells)
        })
        .collect()
}
