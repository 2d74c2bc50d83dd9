DROP TABLE review_exceptions;
