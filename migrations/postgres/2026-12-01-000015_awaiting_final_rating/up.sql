-- Reviews waiting for HR's final rating (manager assessment submitted, no final rating, not
-- delivered, on no calibration board), marked on the review and kept by the writes that can
-- change it (reviews::queries::awaiting_final), so the cycle page reads the few waiting
-- through a partial index instead of every review of the cycle.
ALTER TABLE reviews ADD COLUMN awaiting_final_rating BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE reviews SET awaiting_final_rating = (
    reviews.final_rating IS NULL AND reviews.delivered_at IS NULL
    AND EXISTS (SELECT 1 FROM manager_assessments m
                WHERE m.review_id = reviews.id AND m.submitted_at IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM calibration_entries e WHERE e.review_id = reviews.id));

CREATE INDEX reviews_awaiting_final_rating ON reviews(cycle_id, id) WHERE awaiting_final_rating;
