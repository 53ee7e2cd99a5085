-- Version 10: corpus search in Chinese and Japanese. The word index of version 2 (unicode61) cuts words at spaces
-- and punctuation, so a run of Han or kana, written without spaces, is one "word" there and a word inside it
-- cannot be found. This index holds the same texts cut into trigrams, in which any substring of three or more
-- characters can be found (case and diacritics folded as in the word index); shorter ones are looked for in the
-- texts it holds (electron/core/sqlite/corpus-search.ts). Only texts with Han or kana in them are held: a trigram
-- index is several times the size of its text, and other texts are searched by words. The character class below
-- is UNSPACED_SCRIPT of electron/core/domain/search-text.ts. Contentless: only ids are read from it.
CREATE VIRTUAL TABLE documents_han USING fts5 (
  text,
  content = '',
  contentless_delete = 1,
  tokenize = 'trigram remove_diacritics 1'
);

INSERT INTO documents_han (rowid, text)
SELECT id, text FROM documents WHERE text GLOB '*[⺀-⿟々-〇〡-〩぀-ヿㇰ-ㇿ㐀-䶿一-鿿豈-﫿ｦ-ﾟ𠀀-𲎯]*';

-- Texts never change once stored; documents come (an import, a removal undone) and go. A bulk import indexes its
-- documents itself (version 4), here as in the word index.
CREATE TRIGGER documents_han_insert AFTER INSERT ON documents
WHEN NOT EXISTS (SELECT 1 FROM documents_fts_deferred) AND new.text GLOB '*[⺀-⿟々-〇〡-〩぀-ヿㇰ-ㇿ㐀-䶿一-鿿豈-﫿ｦ-ﾟ𠀀-𲎯]*' BEGIN
  INSERT INTO documents_han (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER documents_han_delete AFTER DELETE ON documents BEGIN
  DELETE FROM documents_han WHERE rowid = old.id;
END;
