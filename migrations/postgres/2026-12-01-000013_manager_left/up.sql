-- Active people whose manager has left, marked when the manager's departure is recorded and
-- cleared when HR gives them a new manager (org::queries), so HR's "My work" finds them
-- through a small index instead of starting from everyone who has ever left.
ALTER TABLE people ADD COLUMN manager_left BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE people
   SET manager_left = TRUE
 WHERE status <> 'departed'
   AND manager_id IN (SELECT id FROM people WHERE status = 'departed');

CREATE INDEX people_manager_left ON people(id) WHERE manager_left;
