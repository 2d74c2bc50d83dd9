-- An outcome that concerns someone (a decision on their promotion, an appeal waiting for
-- them, a review acknowledged) is both an email and an update on their My work: the message
-- carries the page it is about, and My work lists the person's recent ones through this
-- partial index. Reminders and announcements have no link and stay email only.
ALTER TABLE outbox ADD COLUMN link TEXT;
CREATE INDEX outbox_updates ON outbox (person_id, id) WHERE link IS NOT NULL;
