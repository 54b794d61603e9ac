-- Search in 128 tables of consecutive id blocks: message id goes to message_search_NNN,
-- NNN = (id DIV 16384) mod 128, so until ids pass 2,097,152 every table holds one block of
-- 16,384 messages and a query restricted to a block costs only that block's matches. InnoDB
-- computes every match of a query's words in the table it searches before it returns the newest
-- few; migration 0015's 16 tables of interleaved 65,536-id blocks made a common word cost its
-- whole table (~100 ms for a word in half of 1.1 M messages) whichever block was asked for, and
-- a word missing from the newest blocks cost the union of all 16 (1.4 s): bench/README.md,
-- finding 13. repositories/search.py walks the blocks newest first and stops at a page.
-- No foreign keys: a delete on messages would check all 128 child tables for each row; a
-- trigger deletes the one row instead (messages are only deleted by DELETE, never by cascade).
-- Stopwords stay off, as in 0015. Generated text: 128 tables and their routing, nothing else.
-- depends: 0028.erase-and-retention-keys
SET SESSION innodb_ft_enable_stopword = OFF;

CREATE TABLE message_search_000 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_000 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_001 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_001 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_002 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_002 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_003 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_003 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_004 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_004 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_005 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_005 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_006 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_006 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_007 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_007 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_008 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_008 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_009 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_009 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_010 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_010 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_011 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_011 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_012 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_012 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_013 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_013 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_014 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_014 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_015 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_015 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_016 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_016 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_017 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_017 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_018 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_018 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_019 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_019 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_020 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_020 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_021 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_021 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_022 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_022 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_023 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_023 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_024 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_024 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_025 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_025 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_026 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_026 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_027 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_027 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_028 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_028 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_029 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_029 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_030 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_030 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_031 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_031 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_032 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_032 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_033 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_033 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_034 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_034 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_035 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_035 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_036 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_036 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_037 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_037 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_038 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_038 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_039 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_039 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_040 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_040 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_041 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_041 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_042 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_042 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_043 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_043 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_044 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_044 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_045 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_045 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_046 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_046 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_047 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_047 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_048 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_048 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_049 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_049 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_050 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_050 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_051 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_051 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_052 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_052 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_053 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_053 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_054 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_054 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_055 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_055 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_056 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_056 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_057 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_057 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_058 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_058 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_059 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_059 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_060 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_060 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_061 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_061 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_062 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_062 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_063 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_063 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_064 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_064 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_065 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_065 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_066 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_066 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_067 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_067 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_068 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_068 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_069 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_069 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_070 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_070 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_071 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_071 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_072 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_072 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_073 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_073 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_074 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_074 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_075 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_075 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_076 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_076 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_077 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_077 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_078 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_078 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_079 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_079 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_080 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_080 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_081 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_081 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_082 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_082 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_083 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_083 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_084 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_084 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_085 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_085 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_086 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_086 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_087 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_087 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_088 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_088 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_089 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_089 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_090 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_090 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_091 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_091 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_092 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_092 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_093 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_093 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_094 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_094 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_095 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_095 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_096 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_096 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_097 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_097 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_098 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_098 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_099 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_099 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_100 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_100 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_101 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_101 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_102 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_102 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_103 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_103 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_104 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_104 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_105 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_105 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_106 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_106 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_107 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_107 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_108 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_108 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_109 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_109 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_110 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_110 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_111 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_111 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_112 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_112 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_113 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_113 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_114 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_114 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_115 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_115 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_116 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_116 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_117 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_117 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_118 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_118 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_119 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_119 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_120 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_120 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_121 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_121 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_122 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_122 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_123 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_123 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_124 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_124 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_125 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_125 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_126 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_126 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE message_search_127 (
    message_id BIGINT UNSIGNED NOT NULL,
    chat_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (message_id),
    FULLTEXT KEY ft_message_search_127 (body)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
DROP TRIGGER trg_messages_search;
CREATE TRIGGER trg_messages_search AFTER INSERT ON messages FOR EACH ROW
BEGIN
    DECLARE slot INT DEFAULT MOD(NEW.id DIV 16384, 128);
    CASE slot DIV 16
        WHEN 0 THEN CASE slot MOD 16
            WHEN 0 THEN INSERT INTO message_search_000 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 1 THEN INSERT INTO message_search_001 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 2 THEN INSERT INTO message_search_002 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 3 THEN INSERT INTO message_search_003 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 4 THEN INSERT INTO message_search_004 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 5 THEN INSERT INTO message_search_005 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 6 THEN INSERT INTO message_search_006 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 7 THEN INSERT INTO message_search_007 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 8 THEN INSERT INTO message_search_008 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 9 THEN INSERT INTO message_search_009 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 10 THEN INSERT INTO message_search_010 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 11 THEN INSERT INTO message_search_011 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 12 THEN INSERT INTO message_search_012 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 13 THEN INSERT INTO message_search_013 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 14 THEN INSERT INTO message_search_014 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 15 THEN INSERT INTO message_search_015 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
        END CASE;
        WHEN 1 THEN CASE slot MOD 16
            WHEN 0 THEN INSERT INTO message_search_016 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 1 THEN INSERT INTO message_search_017 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 2 THEN INSERT INTO message_search_018 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 3 THEN INSERT INTO message_search_019 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 4 THEN INSERT INTO message_search_020 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 5 THEN INSERT INTO message_search_021 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 6 THEN INSERT INTO message_search_022 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 7 THEN INSERT INTO message_search_023 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 8 THEN INSERT INTO message_search_024 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 9 THEN INSERT INTO message_search_025 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 10 THEN INSERT INTO message_search_026 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 11 THEN INSERT INTO message_search_027 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 12 THEN INSERT INTO message_search_028 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 13 THEN INSERT INTO message_search_029 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 14 THEN INSERT INTO message_search_030 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 15 THEN INSERT INTO message_search_031 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
        END CASE;
        WHEN 2 THEN CASE slot MOD 16
            WHEN 0 THEN INSERT INTO message_search_032 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 1 THEN INSERT INTO message_search_033 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 2 THEN INSERT INTO message_search_034 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 3 THEN INSERT INTO message_search_035 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 4 THEN INSERT INTO message_search_036 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 5 THEN INSERT INTO message_search_037 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 6 THEN INSERT INTO message_search_038 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 7 THEN INSERT INTO message_search_039 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 8 THEN INSERT INTO message_search_040 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 9 THEN INSERT INTO message_search_041 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 10 THEN INSERT INTO message_search_042 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 11 THEN INSERT INTO message_search_043 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 12 THEN INSERT INTO message_search_044 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 13 THEN INSERT INTO message_search_045 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 14 THEN INSERT INTO message_search_046 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 15 THEN INSERT INTO message_search_047 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
        END CASE;
        WHEN 3 THEN CASE slot MOD 16
            WHEN 0 THEN INSERT INTO message_search_048 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 1 THEN INSERT INTO message_search_049 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 2 THEN INSERT INTO message_search_050 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 3 THEN INSERT INTO message_search_051 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 4 THEN INSERT INTO message_search_052 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 5 THEN INSERT INTO message_search_053 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 6 THEN INSERT INTO message_search_054 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 7 THEN INSERT INTO message_search_055 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 8 THEN INSERT INTO message_search_056 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 9 THEN INSERT INTO message_search_057 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 10 THEN INSERT INTO message_search_058 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 11 THEN INSERT INTO message_search_059 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 12 THEN INSERT INTO message_search_060 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 13 THEN INSERT INTO message_search_061 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 14 THEN INSERT INTO message_search_062 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 15 THEN INSERT INTO message_search_063 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
        END CASE;
        WHEN 4 THEN CASE slot MOD 16
            WHEN 0 THEN INSERT INTO message_search_064 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 1 THEN INSERT INTO message_search_065 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 2 THEN INSERT INTO message_search_066 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 3 THEN INSERT INTO message_search_067 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 4 THEN INSERT INTO message_search_068 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 5 THEN INSERT INTO message_search_069 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 6 THEN INSERT INTO message_search_070 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 7 THEN INSERT INTO message_search_071 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 8 THEN INSERT INTO message_search_072 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 9 THEN INSERT INTO message_search_073 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 10 THEN INSERT INTO message_search_074 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 11 THEN INSERT INTO message_search_075 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 12 THEN INSERT INTO message_search_076 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 13 THEN INSERT INTO message_search_077 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 14 THEN INSERT INTO message_search_078 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 15 THEN INSERT INTO message_search_079 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
        END CASE;
        WHEN 5 THEN CASE slot MOD 16
            WHEN 0 THEN INSERT INTO message_search_080 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 1 THEN INSERT INTO message_search_081 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 2 THEN INSERT INTO message_search_082 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 3 THEN INSERT INTO message_search_083 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 4 THEN INSERT INTO message_search_084 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 5 THEN INSERT INTO message_search_085 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 6 THEN INSERT INTO message_search_086 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 7 THEN INSERT INTO message_search_087 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 8 THEN INSERT INTO message_search_088 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 9 THEN INSERT INTO message_search_089 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 10 THEN INSERT INTO message_search_090 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 11 THEN INSERT INTO message_search_091 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 12 THEN INSERT INTO message_search_092 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 13 THEN INSERT INTO message_search_093 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 14 THEN INSERT INTO message_search_094 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 15 THEN INSERT INTO message_search_095 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
        END CASE;
        WHEN 6 THEN CASE slot MOD 16
            WHEN 0 THEN INSERT INTO message_search_096 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 1 THEN INSERT INTO message_search_097 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 2 THEN INSERT INTO message_search_098 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 3 THEN INSERT INTO message_search_099 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 4 THEN INSERT INTO message_search_100 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 5 THEN INSERT INTO message_search_101 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 6 THEN INSERT INTO message_search_102 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 7 THEN INSERT INTO message_search_103 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 8 THEN INSERT INTO message_search_104 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 9 THEN INSERT INTO message_search_105 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 10 THEN INSERT INTO message_search_106 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 11 THEN INSERT INTO message_search_107 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 12 THEN INSERT INTO message_search_108 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 13 THEN INSERT INTO message_search_109 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 14 THEN INSERT INTO message_search_110 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 15 THEN INSERT INTO message_search_111 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
        END CASE;
        WHEN 7 THEN CASE slot MOD 16
            WHEN 0 THEN INSERT INTO message_search_112 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 1 THEN INSERT INTO message_search_113 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 2 THEN INSERT INTO message_search_114 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 3 THEN INSERT INTO message_search_115 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 4 THEN INSERT INTO message_search_116 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 5 THEN INSERT INTO message_search_117 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 6 THEN INSERT INTO message_search_118 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 7 THEN INSERT INTO message_search_119 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 8 THEN INSERT INTO message_search_120 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 9 THEN INSERT INTO message_search_121 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 10 THEN INSERT INTO message_search_122 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 11 THEN INSERT INTO message_search_123 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 12 THEN INSERT INTO message_search_124 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 13 THEN INSERT INTO message_search_125 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 14 THEN INSERT INTO message_search_126 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
            WHEN 15 THEN INSERT INTO message_search_127 (message_id, chat_id, body) VALUES (NEW.id, NEW.chat_id, NEW.body);
        END CASE;
    END CASE;
END;
CREATE TRIGGER trg_messages_unsearch AFTER DELETE ON messages FOR EACH ROW
BEGIN
    DECLARE slot INT DEFAULT MOD(OLD.id DIV 16384, 128);
    CASE slot DIV 16
        WHEN 0 THEN CASE slot MOD 16
            WHEN 0 THEN DELETE FROM message_search_000 WHERE message_id = OLD.id;
            WHEN 1 THEN DELETE FROM message_search_001 WHERE message_id = OLD.id;
            WHEN 2 THEN DELETE FROM message_search_002 WHERE message_id = OLD.id;
            WHEN 3 THEN DELETE FROM message_search_003 WHERE message_id = OLD.id;
            WHEN 4 THEN DELETE FROM message_search_004 WHERE message_id = OLD.id;
            WHEN 5 THEN DELETE FROM message_search_005 WHERE message_id = OLD.id;
            WHEN 6 THEN DELETE FROM message_search_006 WHERE message_id = OLD.id;
            WHEN 7 THEN DELETE FROM message_search_007 WHERE message_id = OLD.id;
            WHEN 8 THEN DELETE FROM message_search_008 WHERE message_id = OLD.id;
            WHEN 9 THEN DELETE FROM message_search_009 WHERE message_id = OLD.id;
            WHEN 10 THEN DELETE FROM message_search_010 WHERE message_id = OLD.id;
            WHEN 11 THEN DELETE FROM message_search_011 WHERE message_id = OLD.id;
            WHEN 12 THEN DELETE FROM message_search_012 WHERE message_id = OLD.id;
            WHEN 13 THEN DELETE FROM message_search_013 WHERE message_id = OLD.id;
            WHEN 14 THEN DELETE FROM message_search_014 WHERE message_id = OLD.id;
            WHEN 15 THEN DELETE FROM message_search_015 WHERE message_id = OLD.id;
        END CASE;
        WHEN 1 THEN CASE slot MOD 16
            WHEN 0 THEN DELETE FROM message_search_016 WHERE message_id = OLD.id;
            WHEN 1 THEN DELETE FROM message_search_017 WHERE message_id = OLD.id;
            WHEN 2 THEN DELETE FROM message_search_018 WHERE message_id = OLD.id;
            WHEN 3 THEN DELETE FROM message_search_019 WHERE message_id = OLD.id;
            WHEN 4 THEN DELETE FROM message_search_020 WHERE message_id = OLD.id;
            WHEN 5 THEN DELETE FROM message_search_021 WHERE message_id = OLD.id;
            WHEN 6 THEN DELETE FROM message_search_022 WHERE message_id = OLD.id;
            WHEN 7 THEN DELETE FROM message_search_023 WHERE message_id = OLD.id;
            WHEN 8 THEN DELETE FROM message_search_024 WHERE message_id = OLD.id;
            WHEN 9 THEN DELETE FROM message_search_025 WHERE message_id = OLD.id;
            WHEN 10 THEN DELETE FROM message_search_026 WHERE message_id = OLD.id;
            WHEN 11 THEN DELETE FROM message_search_027 WHERE message_id = OLD.id;
            WHEN 12 THEN DELETE FROM message_search_028 WHERE message_id = OLD.id;
            WHEN 13 THEN DELETE FROM message_search_029 WHERE message_id = OLD.id;
            WHEN 14 THEN DELETE FROM message_search_030 WHERE message_id = OLD.id;
            WHEN 15 THEN DELETE FROM message_search_031 WHERE message_id = OLD.id;
        END CASE;
        WHEN 2 THEN CASE slot MOD 16
            WHEN 0 THEN DELETE FROM message_search_032 WHERE message_id = OLD.id;
            WHEN 1 THEN DELETE FROM message_search_033 WHERE message_id = OLD.id;
            WHEN 2 THEN DELETE FROM message_search_034 WHERE message_id = OLD.id;
            WHEN 3 THEN DELETE FROM message_search_035 WHERE message_id = OLD.id;
            WHEN 4 THEN DELETE FROM message_search_036 WHERE message_id = OLD.id;
            WHEN 5 THEN DELETE FROM message_search_037 WHERE message_id = OLD.id;
            WHEN 6 THEN DELETE FROM message_search_038 WHERE message_id = OLD.id;
            WHEN 7 THEN DELETE FROM message_search_039 WHERE message_id = OLD.id;
            WHEN 8 THEN DELETE FROM message_search_040 WHERE message_id = OLD.id;
            WHEN 9 THEN DELETE FROM message_search_041 WHERE message_id = OLD.id;
            WHEN 10 THEN DELETE FROM message_search_042 WHERE message_id = OLD.id;
            WHEN 11 THEN DELETE FROM message_search_043 WHERE message_id = OLD.id;
            WHEN 12 THEN DELETE FROM message_search_044 WHERE message_id = OLD.id;
            WHEN 13 THEN DELETE FROM message_search_045 WHERE message_id = OLD.id;
            WHEN 14 THEN DELETE FROM message_search_046 WHERE message_id = OLD.id;
            WHEN 15 THEN DELETE FROM message_search_047 WHERE message_id = OLD.id;
        END CASE;
        WHEN 3 THEN CASE slot MOD 16
            WHEN 0 THEN DELETE FROM message_search_048 WHERE message_id = OLD.id;
            WHEN 1 THEN DELETE FROM message_search_049 WHERE message_id = OLD.id;
            WHEN 2 THEN DELETE FROM message_search_050 WHERE message_id = OLD.id;
            WHEN 3 THEN DELETE FROM message_search_051 WHERE message_id = OLD.id;
            WHEN 4 THEN DELETE FROM message_search_052 WHERE message_id = OLD.id;
            WHEN 5 THEN DELETE FROM message_search_053 WHERE message_id = OLD.id;
            WHEN 6 THEN DELETE FROM message_search_054 WHERE message_id = OLD.id;
            WHEN 7 THEN DELETE FROM message_search_055 WHERE message_id = OLD.id;
            WHEN 8 THEN DELETE FROM message_search_056 WHERE message_id = OLD.id;
            WHEN 9 THEN DELETE FROM message_search_057 WHERE message_id = OLD.id;
            WHEN 10 THEN DELETE FROM message_search_058 WHERE message_id = OLD.id;
            WHEN 11 THEN DELETE FROM message_search_059 WHERE message_id = OLD.id;
            WHEN 12 THEN DELETE FROM message_search_060 WHERE message_id = OLD.id;
            WHEN 13 THEN DELETE FROM message_search_061 WHERE message_id = OLD.id;
            WHEN 14 THEN DELETE FROM message_search_062 WHERE message_id = OLD.id;
            WHEN 15 THEN DELETE FROM message_search_063 WHERE message_id = OLD.id;
        END CASE;
        WHEN 4 THEN CASE slot MOD 16
            WHEN 0 THEN DELETE FROM message_search_064 WHERE message_id = OLD.id;
            WHEN 1 THEN DELETE FROM message_search_065 WHERE message_id = OLD.id;
            WHEN 2 THEN DELETE FROM message_search_066 WHERE message_id = OLD.id;
            WHEN 3 THEN DELETE FROM message_search_067 WHERE message_id = OLD.id;
            WHEN 4 THEN DELETE FROM message_search_068 WHERE message_id = OLD.id;
            WHEN 5 THEN DELETE FROM message_search_069 WHERE message_id = OLD.id;
            WHEN 6 THEN DELETE FROM message_search_070 WHERE message_id = OLD.id;
            WHEN 7 THEN DELETE FROM message_search_071 WHERE message_id = OLD.id;
            WHEN 8 THEN DELETE FROM message_search_072 WHERE message_id = OLD.id;
            WHEN 9 THEN DELETE FROM message_search_073 WHERE message_id = OLD.id;
            WHEN 10 THEN DELETE FROM message_search_074 WHERE message_id = OLD.id;
            WHEN 11 THEN DELETE FROM message_search_075 WHERE message_id = OLD.id;
            WHEN 12 THEN DELETE FROM message_search_076 WHERE message_id = OLD.id;
            WHEN 13 THEN DELETE FROM message_search_077 WHERE message_id = OLD.id;
            WHEN 14 THEN DELETE FROM message_search_078 WHERE message_id = OLD.id;
            WHEN 15 THEN DELETE FROM message_search_079 WHERE message_id = OLD.id;
        END CASE;
        WHEN 5 THEN CASE slot MOD 16
            WHEN 0 THEN DELETE FROM message_search_080 WHERE message_id = OLD.id;
            WHEN 1 THEN DELETE FROM message_search_081 WHERE message_id = OLD.id;
            WHEN 2 THEN DELETE FROM message_search_082 WHERE message_id = OLD.id;
            WHEN 3 THEN DELETE FROM message_search_083 WHERE message_id = OLD.id;
            WHEN 4 THEN DELETE FROM message_search_084 WHERE message_id = OLD.id;
            WHEN 5 THEN DELETE FROM message_search_085 WHERE message_id = OLD.id;
            WHEN 6 THEN DELETE FROM message_search_086 WHERE message_id = OLD.id;
            WHEN 7 THEN DELETE FROM message_search_087 WHERE message_id = OLD.id;
            WHEN 8 THEN DELETE FROM message_search_088 WHERE message_id = OLD.id;
            WHEN 9 THEN DELETE FROM message_search_089 WHERE message_id = OLD.id;
            WHEN 10 THEN DELETE FROM message_search_090 WHERE message_id = OLD.id;
            WHEN 11 THEN DELETE FROM message_search_091 WHERE message_id = OLD.id;
            WHEN 12 THEN DELETE FROM message_search_092 WHERE message_id = OLD.id;
            WHEN 13 THEN DELETE FROM message_search_093 WHERE message_id = OLD.id;
            WHEN 14 THEN DELETE FROM message_search_094 WHERE message_id = OLD.id;
            WHEN 15 THEN DELETE FROM message_search_095 WHERE message_id = OLD.id;
        END CASE;
        WHEN 6 THEN CASE slot MOD 16
            WHEN 0 THEN DELETE FROM message_search_096 WHERE message_id = OLD.id;
            WHEN 1 THEN DELETE FROM message_search_097 WHERE message_id = OLD.id;
            WHEN 2 THEN DELETE FROM message_search_098 WHERE message_id = OLD.id;
            WHEN 3 THEN DELETE FROM message_search_099 WHERE message_id = OLD.id;
            WHEN 4 THEN DELETE FROM message_search_100 WHERE message_id = OLD.id;
            WHEN 5 THEN DELETE FROM message_search_101 WHERE message_id = OLD.id;
            WHEN 6 THEN DELETE FROM message_search_102 WHERE message_id = OLD.id;
            WHEN 7 THEN DELETE FROM message_search_103 WHERE message_id = OLD.id;
            WHEN 8 THEN DELETE FROM message_search_104 WHERE message_id = OLD.id;
            WHEN 9 THEN DELETE FROM message_search_105 WHERE message_id = OLD.id;
            WHEN 10 THEN DELETE FROM message_search_106 WHERE message_id = OLD.id;
            WHEN 11 THEN DELETE FROM message_search_107 WHERE message_id = OLD.id;
            WHEN 12 THEN DELETE FROM message_search_108 WHERE message_id = OLD.id;
            WHEN 13 THEN DELETE FROM message_search_109 WHERE message_id = OLD.id;
            WHEN 14 THEN DELETE FROM message_search_110 WHERE message_id = OLD.id;
            WHEN 15 THEN DELETE FROM message_search_111 WHERE message_id = OLD.id;
        END CASE;
        WHEN 7 THEN CASE slot MOD 16
            WHEN 0 THEN DELETE FROM message_search_112 WHERE message_id = OLD.id;
            WHEN 1 THEN DELETE FROM message_search_113 WHERE message_id = OLD.id;
            WHEN 2 THEN DELETE FROM message_search_114 WHERE message_id = OLD.id;
            WHEN 3 THEN DELETE FROM message_search_115 WHERE message_id = OLD.id;
            WHEN 4 THEN DELETE FROM message_search_116 WHERE message_id = OLD.id;
            WHEN 5 THEN DELETE FROM message_search_117 WHERE message_id = OLD.id;
            WHEN 6 THEN DELETE FROM message_search_118 WHERE message_id = OLD.id;
            WHEN 7 THEN DELETE FROM message_search_119 WHERE message_id = OLD.id;
            WHEN 8 THEN DELETE FROM message_search_120 WHERE message_id = OLD.id;
            WHEN 9 THEN DELETE FROM message_search_121 WHERE message_id = OLD.id;
            WHEN 10 THEN DELETE FROM message_search_122 WHERE message_id = OLD.id;
            WHEN 11 THEN DELETE FROM message_search_123 WHERE message_id = OLD.id;
            WHEN 12 THEN DELETE FROM message_search_124 WHERE message_id = OLD.id;
            WHEN 13 THEN DELETE FROM message_search_125 WHERE message_id = OLD.id;
            WHEN 14 THEN DELETE FROM message_search_126 WHERE message_id = OLD.id;
            WHEN 15 THEN DELETE FROM message_search_127 WHERE message_id = OLD.id;
        END CASE;
    END CASE;
END;
-- The messages indexed so far, each into its block's table.
INSERT INTO message_search_000 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 0;
INSERT INTO message_search_001 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 1;
INSERT INTO message_search_002 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 2;
INSERT INTO message_search_003 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 3;
INSERT INTO message_search_004 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 4;
INSERT INTO message_search_005 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 5;
INSERT INTO message_search_006 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 6;
INSERT INTO message_search_007 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 7;
INSERT INTO message_search_008 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 8;
INSERT INTO message_search_009 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 9;
INSERT INTO message_search_010 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 10;
INSERT INTO message_search_011 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 11;
INSERT INTO message_search_012 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 12;
INSERT INTO message_search_013 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 13;
INSERT INTO message_search_014 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 14;
INSERT INTO message_search_015 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 15;
INSERT INTO message_search_016 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 16;
INSERT INTO message_search_017 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 17;
INSERT INTO message_search_018 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 18;
INSERT INTO message_search_019 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 19;
INSERT INTO message_search_020 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 20;
INSERT INTO message_search_021 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 21;
INSERT INTO message_search_022 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 22;
INSERT INTO message_search_023 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 23;
INSERT INTO message_search_024 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 24;
INSERT INTO message_search_025 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 25;
INSERT INTO message_search_026 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 26;
INSERT INTO message_search_027 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 27;
INSERT INTO message_search_028 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 28;
INSERT INTO message_search_029 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 29;
INSERT INTO message_search_030 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 30;
INSERT INTO message_search_031 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 31;
INSERT INTO message_search_032 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 32;
INSERT INTO message_search_033 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 33;
INSERT INTO message_search_034 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 34;
INSERT INTO message_search_035 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 35;
INSERT INTO message_search_036 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 36;
INSERT INTO message_search_037 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 37;
INSERT INTO message_search_038 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 38;
INSERT INTO message_search_039 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 39;
INSERT INTO message_search_040 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 40;
INSERT INTO message_search_041 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 41;
INSERT INTO message_search_042 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 42;
INSERT INTO message_search_043 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 43;
INSERT INTO message_search_044 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 44;
INSERT INTO message_search_045 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 45;
INSERT INTO message_search_046 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 46;
INSERT INTO message_search_047 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 47;
INSERT INTO message_search_048 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 48;
INSERT INTO message_search_049 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 49;
INSERT INTO message_search_050 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 50;
INSERT INTO message_search_051 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 51;
INSERT INTO message_search_052 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 52;
INSERT INTO message_search_053 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 53;
INSERT INTO message_search_054 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 54;
INSERT INTO message_search_055 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 55;
INSERT INTO message_search_056 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 56;
INSERT INTO message_search_057 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 57;
INSERT INTO message_search_058 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 58;
INSERT INTO message_search_059 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 59;
INSERT INTO message_search_060 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 60;
INSERT INTO message_search_061 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 61;
INSERT INTO message_search_062 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 62;
INSERT INTO message_search_063 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 63;
INSERT INTO message_search_064 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 64;
INSERT INTO message_search_065 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 65;
INSERT INTO message_search_066 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 66;
INSERT INTO message_search_067 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 67;
INSERT INTO message_search_068 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 68;
INSERT INTO message_search_069 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 69;
INSERT INTO message_search_070 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 70;
INSERT INTO message_search_071 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 71;
INSERT INTO message_search_072 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 72;
INSERT INTO message_search_073 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 73;
INSERT INTO message_search_074 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 74;
INSERT INTO message_search_075 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 75;
INSERT INTO message_search_076 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 76;
INSERT INTO message_search_077 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 77;
INSERT INTO message_search_078 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 78;
INSERT INTO message_search_079 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 79;
INSERT INTO message_search_080 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 80;
INSERT INTO message_search_081 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 81;
INSERT INTO message_search_082 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 82;
INSERT INTO message_search_083 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 83;
INSERT INTO message_search_084 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 84;
INSERT INTO message_search_085 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 85;
INSERT INTO message_search_086 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 86;
INSERT INTO message_search_087 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 87;
INSERT INTO message_search_088 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 88;
INSERT INTO message_search_089 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 89;
INSERT INTO message_search_090 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 90;
INSERT INTO message_search_091 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 91;
INSERT INTO message_search_092 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 92;
INSERT INTO message_search_093 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 93;
INSERT INTO message_search_094 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 94;
INSERT INTO message_search_095 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 95;
INSERT INTO message_search_096 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 96;
INSERT INTO message_search_097 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 97;
INSERT INTO message_search_098 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 98;
INSERT INTO message_search_099 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 99;
INSERT INTO message_search_100 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 100;
INSERT INTO message_search_101 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 101;
INSERT INTO message_search_102 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 102;
INSERT INTO message_search_103 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 103;
INSERT INTO message_search_104 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 104;
INSERT INTO message_search_105 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 105;
INSERT INTO message_search_106 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 106;
INSERT INTO message_search_107 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 107;
INSERT INTO message_search_108 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 108;
INSERT INTO message_search_109 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 109;
INSERT INTO message_search_110 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 110;
INSERT INTO message_search_111 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 111;
INSERT INTO message_search_112 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 112;
INSERT INTO message_search_113 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 113;
INSERT INTO message_search_114 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 114;
INSERT INTO message_search_115 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 115;
INSERT INTO message_search_116 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 116;
INSERT INTO message_search_117 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 117;
INSERT INTO message_search_118 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 118;
INSERT INTO message_search_119 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 119;
INSERT INTO message_search_120 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 120;
INSERT INTO message_search_121 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 121;
INSERT INTO message_search_122 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 122;
INSERT INTO message_search_123 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 123;
INSERT INTO message_search_124 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 124;
INSERT INTO message_search_125 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 125;
INSERT INTO message_search_126 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 126;
INSERT INTO message_search_127 (message_id, chat_id, body)
    SELECT id, chat_id, body FROM messages WHERE MOD(id DIV 16384, 128) = 127;
DROP TABLE message_search_00;
DROP TABLE message_search_01;
DROP TABLE message_search_02;
DROP TABLE message_search_03;
DROP TABLE message_search_04;
DROP TABLE message_search_05;
DROP TABLE message_search_06;
DROP TABLE message_search_07;
DROP TABLE message_search_08;
DROP TABLE message_search_09;
DROP TABLE message_search_10;
DROP TABLE message_search_11;
DROP TABLE message_search_12;
DROP TABLE message_search_13;
DROP TABLE message_search_14;
DROP TABLE message_search_15;
