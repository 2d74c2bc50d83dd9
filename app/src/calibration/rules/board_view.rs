//! The board's view: sort, filter, group (read from the page's query string).

use super::*;
use crate::kernel::EntryId;

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

    /// One page of the board in the room's order, and where the open person sits in it.
    /// The page is the one asked for, else the open person's, else the first; previous and
    /// next follow the whole order (across pages), so the room walks the board person by
    /// person whatever page they are on.
    pub fn page<'a>(
        &self,
        rows: &'a [BoardRow],
        asked: Option<usize>,
        person: Option<EntryId>,
    ) -> BoardPage<'a> {
        let order: Vec<(String, &BoardRow)> = self
            .apply(rows)
            .into_iter()
            .flat_map(|(group, members)| members.into_iter().map(move |r| (group.clone(), r)))
            .collect();
        let pages = order.len().div_ceil(BOARD_PAGE).max(1);
        let at = person.and_then(|p| order.iter().position(|(_, r)| r.entry_id == p));
        let page = match (asked, at) {
            (Some(n), _) => n.clamp(1, pages),
            (None, Some(i)) => i / BOARD_PAGE + 1,
            (None, None) => 1,
        };
        let mut groups: Vec<(String, Vec<&BoardRow>)> = Vec::new();
        for (group, row) in order.iter().skip((page - 1) * BOARD_PAGE).take(BOARD_PAGE) {
            match groups.last_mut() {
                Some((g, members)) if g == group => members.push(row),
                _ => groups.push((group.clone(), vec![row])),
            }
        }
        BoardPage {
            groups,
            page,
            pages,
            matching: order.len(),
            position: at.map(|i| i + 1),
            previous: at.and_then(|i| i.checked_sub(1)).map(|i| order[i].1.entry_id),
            next: at.and_then(|i| order.get(i + 1)).map(|(_, r)| r.entry_id),
        }
    }
}

/// People on one page of the board: enough for a meeting to scan, few enough that a board
/// of a thousand renders as fast as one of forty.
pub const BOARD_PAGE: usize = 50;

/// One page of the board (`BoardQuery::page`).
#[derive(Debug)]
pub struct BoardPage<'a> {
    /// The page's people in groups ("" when not grouped); a group split across pages is
    /// headed on each.
    pub groups: Vec<(String, Vec<&'a BoardRow>)>,
    /// From 1.
    pub page: usize,
    pub pages: usize,
    /// Everyone the filters keep, on every page.
    pub matching: usize,
    /// The open person's place in the whole order (from 1), if the filters keep them.
    pub position: Option<usize>,
    pub previous: Option<EntryId>,
    pub next: Option<EntryId>,
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
