-- An HR admin's recorded exception to a review rule: delivering a review without a
-- submitted self-assessment or any peer feedback, or submitting the manager assessment before
-- the peers were approved. A rule blocks until HR gives a reason; the reason stays with the
-- review, on its page and in the audit log.
CREATE TABLE review_exceptions (
    id INTEGER PRIMARY KEY NOT NULL,
    review_id BIGINT NOT NULL REFERENCES reviews(id),
    rule TEXT NOT NULL CHECK (rule IN ('deliver_without_input', 'assess_before_peers')),
    reason TEXT NOT NULL,
    granted_by BIGINT NOT NULL REFERENCES people(id),
    granted_at TIMESTAMP NOT NULL,
    UNIQUE (review_id, rule)
);
