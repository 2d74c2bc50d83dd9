DROP INDEX people_employee_id;
ALTER TABLE people DROP COLUMN employee_id;
