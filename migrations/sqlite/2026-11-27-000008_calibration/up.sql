-- Calibration sessions: a board of people from one review cycle, the managers and the
-- facilitator who calibrate it, every rating change with its rationale, discussion of the
-- outliers, appeals, and the demographic attributes the fairness report groups by.

CREATE TABLE calibration_sessions (
    id INTEGER PRIMARY KEY NOT NULL,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles(id),
    name TEXT NOT NULL,
    -- The departments and teams the board was built from, in words ("Sales, Support").
    group_label TEXT NOT NULL,
    facilitator_id BIGINT NOT NULL REFERENCES people(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'finalised')),
    -- Bumped by every change on the board: open boards poll it to refresh.
    version INTEGER NOT NULL DEFAULT 1,
    created_by BIGINT NOT NULL REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finalised_at TIMESTAMP,
    finalised_by BIGINT REFERENCES people(id)
);
CREATE INDEX calibration_sessions_cycle ON calibration_sessions(cycle_id);

CREATE TABLE calibration_participants (
    session_id BIGINT NOT NULL REFERENCES calibration_sessions(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'manager')),
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX calibration_participants_person ON calibration_participants(person_id);

-- One row per person on a board. A review is on at most one board.
CREATE TABLE calibration_entries (
    id INTEGER PRIMARY KEY NOT NULL,
    session_id BIGINT NOT NULL REFERENCES calibration_sessions(id),
    review_id BIGINT NOT NULL UNIQUE REFERENCES reviews(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    -- The calibrated rating; NULL while it is still the manager's preliminary rating.
    rating TEXT,
    -- The manager's view of potential for the 9-box: low, medium or high.
    potential TEXT,
    discussed_at TIMESTAMP,
    discussed_by BIGINT REFERENCES people(id),
    discussion_note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX calibration_entries_session ON calibration_entries(session_id);
CREATE INDEX calibration_entries_person ON calibration_entries(person_id);

-- The history of every rating change (who, from, to, why, when). Never updated.
CREATE TABLE calibration_changes (
    id INTEGER PRIMARY KEY NOT NULL,
    session_id BIGINT NOT NULL REFERENCES calibration_sessions(id),
    entry_id BIGINT NOT NULL REFERENCES calibration_entries(id),
    changed_by BIGINT NOT NULL REFERENCES people(id),
    from_rating TEXT,
    to_rating TEXT NOT NULL,
    rationale TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX calibration_changes_entry ON calibration_changes(entry_id);
CREATE INDEX calibration_changes_session ON calibration_changes(session_id);

-- A manager disagreeing with a change; the facilitator or HR keeps or reverts it.
CREATE TABLE calibration_appeals (
    id INTEGER PRIMARY KEY NOT NULL,
    session_id BIGINT NOT NULL REFERENCES calibration_sessions(id),
    entry_id BIGINT NOT NULL REFERENCES calibration_entries(id),
    change_id BIGINT NOT NULL REFERENCES calibration_changes(id),
    raised_by BIGINT NOT NULL REFERENCES people(id),
    reason TEXT NOT NULL,
    raised_at TIMESTAMP NOT NULL,
    outcome TEXT CHECK (outcome IN ('kept', 'reverted')),
    resolution TEXT NOT NULL DEFAULT '',
    resolved_by BIGINT REFERENCES people(id),
    resolved_at TIMESTAMP
);
CREATE INDEX calibration_appeals_session ON calibration_appeals(session_id);

-- Demographic attributes (HR only; reports show them in aggregate, groups under 5 hidden).
CREATE TABLE person_attributes (
    person_id BIGINT NOT NULL REFERENCES people(id),
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (person_id, name)
);
