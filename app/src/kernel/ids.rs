//! Record ids as their own types, so a review's id cannot be passed where a person's is
//! expected. Each is an `i64` underneath (every table's key is a `BigInt`): serialised as the
//! bare number, shown and parsed as one (URLs, form fields), and stored as a `BigInt` column.

/// Declares an id type: a transparent newtype over `i64` usable in diesel expressions and rows.
macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "ssr", derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "ssr", diesel(sql_type = diesel::sql_types::BigInt))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        #[cfg(feature = "ssr")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.0.to_sql(out)
            }
        }

        #[cfg(feature = "ssr")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                i64::from_sql(bytes).map(Self)
            }
        }
    )+};
}

id_type! {
    /// A person in the organisation (`people.id`).
    PersonId;
    /// A department (`departments.id`).
    DepartmentId;
    /// A team (`teams.id`).
    TeamId;
    /// A career ladder (`ladders.id`).
    LadderId;
    /// A review cycle (`review_cycles.id`).
    CycleId;
    /// One person's review in a cycle (`reviews.id`).
    ReviewId;
    /// A peer's feedback on a review (`peer_feedback.id`).
    PeerFeedbackId;
    /// A promotion packet (`promotion_packets.id`).
    PacketId;
    /// An endorsement asked for or written on a packet (`promotion_endorsements.id`).
    EndorsementId;
    /// A self-evaluation against the ladder (`self_evaluations.id`).
    SelfEvaluationId;
    /// A calibration session (`calibration_sessions.id`).
    SessionId;
    /// One person's row on a calibration board (`calibration_entries.id`).
    EntryId;
    /// An appeal of a calibrated rating (`calibration_appeals.id`).
    AppealId;
    /// One recorded change on a calibration board (`calibration_changes.id`).
    ChangeId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_travel_as_bare_numbers() {
        assert_eq!(serde_json::to_string(&PersonId(42)).unwrap(), "42");
        assert_eq!(serde_json::from_str::<ReviewId>("7").unwrap(), ReviewId(7));
        assert_eq!("15".parse::<CycleId>().unwrap(), CycleId(15));
        assert!("x".parse::<CycleId>().is_err());
        assert_eq!(format!("/people/{}", PersonId(3)), "/people/3");
    }
}
