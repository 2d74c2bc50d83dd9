-- Review cycles: a cycle HR configures and launches, one review per participant with its
-- self-assessment, peer feedback and manager assessment, and the outbox that carries the
-- reminders. Each draft carries a version so a stale tab never overwrites a newer draft.

CREATE TABLE review_cycles (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    -- Who takes part: everyone active, one department or one manager's team.
    scope TEXT NOT NULL CHECK (scope IN ('everyone', 'department', 'team')),
    scope_id BIGINT,
    -- People who started on or after this date are left out (too new to review).
    hired_before DATE NOT NULL,
    self_due DATE NOT NULL,
    peer_due DATE NOT NULL,
    manager_due DATE NOT NULL,
    calibration_due DATE NOT NULL,
    delivery_due DATE NOT NULL,
    anonymous_peers BOOLEAN NOT NULL,
    -- How many reviews the launch created (people do not join a cycle after it).
    participants INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'calibration', 'delivery', 'closed')),
    launched_at TIMESTAMP,
    calibration_started_at TIMESTAMP,
    created_by BIGINT NOT NULL REFERENCES people(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY NOT NULL,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    -- The manager when the cycle launched (the policy always uses the current org tree).
    manager_id BIGINT REFERENCES people(id),
    peers_approved_at TIMESTAMP,
    final_rating TEXT,
    finalised_at TIMESTAMP,
    finalised_by BIGINT REFERENCES people(id),
    delivered_at TIMESTAMP,
    delivered_by BIGINT REFERENCES people(id),
    acknowledged_at TIMESTAMP,
    employee_comment TEXT NOT NULL DEFAULT '',
    commented_at TIMESTAMP,
    UNIQUE (cycle_id, person_id)
);
CREATE INDEX reviews_person ON reviews(person_id);
CREATE INDEX reviews_manager ON reviews(manager_id);

CREATE TABLE self_assessments (
    review_id BIGINT PRIMARY KEY NOT NULL REFERENCES reviews(id),
    accomplishments TEXT NOT NULL DEFAULT '',
    shortfalls TEXT NOT NULL DEFAULT '',
    feedback_acted_on TEXT NOT NULL DEFAULT '',
    next_focus TEXT NOT NULL DEFAULT '',
    support_needed TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    saved_at TIMESTAMP,
    submitted_at TIMESTAMP
);

CREATE TABLE manager_assessments (
    review_id BIGINT PRIMARY KEY NOT NULL REFERENCES reviews(id),
    author_id BIGINT REFERENCES people(id),
    goals TEXT NOT NULL DEFAULT '',
    values_shown TEXT NOT NULL DEFAULT '',
    strengths TEXT NOT NULL DEFAULT '',
    development TEXT NOT NULL DEFAULT '',
    rating TEXT,
    -- Evidence keys from the evidence panel ("peer:12"), space-separated.
    citations TEXT NOT NULL DEFAULT '',
    -- The manager's answer to "was this raised before?".
    raised_before TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    saved_at TIMESTAMP,
    submitted_at TIMESTAMP
);

CREATE TABLE peer_feedback (
    id INTEGER PRIMARY KEY NOT NULL,
    review_id BIGINT NOT NULL REFERENCES reviews(id),
    peer_id BIGINT NOT NULL REFERENCES people(id),
    nominated_by BIGINT NOT NULL REFERENCES people(id),
    status TEXT NOT NULL CHECK (status IN ('nominated', 'requested', 'declined', 'submitted')),
    keep_doing TEXT NOT NULL DEFAULT '',
    do_differently TEXT NOT NULL DEFAULT '',
    values_shown TEXT NOT NULL DEFAULT '',
    decline_reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    saved_at TIMESTAMP,
    submitted_at TIMESTAMP,
    UNIQUE (review_id, peer_id)
);
CREATE INDEX peer_feedback_peer ON peer_feedback(peer_id);

-- Messages for people, written in the same transaction as what they announce and sent by
-- the SMTP sender when one is configured. The key stops a reminder going out twice.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id),
    to_email TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbox_unsent ON outbox(sent_at, id);
