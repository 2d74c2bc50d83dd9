DROP INDEX people_departed;
