-- Why a cycle was launched although some of its people were already in another open cycle
-- for an overlapping period: HR's recorded reason, shown on the cycle's page.
ALTER TABLE review_cycles ADD COLUMN launch_note TEXT;
