-- The directory's text search reads its matches, not everyone (org::queries::search): two
-- FTS5 indexes of people.search_text, storing no text of their own (content='people') and
-- kept in step with every insert, change and delete by the triggers below.
--   people_search: every piece of three letters (the trigram tokenizer), for texts of three
--                  letters or more, found anywhere;
--   people_words:  words, with prefix indexes of their first one and two letters, for
--                  shorter texts, which match the start of a word.
CREATE VIRTUAL TABLE people_search USING fts5(
    search_text,
    content = 'people',
    content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE VIRTUAL TABLE people_words USING fts5(
    search_text,
    content = 'people',
    content_rowid = 'id',
    tokenize = 'unicode61',
    prefix = '1 2'
);

INSERT INTO people_search (people_search) VALUES ('rebuild');
INSERT INTO people_words (people_words) VALUES ('rebuild');

CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, search_text) VALUES (new.id, new.search_text);
    INSERT INTO people_words (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_search (people_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO people_words (people_words, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER people_search_update AFTER UPDATE OF search_text ON people BEGIN
    INSERT INTO people_search (people_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO people_words (people_words, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO people_search (rowid, search_text) VALUES (new.id, new.search_text);
    INSERT INTO people_words (rowid, search_text) VALUES (new.id, new.search_text);
END;
