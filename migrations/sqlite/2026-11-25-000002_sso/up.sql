-- Company SSO: who a person is at their identity provider, and logins in flight.
CREATE TABLE identities (
    id INTEGER PRIMARY KEY NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_sign_in_at TIMESTAMP NOT NULL,
    UNIQUE (issuer, subject)
);
CREATE INDEX identities_person ON identities(person_id);

-- One row per started sign-in; deleted at the callback, so a state is usable once.
CREATE TABLE oidc_logins (
    state_hash TEXT PRIMARY KEY NOT NULL,
    pkce_verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

ALTER TABLE audit_log ADD COLUMN request_id TEXT;
