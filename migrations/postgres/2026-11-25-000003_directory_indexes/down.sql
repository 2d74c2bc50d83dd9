DROP INDEX people_location;
DROP INDEX people_search_text;
