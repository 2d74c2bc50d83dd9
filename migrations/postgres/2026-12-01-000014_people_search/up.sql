-- The directory's text search reads its matches, not everyone (org::queries::search): a
-- trigram index serves search_text LIKE '%text%' (three letters or more) and a word's start
-- (LIKE 'text%' OR LIKE '% text%', one or two letters). pg_trgm ships with PostgreSQL and is
-- a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX people_search_trigrams ON people USING gin (search_text gin_trgm_ops);
