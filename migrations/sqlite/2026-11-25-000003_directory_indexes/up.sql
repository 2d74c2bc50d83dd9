-- The directory lists people in name order and filters by location: let both walk an
-- index instead of sorting or scanning the whole table (measured in docs/performance.md).
CREATE INDEX people_search_text ON people(search_text);
CREATE INDEX people_location ON people(location);
