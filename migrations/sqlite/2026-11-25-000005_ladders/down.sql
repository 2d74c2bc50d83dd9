DROP TABLE ladder_drafts;
DROP TABLE ladder_versions;
DROP TABLE ladders;
