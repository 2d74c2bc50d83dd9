DROP INDEX identities_person_issuer;
