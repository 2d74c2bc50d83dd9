ALTER TABLE manager_assessments DROP COLUMN traces;
