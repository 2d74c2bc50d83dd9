-- Where the manager traced a below-Meets rating and each development point to an earlier
-- dated record (a delivered review, a peer's suggestion, a ladder comment), as JSON: the "no
-- surprises" check counts a concern as raised before only through such a trace.
ALTER TABLE manager_assessments ADD COLUMN traces TEXT NOT NULL DEFAULT '{}';
