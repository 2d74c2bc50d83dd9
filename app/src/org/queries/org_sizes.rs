//! Organisation sizes.

use super::*;

/// Ids per UPDATE when stored organisation sizes are written: well under both backends'
/// limits on bound parameters.
const ORG_SIZE_BATCH: usize = 1_000;

/// Adds `delta` to the stored organisation size of `from` and of each manager above them,
/// for as long as the chain passes through people who count: it stops after the first person
/// who has left (their organisation changes; nobody's above them does, since nobody is
/// counted through them). One read per level of the chain and one UPDATE: bounded by the
/// depth of the tree, not by the size of anyone's organisation. Call with the tree locked,
/// inside the transaction that changes it.
pub(super) fn add_to_org_sizes(
    conn: &mut DbConn,
    from: Option<PersonId>,
    delta: i64,
) -> QueryResult<()> {
    if delta == 0 {
        return Ok(());
    }
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
    for ids in chain.chunks(ORG_SIZE_BATCH) {
        diesel::update(people::table.filter(people::id.eq_any(ids)))
            .set(people::org_size.eq(people::org_size + delta))
            .execute(conn)?;
    }
    Ok(())
}

/// Every organisation size, from `(id, manager, counts)` rows where `counts` is false for
/// people who have left: the definition of [`subtree_sql`] (a person's organisation is their
/// non-departed reports and, through each of them, theirs), computed children before
/// managers so each person is visited once. People caught in a loop of managers (corrupt
/// data) keep what was counted below the loop. The sizes come back in the rows' order.
pub(super) fn count_org_sizes(rows: &[(PersonId, Option<PersonId>, bool)]) -> Vec<i64> {
    let index: std::collections::HashMap<PersonId, usize> =
        rows.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
    let manager: Vec<Option<usize>> =
        rows.iter().map(|r| r.1.and_then(|m| index.get(&m).copied())).collect();
    // How many counted reports each person still waits for before their size is final.
    let mut waiting = vec![0usize; rows.len()];
    for (i, row) in rows.iter().enumerate() {
        if let (true, Some(m)) = (row.2, manager[i]) {
            waiting[m] += 1;
        }
    }
    let mut size = vec![0i64; rows.len()];
    let mut done: Vec<usize> = (0..rows.len()).filter(|&i| waiting[i] == 0).collect();
    while let Some(i) = done.pop() {
        let (true, Some(m)) = (rows[i].2, manager[i]) else { continue };
        size[m] += 1 + size[i];
        waiting[m] -= 1;
        if waiting[m] == 0 {
            done.push(m);
        }
    }
    size
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
