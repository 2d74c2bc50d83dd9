-- Each person's organisation size (the non-departed people below them at any depth, the walk
-- stopping at people who have left), stored so a profile reads it instead of counting the
-- subtree on every view. The writes that change the tree keep it in their transaction
-- (org::queries::change_manager, record_departure, recount_org_sizes). Existing rows are
-- counted once here.
ALTER TABLE people ADD COLUMN org_size BIGINT NOT NULL DEFAULT 0;

-- Every (manager, person) pair where the person counts in the manager's organisation: a
-- non-departed direct report, then upward through managers who have not left.
WITH RECURSIVE counted(ancestor, id) AS (
    SELECT manager_id, id FROM people WHERE manager_id IS NOT NULL AND status <> 'departed'
    UNION
    SELECT m.manager_id, c.id
      FROM counted c JOIN people m ON m.id = c.ancestor
     WHERE m.manager_id IS NOT NULL AND m.status <> 'departed'
)
UPDATE people
   SET org_size = sizes.n
  FROM (SELECT ancestor, COUNT(*) AS n FROM counted GROUP BY ancestor) AS sizes
 WHERE people.id = sizes.ancestor;
