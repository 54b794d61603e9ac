-- Search: message bodies under InnoDB FULLTEXT indexes, in 16 shard tables by id block
-- (message id DIV 65536, modulo 16). One FULLTEXT index over every message makes each query
-- compute every match of its words before it can keep the newest 20: 1-4 s for a word in a
-- fifth of 1.1 M messages (bench/README.md, finding 11). A shard holds 1/16 of the messages, so
-- the newest block's shard answers a common word's first page alone; older blocks follow only
-- for rarer words, whose matches are few (repositories/search.py).
-- Separate tables, not an index on messages: no migration that rebuilds messages can re-create
-- the index with other stopword settings, and InnoDB's hidden FTS_DOC_ID stays off messages.
-- Stopwords are off, so every word of 3+ letters is searchable ("about", "what", "the"): the
-- setting is read when each index is created, and kept with it.
-- depends: 0014.create-visitors
SET SESSION innodb_ft_enable_stopword = OFF;
CREATE TABLE message_search_00 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_00 (body),
    CONSTRAINT fk_message_search_00 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_01 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_01 (body),
    CONSTRAINT fk_message_search_01 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_02 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_02 (body),
    CONSTRAINT fk_message_search_02 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_03 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_03 (body),
    CONSTRAINT fk_message_search_03 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_04 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_04 (body),
    CONSTRAINT fk_message_search_04 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_05 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_05 (body),
    CONSTRAINT fk_message_search_05 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_06 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_06 (body),
    CONSTRAINT fk_message_search_06 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_07 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_07 (body),
    CONSTRAINT fk_message_search_07 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_08 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_08 (body),
    CONSTRAINT fk_message_search_08 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_09 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_09 (body),
    CONSTRAINT fk_message_search_09 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_10 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_10 (body),
    CONSTRAINT fk_message_search_10 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_11 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_11 (body),
    CONSTRAINT fk_message_search_11 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_12 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_12 (body),
    CONSTRAINT fk_message_search_12 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_13 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_13 (body),
    CONSTRAINT fk_message_search_13 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_14 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_14 (body),
    CONSTRAINT fk_message_search_14 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_15 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_15 (body),
    CONSTRAINT fk_message_search_15 FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- Every message (text or note) is indexed in the transaction that inserts it.
CREATE TRIGGER trg_messages_search AFTER INSERT ON messages FOR EACH ROW
BEGIN
    CASE MOD(NEW.id DIV 65536, 16)
        WHEN 0 THEN INSERT INTO message_search_00 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 1 THEN INSERT INTO message_search_01 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 2 THEN INSERT INTO message_search_02 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 3 THEN INSERT INTO message_search_03 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 4 THEN INSERT INTO message_search_04 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 5 THEN INSERT INTO message_search_05 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 6 THEN INSERT INTO message_search_06 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 7 THEN INSERT INTO message_search_07 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 8 THEN INSERT INTO message_search_08 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 9 THEN INSERT INTO message_search_09 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 10 THEN INSERT INTO message_search_10 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 11 THEN INSERT INTO message_search_11 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 12 THEN INSERT INTO message_search_12 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 13 THEN INSERT INTO message_search_13 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 14 THEN INSERT INTO message_search_14 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
        WHEN 15 THEN INSERT INTO message_search_15 (message_id, chat_id, body)
            VALUES (NEW.id, NEW.chat_id, NEW.body);
    END CASE;
END;
-- Messages written before this migration.
INSERT IGNORE INTO message_search_00 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 0;
INSERT IGNORE INTO message_search_01 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 1;
INSERT IGNORE INTO message_search_02 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 2;
INSERT IGNORE INTO message_search_03 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 3;
INSERT IGNORE INTO message_search_04 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 4;
INSERT IGNORE INTO message_search_05 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 5;
INSERT IGNORE INTO message_search_06 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 6;
INSERT IGNORE INTO message_search_07 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 7;
INSERT IGNORE INTO message_search_08 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 8;
INSERT IGNORE INTO message_search_09 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 9;
INSERT IGNORE INTO message_search_10 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 10;
INSERT IGNORE INTO message_search_11 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 11;
INSERT IGNORE INTO message_search_12 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 12;
INSERT IGNORE INTO message_search_13 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 13;
INSERT IGNORE INTO message_search_14 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 14;
INSERT IGNORE INTO message_search_15 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 65536, 16) = 15;
