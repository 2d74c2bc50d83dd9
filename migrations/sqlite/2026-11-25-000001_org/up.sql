-- The org model: departments, teams, people (the manager tree), sessions and the audit log.
CREATE TABLE departments (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY NOT NULL,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE
);
CREATE INDEX teams_department ON teams(department_id);

CREATE TABLE people (
    id INTEGER PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    search_text TEXT NOT NULL,
    title TEXT NOT NULL,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    team_id BIGINT REFERENCES teams(id),
    manager_id BIGINT REFERENCES people(id),
    track TEXT NOT NULL CHECK (track IN ('ic', 'management')),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    hire_date DATE NOT NULL,
    location TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'on_leave', 'departed')),
    departed_on DATE,
    departure_reason TEXT,
    is_hr_admin BOOLEAN NOT NULL DEFAULT 0,
    is_executive BOOLEAN NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((status = 'departed') = (departed_on IS NOT NULL))
);
CREATE INDEX people_manager ON people(manager_id);
CREATE INDEX people_department ON people(department_id);
CREATE INDEX people_team ON people(team_id);
CREATE INDEX people_status_name ON people(status, search_text);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_id BIGINT REFERENCES people(id),
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id BIGINT,
    outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
