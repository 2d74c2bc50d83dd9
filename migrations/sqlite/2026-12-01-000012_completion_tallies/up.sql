-- How far each review cycle has got, summed per organisation and stored, so the cycle's
-- completion page reads one row per branch instead of walking the organisation and its
-- reviews on every view. A row with person_id 0 sums the whole cycle (everyone reviewed,
-- including people who have left or are outside the tree); any other row sums the review of
-- that person and of everyone counted in their organisation (the non-departed people below
-- them, the walk stopping at people who have left, as for people.org_size). The writes that
-- change a review, its peer requests or the tree keep the rows in their transaction
-- (reviews::queries::tallies); existing cycles are counted when the server next starts.
CREATE TABLE completion_tallies (
  cycle_id BIGINT NOT NULL REFERENCES review_cycles (id),
  person_id BIGINT NOT NULL,
  reviews BIGINT NOT NULL DEFAULT 0,
  self_done BIGINT NOT NULL DEFAULT 0,
  self_late BIGINT NOT NULL DEFAULT 0,
  peers_done BIGINT NOT NULL DEFAULT 0,
  peers_asked BIGINT NOT NULL DEFAULT 0,
  manager_done BIGINT NOT NULL DEFAULT 0,
  manager_late BIGINT NOT NULL DEFAULT 0,
  delivered BIGINT NOT NULL DEFAULT 0,
  delivered_on_time BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (cycle_id, person_id)
);

-- A moved person's rows, every cycle at once.
CREATE INDEX completion_tallies_person ON completion_tallies (person_id);
