DROP TABLE settings;
DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE people;
DROP TABLE teams;
DROP TABLE departments;
