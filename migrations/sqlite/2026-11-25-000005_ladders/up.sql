-- Career ladders: one per function. Published versions are immutable (insert-only): a
-- ladder is a contract, and a promotion packet is judged against the version it cites.
-- Each version keeps the ladder as its TOML source, the same file HR can keep in git.
CREATE TABLE ladders (
    id INTEGER PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE ladder_versions (
    id INTEGER PRIMARY KEY NOT NULL,
    ladder_id BIGINT NOT NULL REFERENCES ladders(id),
    number INTEGER NOT NULL,
    source TEXT NOT NULL,
    change_summary TEXT NOT NULL,
    published_by BIGINT REFERENCES people(id),
    published_at TIMESTAMP NOT NULL,
    UNIQUE (ladder_id, number)
);

-- At most one draft per ladder; `version` guards concurrent edits by two HR admins.
CREATE TABLE ladder_drafts (
    ladder_id BIGINT PRIMARY KEY NOT NULL REFERENCES ladders(id),
    source TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_by BIGINT REFERENCES people(id),
    updated_at TIMESTAMP NOT NULL
);
