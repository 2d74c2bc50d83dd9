//! The fairness report.

use super::*;

pub fn attributes_of(
    conn: &mut DbConn,
    ids: &[PersonId],
) -> QueryResult<HashMap<PersonId, Vec<(String, String)>>> {
    let mut out: HashMap<PersonId, Vec<(String, String)>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(PersonId, String, String)> = person_attributes::table
            .filter(person_attributes::person_id.eq_any(chunk))
            .select((
                person_attributes::person_id,
                person_attributes::name,
                person_attributes::value,
            ))
            .load(conn)?;
        for (id, name, value) in rows {
            out.entry(id).or_default().push((name, value));
        }
    }
    Ok(out)
}

/// Every rating in the cycle as it stands: calibrated on a board, else final, else the
/// submitted preliminary rating. The company side of the consistency metric.
pub fn cycle_counts(conn: &mut DbConn, cycle: CycleId) -> QueryResult<Counts> {
    let rows: Vec<(i64, Option<String>, Option<String>, Option<NaiveDateTime>)> = reviews::table
        .inner_join(manager_assessments::table)
        .filter(reviews::cycle_id.eq(cycle))
        .select((
            reviews::id,
            reviews::final_rating,
            manager_assessments::rating,
            manager_assessments::submitted_at,
        ))
        .load(conn)?;
    let calibrated: HashMap<i64, Option<String>> = calibration_entries::table
        .inner_join(calibration_sessions::table)
        .filter(calibration_sessions::cycle_id.eq(cycle))
        .select((calibration_entries::review_id, calibration_entries::rating))
        .load::<(i64, Option<String>)>(conn)?
        .into_iter()
        .collect();
    Ok(rules::counts(rows.into_iter().filter_map(|(id, final_rating, prelim, submitted)| {
        let on_board = calibrated.get(&id).cloned().flatten();
        on_board.or(final_rating).or(submitted.and(prelim)).as_deref().and_then(Rating::parse)
    })))
}

/// (manager, cycle, preliminary, calibrated) for every rating these managers gave that went
/// through a board, oldest cycle first. The rater is the person's manager when the cycle
/// launched (who writes the assessment).
pub fn leniency_rows(
    conn: &mut DbConn,
    managers: &[PersonId],
    reader: PersonId,
) -> QueryResult<Vec<(String, String, Rating, Rating)>> {
    let rows: Vec<(PersonId, String, Option<String>, Option<String>)> = calibration_entries::table
        .inner_join(
            reviews::table.inner_join(review_cycles::table).inner_join(manager_assessments::table),
        )
        .filter(reviews::manager_id.eq_any(managers))
        // Never the reader's own ratings (their row is not on their board either).
        .filter(reviews::person_id.ne(reader))
        .filter(manager_assessments::submitted_at.is_not_null())
        .order((review_cycles::id.asc(), reviews::manager_id.asc()))
        .select((
            reviews::manager_id.assume_not_null(),
            review_cycles::name,
            manager_assessments::rating,
            calibration_entries::rating,
        ))
        .load(conn)?;
    let names = names(conn, managers)?;
    Ok(rows
        .into_iter()
        .filter_map(|(author, cycle, prelim, calibrated)| {
            let before = Rating::parse(prelim.as_deref()?)?;
            let after = calibrated.as_deref().and_then(Rating::parse).unwrap_or(before);
            Some((names.get(&author)?.clone(), cycle, before, after))
        })
        .collect())
}

/// Names of people, for history and appeals.
pub fn person_names(conn: &mut DbConn, ids: &[PersonId]) -> QueryResult<HashMap<PersonId, String>> {
    names(conn, ids)
}
