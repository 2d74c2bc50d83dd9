ALTER TABLE review_cycles DROP COLUMN launch_note;
