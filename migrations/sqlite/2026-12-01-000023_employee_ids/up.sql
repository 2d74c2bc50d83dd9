-- The HR system's own id for a person (BambooHR's employee number, Workday's worker id):
-- a people file matches rows to people by it first, so a changed email is a change, not a
-- new person. Unique where present; people added by hand may have none.
ALTER TABLE people ADD COLUMN employee_id TEXT;
CREATE UNIQUE INDEX people_employee_id ON people (employee_id) WHERE employee_id IS NOT NULL;
