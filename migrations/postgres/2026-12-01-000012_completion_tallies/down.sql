DROP TABLE completion_tallies;
