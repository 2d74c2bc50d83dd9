//! The fairness report.

use super::*;

#[server(endpoint = "calibration/get_bias_report")]
pub async fn get_bias_report(id: SessionId) -> Result<BiasReport, AppError> {
    let ctx = session_context(id).await?;
    let auth =
        context::authorize(Action::Read(ctx.record()), Target::CalibrationSession(id)).await?;
    // Demographic cuts are HR's only (those who hold the attributes).
    let demographics = auth.allows(Action::Read(Record::DemographicAttributes));
    let can_export = auth.allows(Action::ExportRatings);
    auth.read(move |c, auth| {
        let me = auth.viewer().person_id;
        let mut rows = queries::board_rows(c, &ctx.row, None)?;
        // The report is of the board as its reader sees it: without their own row, so no
        // count or share lets them work out their own rating before it is delivered.
        rows.retain(|r| r.person_id != me);
        let cycle = reviews::cycle_row(c, ctx.row.cycle_id)?;
        let attributes = if demographics {
            queries::attributes_of(c, &rows.iter().map(|r| r.person_id).collect::<Vec<_>>())?
        } else {
            Default::default()
        };
        let people: Vec<rules::ReportPerson> = rows
            .iter()
            .map(|r| rules::ReportPerson {
                team: r.team.clone(),
                manager: r.manager.clone(),
                tenure: rules::tenure_band(r.hire_date, cycle.period_end),
                attributes: attributes.get(&r.person_id).cloned().unwrap_or_default(),
                before: r.preliminary,
                after: r.rating,
            })
            .collect();
        let company = queries::cycle_counts(c, ctx.row.cycle_id)?;
        let pairs = |pick: fn(&BoardRow) -> Option<Rating>| {
            rows.iter().filter_map(|r| Some((r.team.clone(), pick(r)?))).collect::<Vec<_>>()
        };
        let mut managers: Vec<PersonId> = rows.iter().filter_map(|r| r.manager_id).collect();
        managers.sort_unstable();
        managers.dedup();
        auth.audit(c, "read_bias_report", Target::CalibrationSession(id))?;
        Ok(BiasReport {
            people: rows.len() as u32,
            before: rules::counts(rows.iter().filter_map(|r| r.preliminary)),
            after: rules::counts(rows.iter().filter_map(|r| r.rating)),
            dimensions: rules::dimensions(&people),
            consistency_before: rules::consistency(&pairs(|r| r.preliminary), &company),
            consistency_after: rules::consistency(&pairs(|r| r.rating), &company),
            leniency: rules::leniency(&queries::leniency_rows(c, &managers, me)?),
            session: queries::session_info(c, &ctx.row)?,
            can_export,
        })
    })
    .await
}
