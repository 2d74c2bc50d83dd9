DROP TABLE outbox;
DROP TABLE peer_feedback;
DROP TABLE manager_assessments;
DROP TABLE self_assessments;
DROP TABLE reviews;
DROP TABLE review_cycles;
