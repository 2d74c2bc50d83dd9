-- The directory's text search reads its matches, not everyone: an FTS5 index of the
-- three-letter pieces of people.search_text (the trigram tokenizer finds any substring of
-- three letters or more). It stores no text of its own (content='people'); the triggers keep
-- it in step with every insert, change and delete.
CREATE VIRTUAL TABLE people_search USING fts5(
    search_text,
    content = 'people',
    content_rowid = 'id',
    tokenize = 'trigram'
);

INSERT INTO people_search (people_search) VALUES ('rebuild');

CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_search (people_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER people_search_update AFTER UPDATE OF search_text ON people BEGIN
    INSERT INTO people_search (people_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO people_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
