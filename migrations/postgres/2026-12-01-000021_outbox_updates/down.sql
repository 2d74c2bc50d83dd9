DROP INDEX outbox_updates;
ALTER TABLE outbox DROP COLUMN link;
