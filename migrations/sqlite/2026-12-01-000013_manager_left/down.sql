DROP INDEX people_manager_left;
ALTER TABLE people DROP COLUMN manager_left;
