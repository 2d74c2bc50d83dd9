ALTER TABLE people DROP COLUMN org_size;
