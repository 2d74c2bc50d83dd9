ALTER TABLE audit_log DROP COLUMN request_id;
DROP TABLE oidc_logins;
DROP TABLE identities;
