//! The org chart.

use super::*;

/// The person at the top of the company: active, nobody above them.
pub fn top_of_company(conn: &mut DbConn) -> QueryResult<Option<PersonId>> {
    people::table
        .filter(people::manager_id.is_null())
        .filter(people::status.ne(DEPARTED))
        .order(people::id.asc())
        .select(people::id)
        .first(conn)
        .optional()
}

/// Upper bound of boxes in one rendering of the chart, so a chart of 50,000 people stays a
/// page a browser can draw; deeper parts are reached by focusing on a subtree.
pub const ORG_CHART_MAX_NODES: usize = 400;

pub fn org_chart(conn: &mut DbConn, root: PersonId, depth: u32) -> QueryResult<OrgChart> {
    let root_summary = summary(conn, root)?;
    // Load level by level: one query for the people and one for their report counts.
    let mut levels: Vec<Vec<(PersonSummary, Option<PersonId>)>> = vec![vec![(root_summary, None)]];
    let mut shown = 1usize;
    let mut truncated = false;
    for _ in 0..depth {
        let parents: Vec<PersonId> = levels.last().unwrap().iter().map(|(p, _)| p.id).collect();
        let rows: Vec<(SummaryRow, Option<PersonId>)> = people_with_org()
            .filter(people::manager_id.eq_any(&parents))
            .filter(people::status.ne(DEPARTED))
            .order((people::name.asc(), people::id.asc()))
            .select((SummaryRow::as_select(), people::manager_id))
            .load(conn)?;
        if rows.is_empty() {
            break;
        }
        if shown + rows.len() > ORG_CHART_MAX_NODES {
            truncated = true;
            break;
        }
        shown += rows.len();
        levels.push(rows.into_iter().map(|(r, m)| (r.into(), m)).collect());
    }
    let all_ids: Vec<PersonId> = levels.iter().flatten().map(|(p, _)| p.id).collect();
    let counts: std::collections::HashMap<PersonId, i64> = people::table
        .filter(people::manager_id.eq_any(&all_ids))
        .filter(people::status.ne(DEPARTED))
        .group_by(people::manager_id)
        .select((people::manager_id.assume_not_null(), diesel::dsl::count_star()))
        .load::<(PersonId, i64)>(conn)?
        .into_iter()
        .collect();
    // Assemble bottom-up.
    let depth_loaded = levels.len() as u32 - 1;
    let mut below: std::collections::HashMap<PersonId, Vec<OrgNode>> = Default::default();
    for level in levels.into_iter().rev() {
        let mut next: std::collections::HashMap<PersonId, Vec<OrgNode>> = Default::default();
        for (person, manager) in level {
            let node = OrgNode {
                report_count: counts.get(&person.id).copied().unwrap_or(0),
                children: below.remove(&person.id).unwrap_or_default(),
                person,
            };
            next.entry(manager.unwrap_or(NO_MANAGER)).or_default().push(node);
        }
        below = next;
    }
    let root = below.remove(&NO_MANAGER).and_then(|mut v| v.pop()).expect("root node");
    let ancestor_ids = manager_chain(conn, root.person.id)?;
    let mut ancestors = summaries_in_order(conn, &ancestor_ids)?;
    ancestors.reverse();
    Ok(OrgChart { root, ancestors, depth: depth_loaded, total_shown: shown, truncated })
}
