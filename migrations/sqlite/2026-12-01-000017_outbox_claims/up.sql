-- A send is claimed with a lease: the claiming instance writes its token and how long the
-- claim holds, in one UPDATE whose WHERE re-checks that nobody holds it, so two instances
-- never send one message (the attempts counter alone let a second instance claim a message
-- the first was still sending). A claim whose instance died expires and the message is
-- tried again.
ALTER TABLE outbox ADD COLUMN claim_token TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TIMESTAMP;
-- The claimer reads back what it took by its token.
CREATE INDEX outbox_claim ON outbox(claim_token);
