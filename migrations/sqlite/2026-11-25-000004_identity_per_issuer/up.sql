-- One account per person and provider, enforced by the database: two first sign-ins racing
-- each other cannot link two accounts to the same person.
CREATE UNIQUE INDEX identities_person_issuer ON identities(person_id, issuer);
