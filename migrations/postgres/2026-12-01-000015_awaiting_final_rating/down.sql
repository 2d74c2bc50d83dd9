DROP INDEX reviews_awaiting_final_rating;
ALTER TABLE reviews DROP COLUMN awaiting_final_rating;
