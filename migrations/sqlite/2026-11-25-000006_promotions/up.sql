-- Promotions: self-evaluations against the next level, promotion packets from evidence to
-- decision, the level history they write, and the flight-risk flags a packet must warn about.

-- Every level a person has held, from hiring on: time-in-level and promotion rates.
CREATE TABLE level_history (
    id INTEGER PRIMARY KEY NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id),
    track TEXT NOT NULL CHECK (track IN ('ic', 'management')),
    level INTEGER NOT NULL,
    effective_on DATE NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('hired', 'promotion')),
    packet_id BIGINT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX level_history_person ON level_history(person_id, effective_on);

-- A manager's (or HR's) concern that someone may leave. Never shown to the person.
CREATE TABLE flight_risk_flags (
    id INTEGER PRIMARY KEY NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id),
    flagged_by BIGINT NOT NULL REFERENCES people(id),
    risk TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP
);
CREATE INDEX flight_risk_flags_person ON flight_risk_flags(person_id);

-- A person's own check against a level, criterion by criterion (criterion = its position
-- among the level's criteria in the cited ladder version).
CREATE TABLE self_evaluations (
    id INTEGER PRIMARY KEY NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id),
    ladder_version_id BIGINT NOT NULL REFERENCES ladder_versions(id),
    target_track TEXT NOT NULL CHECK (target_track IN ('ic', 'management')),
    target_level INTEGER NOT NULL,
    shared_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (person_id, ladder_version_id, target_track, target_level)
);

CREATE TABLE self_evaluation_items (
    self_evaluation_id BIGINT NOT NULL REFERENCES self_evaluations(id),
    criterion INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    links TEXT NOT NULL,
    PRIMARY KEY (self_evaluation_id, criterion)
);

CREATE TABLE self_evaluation_comments (
    id INTEGER PRIMARY KEY NOT NULL,
    self_evaluation_id BIGINT NOT NULL REFERENCES self_evaluations(id),
    author_id BIGINT NOT NULL REFERENCES people(id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX self_evaluation_comments_evaluation ON self_evaluation_comments(self_evaluation_id);

CREATE TABLE promotion_packets (
    id INTEGER PRIMARY KEY NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id),
    opened_by BIGINT NOT NULL REFERENCES people(id),
    ladder_version_id BIGINT NOT NULL REFERENCES ladder_versions(id),
    from_track TEXT NOT NULL,
    from_level INTEGER NOT NULL,
    target_track TEXT NOT NULL CHECK (target_track IN ('ic', 'management')),
    target_level INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'calibrated', 'approved', 'declined')),
    evidence_summary TEXT NOT NULL,
    business_case TEXT NOT NULL,
    performing_since DATE,
    calibration_outcome TEXT CHECK (calibration_outcome IN ('supported', 'not_supported')),
    calibration_notes TEXT,
    decision_reason TEXT,
    decided_by BIGINT REFERENCES people(id),
    decided_at TIMESTAMP,
    effective_on DATE,
    applied_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX promotion_packets_person ON promotion_packets(person_id);
CREATE INDEX promotion_packets_status ON promotion_packets(status);

CREATE TABLE promotion_evidence (
    packet_id BIGINT NOT NULL REFERENCES promotion_packets(id),
    criterion INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (packet_id, criterion)
);

CREATE TABLE promotion_endorsements (
    id INTEGER PRIMARY KEY NOT NULL,
    packet_id BIGINT NOT NULL REFERENCES promotion_packets(id),
    endorser_id BIGINT NOT NULL REFERENCES people(id),
    status TEXT NOT NULL CHECK (status IN ('requested', 'written', 'declined')),
    body TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    answered_at TIMESTAMP,
    UNIQUE (packet_id, endorser_id)
);
CREATE INDEX promotion_endorsements_endorser ON promotion_endorsements(endorser_id);

-- The promotion calibration: peers at (or above) the target level who review the packet.
CREATE TABLE promotion_panel (
    packet_id BIGINT NOT NULL REFERENCES promotion_packets(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    PRIMARY KEY (packet_id, person_id)
);
CREATE INDEX promotion_panel_person ON promotion_panel(person_id);

-- The packet's timeline: every state change, who made it and why.
CREATE TABLE promotion_events (
    id INTEGER PRIMARY KEY NOT NULL,
    packet_id BIGINT NOT NULL REFERENCES promotion_packets(id),
    at TIMESTAMP NOT NULL,
    actor_id BIGINT REFERENCES people(id),
    status TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX promotion_events_packet ON promotion_events(packet_id);
