//! Endorsements and the panel.

use super::*;

/// The most people a list of addresses may name (endorsers, a panel): more than any packet
/// needs, few enough that checking each costs nothing noticeable.
#[cfg(feature = "ssr")]
const MAX_PEOPLE_PER_LIST: usize = 12;

/// Reads "a@x, b@y" (commas, spaces or new lines) into active people, with field errors.
#[cfg(feature = "ssr")]
fn people_by_email(
    c: &mut DbConn,
    field: &str,
    raw: &str,
) -> Result<Vec<(PersonId, Level)>, AppError> {
    // Checked before any lookup: each address costs a query.
    let emails =
        crate::kernel::email::address_list(raw, MAX_PEOPLE_PER_LIST).map_err(|problems| {
            AppError::Invalid(
                problems.iter().map(|p| FieldError::new(field, p.to_string())).collect(),
            )
        })?;
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for email in emails {
        match org::active_person_by_email(c, &email)? {
            Some(p) => found.push(p),
            None => errors.push(FieldError::new(
                field,
                format!("Nobody active in Trellis has the email address {email}."),
            )),
        }
    }
    AppError::check_fields(errors)?;
    Ok(found)
}

/// The manager asks colleagues to endorse the packet (before calibration).
#[server(endpoint = "promotions/request_endorsements")]
pub async fn request_endorsements(id: PacketId, emails: String) -> Result<(), AppError> {
    let ctx = packet_context(id).await?;
    let auth =
        context::authorize(Action::Write(packet_record(&ctx)), Target::PromotionPacket(id)).await?;
    if !matches!(ctx.row.status(), PacketStatus::Draft | PacketStatus::Submitted) {
        return Err(AppError::Conflict(
            "Endorsements can only be requested before the promotion calibration.".into(),
        ));
    }
    let (subject, manager, target) = (ctx.row.person_id, auth.viewer().person_id, ctx.row.target());
    auth.write(move |c, auth| {
        let people = people_by_email(c, "emails", &emails)?;
        if people.iter().any(|(p, _)| *p == subject) {
            return Err(AppError::invalid(
                "emails",
                "The person being proposed cannot endorse their own promotion.",
            ));
        }
        if people.iter().any(|(p, _)| *p == manager) {
            return Err(AppError::invalid(
                "emails",
                "Your own view is the business case: ask colleagues who have seen the work.",
            ));
        }
        let mut asked = 0;
        let name = crate::org::queries::summary(c, subject)?.name;
        for (p, _) in &people {
            if queries::request_endorsement(c, id, *p, auth.now())? {
                crate::promotions::notifications::announce_endorsement_request(
                    c,
                    id,
                    *p,
                    &name,
                    &target.label(),
                    auth.now(),
                )?;
                asked += 1;
            }
        }
        auth.audit_detail(
            c,
            "request_endorsement",
            Target::PromotionPacket(id),
            format!("{asked} endorsement(s) requested"),
        )?;
        Ok(())
    })
    .await
}

#[server(endpoint = "promotions/get_endorsement")]
pub async fn get_endorsement(id: EndorsementId) -> Result<EndorsementRequest, AppError> {
    let (packet_id, endorser, status, body) =
        context::facts(move |c| Ok(queries::endorsement(c, id)?)).await?;
    let auth =
        context::authorize(Action::EndorsePromotion { endorser }, Target::PromotionEndorsement(id))
            .await?;
    auth.read(move |c, auth| {
        let parts = queries::load_packet(c, packet_id, auth.today())?;
        let p = parts.packet;
        Ok(EndorsementRequest {
            id,
            person: p.person,
            asked_by: p.opened_by,
            target: p.target,
            target_title: p.target_title,
            ladder_slug: p.ladder_slug,
            criteria: p.evidence.into_iter().map(|e| e.criterion).collect(),
            status: EndorsementStatus::parse(&status).unwrap_or(EndorsementStatus::Requested),
            body,
            closed: !matches!(p.status, PacketStatus::Draft | PacketStatus::Submitted),
        })
    })
    .await
}

/// The endorser writes the endorsement, or declines with a reason.
#[server(endpoint = "promotions/answer_endorsement")]
pub async fn answer_endorsement(
    id: EndorsementId,
    answer: String,
    body: String,
) -> Result<(), AppError> {
    let (packet_id, endorser, _, _) =
        context::facts(move |c| Ok(queries::endorsement(c, id)?)).await?;
    let auth =
        context::authorize(Action::EndorsePromotion { endorser }, Target::PromotionEndorsement(id))
            .await?;
    let status = match answer.as_str() {
        "write" => EndorsementStatus::Written,
        "decline" => EndorsementStatus::Declined,
        _ => {
            return Err(AppError::invalid(
                "answer",
                "Choose to write the endorsement or to decline.",
            ))
        }
    };
    let body = body.trim().to_string();
    match status {
        EndorsementStatus::Written if body.chars().count() < 40 => {
            return Err(AppError::invalid(
                "body",
                "Describe what you saw the person do, with an example (at least 40 characters).",
            ))
        }
        EndorsementStatus::Declined if body.is_empty() => return Err(AppError::invalid(
            "body",
            "Say briefly why you decline, for example that you have not worked together recently.",
        )),
        _ if body.chars().count() > 5_000 => {
            return Err(AppError::invalid("body", "Keep this under 5,000 characters."))
        }
        _ => {}
    }
    auth.write(move |c, auth| {
        let row = queries::packet_row(c, packet_id)?;
        if !matches!(row.status(), PacketStatus::Draft | PacketStatus::Submitted) {
            return Err(AppError::Conflict(
                "The promotion calibration has already happened; endorsements are closed.".into(),
            ));
        }
        queries::answer_endorsement(c, id, status, &body, auth.now())?;
        auth.audit_detail(
            c,
            "answer_endorsement",
            Target::PromotionPacket(packet_id),
            status.as_str(),
        )?;
        Ok(())
    })
    .await
}

/// HR names the promotion calibration panel: people at or above the target level.
#[server(endpoint = "promotions/set_panel")]
pub async fn set_panel(id: PacketId, panel: String) -> Result<(), AppError> {
    let ctx = packet_context(id).await?;
    let auth =
        context::authorize(Action::SetPromotionPanel(&ctx.subject), Target::PromotionPacket(id))
            .await?;
    if ctx.row.status() != PacketStatus::Submitted {
        return Err(AppError::Conflict(
            "The panel is set while the packet waits for its promotion calibration.".into(),
        ));
    }
    let (target, subject, manager) = (ctx.row.target(), ctx.row.person_id, ctx.row.opened_by);
    auth.write(move |c, auth| {
            let people = people_by_email(c, "panel", &panel)?;
            if people.iter().any(|(p, _)| *p == subject || *p == manager) {
                return Err(AppError::invalid("panel", "The panel reviews the packet with fresh eyes: not the person proposed, not their manager."));
            }
            if people.iter().any(|(_, l)| l.seniority() < target.seniority()) {
                return Err(AppError::invalid("panel", format!("Every panel member must be at {} or above: peers at the target level.", target.label())));
            }
            let ids: Vec<PersonId> = people.iter().map(|(p, _)| *p).collect();
            queries::set_panel(c, id, &ids)?;
            let name = crate::org::queries::summary(c, subject)?.name;
            crate::promotions::notifications::announce_panel(c, id, &ids, &name, &target.label(), auth.now())?;
            auth.audit_detail(c, "set_promotion_panel", Target::PromotionPacket(id), format!("{} member(s)", ids.len()))?;
            Ok(())
        })
    .await
}
