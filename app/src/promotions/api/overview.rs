//! The overview.

use super::*;

#[server(endpoint = "promotions/get_promotions_home")]
pub async fn get_promotions_home() -> Result<PromotionsHome, AppError> {
    let auth = context::authorize(Action::ReadOwnWork, Target::Page("promotions")).await?;
    let hr = auth.viewer().is_hr_admin;
    auth.read(move |c, auth| {
        let me = auth.viewer().person_id;
        let reports = org::direct_reports(c, me)?;
        let report_ids: Vec<PersonId> = reports.iter().map(|r| r.id).collect();
        let skip_ids = org::skip_level_report_ids(c, me)?;
        let mut team_ids = report_ids.clone();
        team_ids.extend(skip_ids.iter().copied());
        let mut openable = Vec::new();
        for r in reports {
            let (ladder, level) = ladder_queries::ladder_of_person(c, r.id)?;
            let target = match ladder {
                Ok(id) => ladder_queries::published(c, id, None)
                    .ok()
                    .and_then(|(_, l)| ladder_rules::next_steps(&l, level).up),
                Err(_) => None,
            };
            openable.push((r, level, target));
        }
        Ok(PromotionsHome {
            mine: queries::packets_of_person(c, me)?,
            endorsements_asked: queries::endorsements_asked(c, me)?
                .into_iter()
                .map(|(id, person, target, status, _)| (id, person, target, status))
                .collect(),
            team: queries::packets_for_people(c, team_ids)?,
            to_decide: queries::packets_to_decide(c, me)?,
            to_calibrate: queries::packets_on_panel(c, me)?,
            all: if hr { Some(queries::all_packets(c)?) } else { None },
            shared_with_me: queries::shared_self_evaluations(c, report_ids)?,
            reports: openable,
        })
    })
    .await
}
