-- What someone typed into a form that was refused, kept for the page the browser is sent
-- back to when it has no JavaScript (with JavaScript the form never leaves the page). Read
-- once, by the same person, within ten minutes; in the database so that the page may be
-- served by another instance than the one that refused the post.
CREATE TABLE kept_forms (
    id TEXT PRIMARY KEY NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id),
    action TEXT NOT NULL,
    fields TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX kept_forms_expiry ON kept_forms (expires_at);
