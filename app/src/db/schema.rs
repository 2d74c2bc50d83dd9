//! The one diesel schema, shared by SQLite and PostgreSQL. Written by hand to match
//! `migrations/{sqlite,postgres}`: both backends use the same column types here.

diesel::table! {
    departments (id) {
        id -> BigInt,
        name -> Text,
        slug -> Text,
    }
}

diesel::table! {
    teams (id) {
        id -> BigInt,
        department_id -> BigInt,
        name -> Text,
        slug -> Text,
    }
}

diesel::table! {
    people (id) {
        id -> BigInt,
        email -> Text,
        name -> Text,
        search_text -> Text,
        title -> Text,
        department_id -> BigInt,
        team_id -> Nullable<BigInt>,
        manager_id -> Nullable<BigInt>,
        track -> Text,
        level -> Integer,
        hire_date -> Date,
        location -> Text,
        status -> Text,
        departed_on -> Nullable<Date>,
        departure_reason -> Nullable<Text>,
        is_hr_admin -> Bool,
        is_executive -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        /// The non-departed people below at any depth (the walk stops at people who have
        /// left), kept by the writes that change the tree (`org::queries`).
        org_size -> BigInt,
        /// Active, and their manager has left (until HR gives them a new one): kept by
        /// `org::queries::record_departure` and `change_manager`.
        manager_left -> Bool,
        /// The HR system's id for the person, matched first by a people file.
        employee_id -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        person_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        target_type -> Text,
        target_id -> Nullable<BigInt>,
        outcome -> Text,
        detail -> Text,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    identities (id) {
        id -> BigInt,
        person_id -> BigInt,
        issuer -> Text,
        subject -> Text,
        created_at -> Timestamp,
        last_sign_in_at -> Timestamp,
    }
}

diesel::table! {
    oidc_logins (state_hash) {
        state_hash -> Text,
        pkce_verifier -> Text,
        nonce -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    ladders (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        description -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ladder_versions (id) {
        id -> BigInt,
        ladder_id -> BigInt,
        number -> Integer,
        source -> Text,
        change_summary -> Text,
        published_by -> Nullable<BigInt>,
        published_at -> Timestamp,
    }
}

diesel::table! {
    ladder_drafts (ladder_id) {
        ladder_id -> BigInt,
        source -> Text,
        version -> Integer,
        updated_by -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    level_history (id) {
        id -> BigInt,
        person_id -> BigInt,
        track -> Text,
        level -> Integer,
        effective_on -> Date,
        reason -> Text,
        packet_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    flight_risk_flags (id) {
        id -> BigInt,
        person_id -> BigInt,
        flagged_by -> BigInt,
        risk -> Text,
        reason -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    self_evaluations (id) {
        id -> BigInt,
        person_id -> BigInt,
        ladder_version_id -> BigInt,
        target_track -> Text,
        target_level -> Integer,
        shared_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    self_evaluation_items (self_evaluation_id, criterion) {
        self_evaluation_id -> BigInt,
        criterion -> Integer,
        evidence -> Text,
        links -> Text,
    }
}

diesel::table! {
    self_evaluation_comments (id) {
        id -> BigInt,
        self_evaluation_id -> BigInt,
        author_id -> BigInt,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    promotion_packets (id) {
        id -> BigInt,
        person_id -> BigInt,
        opened_by -> BigInt,
        ladder_version_id -> BigInt,
        from_track -> Text,
        from_level -> Integer,
        target_track -> Text,
        target_level -> Integer,
        status -> Text,
        evidence_summary -> Text,
        business_case -> Text,
        performing_since -> Nullable<Date>,
        calibration_outcome -> Nullable<Text>,
        calibration_notes -> Nullable<Text>,
        decision_reason -> Nullable<Text>,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        effective_on -> Nullable<Date>,
        applied_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    promotion_evidence (packet_id, criterion) {
        packet_id -> BigInt,
        criterion -> Integer,
        evidence -> Text,
    }
}

diesel::table! {
    promotion_endorsements (id) {
        id -> BigInt,
        packet_id -> BigInt,
        endorser_id -> BigInt,
        status -> Text,
        body -> Text,
        requested_at -> Timestamp,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    promotion_panel (packet_id, person_id) {
        packet_id -> BigInt,
        person_id -> BigInt,
    }
}

diesel::table! {
    promotion_events (id) {
        id -> BigInt,
        packet_id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        status -> Text,
        note -> Text,
    }
}

diesel::table! {
    review_cycles (id) {
        id -> BigInt,
        name -> Text,
        period_start -> Date,
        period_end -> Date,
        scope -> Text,
        scope_id -> Nullable<BigInt>,
        hired_before -> Date,
        self_due -> Date,
        peer_due -> Date,
        manager_due -> Date,
        calibration_due -> Date,
        delivery_due -> Date,
        anonymous_peers -> Bool,
        participants -> Integer,
        status -> Text,
        launched_at -> Nullable<Timestamp>,
        calibration_started_at -> Nullable<Timestamp>,
        created_by -> BigInt,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        launch_note -> Nullable<Text>,
    }
}

diesel::table! {
    reviews (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        person_id -> BigInt,
        manager_id -> Nullable<BigInt>,
        peers_approved_at -> Nullable<Timestamp>,
        final_rating -> Nullable<Text>,
        finalised_at -> Nullable<Timestamp>,
        finalised_by -> Nullable<BigInt>,
        delivered_at -> Nullable<Timestamp>,
        delivered_by -> Nullable<BigInt>,
        acknowledged_at -> Nullable<Timestamp>,
        employee_comment -> Text,
        commented_at -> Nullable<Timestamp>,
        awaiting_final_rating -> Bool,
    }
}

diesel::table! {
    self_assessments (review_id) {
        review_id -> BigInt,
        accomplishments -> Text,
        shortfalls -> Text,
        feedback_acted_on -> Text,
        next_focus -> Text,
        support_needed -> Text,
        version -> Integer,
        saved_at -> Nullable<Timestamp>,
        submitted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    manager_assessments (review_id) {
        review_id -> BigInt,
        author_id -> Nullable<BigInt>,
        goals -> Text,
        values_shown -> Text,
        strengths -> Text,
        development -> Text,
        rating -> Nullable<Text>,
        citations -> Text,
        raised_before -> Text,
        version -> Integer,
        saved_at -> Nullable<Timestamp>,
        submitted_at -> Nullable<Timestamp>,
        traces -> Text,
    }
}

diesel::table! {
    peer_feedback (id) {
        id -> BigInt,
        review_id -> BigInt,
        peer_id -> BigInt,
        nominated_by -> BigInt,
        status -> Text,
        keep_doing -> Text,
        do_differently -> Text,
        values_shown -> Text,
        decline_reason -> Text,
        version -> Integer,
        created_at -> Timestamp,
        saved_at -> Nullable<Timestamp>,
        submitted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    kept_forms (id) {
        id -> Text,
        person_id -> BigInt,
        action -> Text,
        fields -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        person_id -> BigInt,
        to_email -> Text,
        subject -> Text,
        body -> Text,
        dedupe_key -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        claim_token -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        link -> Nullable<Text>,
    }
}

diesel::table! {
    calibration_sessions (id) {
        id -> BigInt,
        cycle_id -> BigInt,
        name -> Text,
        group_label -> Text,
        facilitator_id -> BigInt,
        status -> Text,
        version -> Integer,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finalised_at -> Nullable<Timestamp>,
        finalised_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    calibration_participants (session_id, person_id) {
        session_id -> BigInt,
        person_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    calibration_entries (id) {
        id -> BigInt,
        session_id -> BigInt,
        review_id -> BigInt,
        person_id -> BigInt,
        rating -> Nullable<Text>,
        potential -> Nullable<Text>,
        discussed_at -> Nullable<Timestamp>,
        discussed_by -> Nullable<BigInt>,
        discussion_note -> Text,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    calibration_changes (id) {
        id -> BigInt,
        session_id -> BigInt,
        entry_id -> BigInt,
        changed_by -> BigInt,
        from_rating -> Nullable<Text>,
        to_rating -> Text,
        rationale -> Text,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    calibration_appeals (id) {
        id -> BigInt,
        session_id -> BigInt,
        entry_id -> BigInt,
        change_id -> BigInt,
        raised_by -> BigInt,
        reason -> Text,
        raised_at -> Timestamp,
        outcome -> Nullable<Text>,
        resolution -> Text,
        resolved_by -> Nullable<BigInt>,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    person_attributes (person_id, name) {
        person_id -> BigInt,
        name -> Text,
        value -> Text,
    }
}

diesel::joinable!(teams -> departments (department_id));
diesel::joinable!(people -> departments (department_id));
diesel::joinable!(people -> teams (team_id));
diesel::joinable!(sessions -> people (person_id));
diesel::joinable!(identities -> people (person_id));
diesel::joinable!(audit_log -> people (actor_id));

diesel::joinable!(ladder_versions -> ladders (ladder_id));
diesel::joinable!(ladder_versions -> people (published_by));
diesel::joinable!(ladder_drafts -> ladders (ladder_id));
diesel::joinable!(promotion_evidence -> promotion_packets (packet_id));
diesel::joinable!(promotion_endorsements -> promotion_packets (packet_id));
diesel::joinable!(promotion_endorsements -> people (endorser_id));
diesel::joinable!(promotion_panel -> promotion_packets (packet_id));
diesel::joinable!(promotion_panel -> people (person_id));
diesel::joinable!(promotion_events -> promotion_packets (packet_id));
diesel::joinable!(self_evaluation_items -> self_evaluations (self_evaluation_id));
diesel::joinable!(self_evaluation_comments -> self_evaluations (self_evaluation_id));
diesel::joinable!(self_evaluation_comments -> people (author_id));
diesel::joinable!(level_history -> people (person_id));
diesel::joinable!(reviews -> review_cycles (cycle_id));
diesel::joinable!(self_assessments -> reviews (review_id));
diesel::joinable!(manager_assessments -> reviews (review_id));
diesel::joinable!(peer_feedback -> reviews (review_id));
diesel::joinable!(calibration_sessions -> review_cycles (cycle_id));
diesel::joinable!(calibration_participants -> calibration_sessions (session_id));
diesel::joinable!(calibration_entries -> calibration_sessions (session_id));
diesel::joinable!(calibration_entries -> reviews (review_id));
diesel::joinable!(calibration_changes -> calibration_entries (entry_id));
diesel::joinable!(calibration_appeals -> calibration_entries (entry_id));

diesel::table! {
    job_runs (name) {
        name -> Text,
        running_until -> Nullable<Timestamp>,
        last_started_at -> Nullable<Timestamp>,
        last_finished_at -> Nullable<Timestamp>,
        last_outcome -> Text,
        last_failed -> Bool,
        runs -> BigInt,
    }
}

diesel::table! {
    completion_tallies (cycle_id, person_id) {
        cycle_id -> BigInt,
        person_id -> BigInt,
        reviews -> BigInt,
        self_done -> BigInt,
        self_late -> BigInt,
        peers_done -> BigInt,
        peers_asked -> BigInt,
        manager_done -> BigInt,
        manager_late -> BigInt,
        delivered -> BigInt,
        delivered_on_time -> BigInt,
    }
}

diesel::table! {
    review_exceptions (id) {
        id -> BigInt,
        review_id -> BigInt,
        rule -> Text,
        reason -> Text,
        granted_by -> BigInt,
        granted_at -> Timestamp,
    }
}

diesel::joinable!(review_exceptions -> reviews (review_id));

diesel::allow_tables_to_appear_in_same_query!(
    departments,
    teams,
    people,
    sessions,
    audit_log,
    settings,
    identities,
    oidc_logins,
    ladders,
    ladder_versions,
    ladder_drafts,
    level_history,
    flight_risk_flags,
    self_evaluations,
    self_evaluation_items,
    self_evaluation_comments,
    promotion_packets,
    promotion_evidence,
    promotion_endorsements,
    promotion_panel,
    promotion_events,
    review_cycles,
    reviews,
    review_exceptions,
    self_assessments,
    manager_assessments,
    peer_feedback,
    outbox,
    kept_forms,
    calibration_sessions,
    calibration_participants,
    calibration_entries,
    calibration_changes,
    calibration_appeals,
    person_attributes,
    job_runs,
    completion_tallies,
);
