DROP INDEX people_search_trigrams;
