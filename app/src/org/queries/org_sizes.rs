//! Organisation sizes.

use super::*;

/// Ids per UPDATE when stored organisation sizes are written: well under both backends'
/// limits on bound parameters.
const ORG_SIZE_BATCH: usize = 1_000;

/// `from` and each manager above them, for as long as the chain passes through people who
/// count: it stops after the first person who has left (their organisation changes; nobody's
/// above them does, since nobody is counted through them). These are the people whose stored
/// sums (organisation sizes, an area's per-organisation counts) change when something
/// changes for `from`. One read per level of the chain: bounded by the depth of the tree, not
/// by the size of anyone's organisation. Call with the tree locked or shared
/// ([`share_the_tree`]), inside the transaction that writes the sums.
pub fn counting_chain(conn: &mut DbConn, from: Option<PersonId>) -> QueryResult<Vec<PersonId>> {
    let mut chain: Vec<PersonId> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut current = from;
    // `seen`: corrupt data (a loop of managers) cannot walk forever.
    while let Some(id) = current.filter(|id| seen.insert(*id)) {
        chain.push(id);
        let (manager, status): (Option<PersonId>, String) =
            people::table.find(id).select((people::manager_id, people::status)).first(conn)?;
        current = if status == DEPARTED { None } else { manager };
    }
    Ok(chain)
}

/// Adds `delta` to the stored organisation size of everyone on [`counting_chain`] from
/// `from`, in one UPDATE per batch. Call with the tree locked, inside the transaction that
/// changes it.
pub(super) fn add_to_org_sizes(
    conn: &mut DbConn,
    from: Option<PersonId>,
    delta: i64,
) -> QueryResult<()> {
    if delta == 0 {
        return Ok(());
    }
    for ids in counting_chain(conn, from)?.chunks(ORG_SIZE_BATCH) {
        diesel::update(people::table.filter(people::id.eq_any(ids)))
            .set(people::org_size.eq(people::org_size + delta))
            .execute(conn)?;
    }
    Ok(())
}

/// Sums over organisations, from `(id, manager, counts)` rows where `counts` is false for
/// people who have left: each person's `own` value plus the sums of their counted reports
/// (the definition of [`subtree_sql`]: a person's organisation is their non-departed reports
/// and, through each of them, theirs), computed children before managers so each person is
/// visited once. People caught in a loop of managers (corrupt data) keep what was summed
/// below the loop. The sums come back in the rows' order.
pub fn roll_up<T: Copy + std::ops::Add<Output = T>>(
    rows: &[(PersonId, Option<PersonId>, bool)],
    own: &[T],
) -> Vec<T> {
    let index: std::collections::HashMap<PersonId, usize> =
        rows.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
    let manager: Vec<Option<usize>> =
        rows.iter().map(|r| r.1.and_then(|m| index.get(&m).copied())).collect();
    // How many counted reports each person still waits for before their sum is final.
    let mut waiting = vec![0usize; rows.len()];
    for (i, row) in rows.iter().enumerate() {
        if let (true, Some(m)) = (row.2, manager[i]) {
            waiting[m] += 1;
        }
    }
    let mut sum = own.to_vec();
    let mut done: Vec<usize> = (0..rows.len()).filter(|&i| waiting[i] == 0).collect();
    while let Some(i) = done.pop() {
        let (true, Some(m)) = (rows[i].2, manager[i]) else { continue };
        sum[m] = sum[m] + sum[i];
        waiting[m] -= 1;
        if waiting[m] == 0 {
            done.push(m);
        }
    }
    sum
}

/// Every organisation size: [`roll_up`] of one per person, less the person themselves.
pub(super) fn count_org_sizes(rows: &[(PersonId, Option<PersonId>, bool)]) -> Vec<i64> {
    roll_up(rows, &vec![1i64; rows.len()]).into_iter().map(|n| n - 1).collect()
}

/// Everyone as `(id, manager, counts)`, `counts` false for people who have left: the tree
/// [`roll_up`] sums over. One query, for bulk recounts.
pub fn counting_tree(conn: &mut DbConn) -> QueryResult<Vec<(PersonId, Option<PersonId>, bool)>> {
    let rows: Vec<(PersonId, Option<PersonId>, String)> =
        people::table.select((people::id, people::manager_id, people::status)).load(conn)?;
    Ok(rows.into_iter().map(|(id, m, status)| (id, m, status != DEPARTED)).collect())
}

/// Marks every active person whose manager has left (`people.manager_left`), for bulk loads
/// (the demo seeder, an HR import) that write people without recording departures one by
/// one. One statement. Returns how many people it marked.
pub fn mark_manager_left(conn: &mut DbConn) -> QueryResult<usize> {
    let departed = diesel::alias!(people as departed);
    let managers_gone = departed
        .filter(departed.field(people::status).eq(DEPARTED))
        .select(departed.field(people::id).nullable());
    let marked = diesel::update(
        people::table
            .filter(people::status.ne(DEPARTED))
            .filter(people::manager_id.eq_any(managers_gone)),
    )
    .set(people::manager_left.eq(true))
    .execute(conn)?;
    Ok(marked)
}

/// Recounts every stored organisation size from the tree, for bulk loads (the demo seeder,
/// an HR import) where walking chains per change would cost more than counting once: reads
/// (id, manager, status, stored size) in one query, counts in memory, and writes only the
/// sizes that changed, one UPDATE per distinct size and batch of ids. Returns how many
/// people's size changed. Call inside the transaction that loads the data.
pub fn recount_org_sizes(conn: &mut DbConn) -> QueryResult<usize> {
    lock_the_tree(conn)?;
    let rows: Vec<(PersonId, Option<PersonId>, String, i64)> = people::table
        .select((people::id, people::manager_id, people::status, people::org_size))
        .load(conn)?;
    let tree: Vec<_> =
        rows.iter().map(|(id, m, status, _)| (*id, *m, status != DEPARTED)).collect();
    let mut changed: std::collections::BTreeMap<i64, Vec<PersonId>> = Default::default();
    for ((id, _, _, stored), size) in rows.iter().zip(count_org_sizes(&tree)) {
        if *stored != size {
            changed.entry(size).or_default().push(*id);
        }
    }
    let mut updated = 0;
    for (size, ids) in changed {
        for batch in ids.chunks(ORG_SIZE_BATCH) {
            updated += diesel::update(people::table.filter(people::id.eq_any(batch)))
                .set(people::org_size.eq(size))
                .execute(conn)?;
        }
    }
    Ok(updated)
}
