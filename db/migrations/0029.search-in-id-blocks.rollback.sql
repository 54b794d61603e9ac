-- Back to migration 0015's 16 tables of interleaved blocks (its statements, as they were).
DROP TRIGGER trg_messages_unsearch;
DROP TRIGGER trg_messages_search;
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
DROP TABLE message_search_000;
DROP TABLE message_search_001;
DROP TABLE message_search_002;
DROP TABLE message_search_003;
DROP TABLE message_search_004;
DROP TABLE message_search_005;
DROP TABLE message_search_006;
DROP TABLE message_search_007;
DROP TABLE message_search_008;
DROP TABLE message_search_009;
DROP TABLE message_search_010;
DROP TABLE message_search_011;
DROP TABLE message_search_012;
DROP TABLE message_search_013;
DROP TABLE message_search_014;
DROP TABLE message_search_015;
DROP TABLE message_search_016;
DROP TABLE message_search_017;
DROP TABLE message_search_018;
DROP TABLE message_search_019;
DROP TABLE message_search_020;
DROP TABLE message_search_021;
DROP TABLE message_search_022;
DROP TABLE message_search_023;
DROP TABLE message_search_024;
DROP TABLE message_search_025;
DROP TABLE message_search_026;
DROP TABLE message_search_027;
DROP TABLE message_search_028;
DROP TABLE message_search_029;
DROP TABLE message_search_030;
DROP TABLE message_search_031;
DROP TABLE message_search_032;
DROP TABLE message_search_033;
DROP TABLE message_search_034;
DROP TABLE message_search_035;
DROP TABLE message_search_036;
DROP TABLE message_search_037;
DROP TABLE message_search_038;
DROP TABLE message_search_039;
DROP TABLE message_search_040;
DROP TABLE message_search_041;
DROP TABLE message_search_042;
DROP TABLE message_search_043;
DROP TABLE message_search_044;
DROP TABLE message_search_045;
DROP TABLE message_search_046;
DROP TABLE message_search_047;
DROP TABLE message_search_048;
DROP TABLE message_search_049;
DROP TABLE message_search_050;
DROP TABLE message_search_051;
DROP TABLE message_search_052;
DROP TABLE message_search_053;
DROP TABLE message_search_054;
DROP TABLE message_search_055;
DROP TABLE message_search_056;
DROP TABLE message_search_057;
DROP TABLE message_search_058;
DROP TABLE message_search_059;
DROP TABLE message_search_060;
DROP TABLE message_search_061;
DROP TABLE message_search_062;
DROP TABLE message_search_063;
DROP TABLE message_search_064;
DROP TABLE message_search_065;
DROP TABLE message_search_066;
DROP TABLE message_search_067;
DROP TABLE message_search_068;
DROP TABLE message_search_069;
DROP TABLE message_search_070;
DROP TABLE message_search_071;
DROP TABLE message_search_072;
DROP TABLE message_search_073;
DROP TABLE message_search_074;
DROP TABLE message_search_075;
DROP TABLE message_search_076;
DROP TABLE message_search_077;
DROP TABLE message_search_078;
DROP TABLE message_search_079;
DROP TABLE message_search_080;
DROP TABLE message_search_081;
DROP TABLE message_search_082;
DROP TABLE message_search_083;
DROP TABLE message_search_084;
DROP TABLE message_search_085;
DROP TABLE message_search_086;
DROP TABLE message_search_087;
DROP TABLE message_search_088;
DROP TABLE message_search_089;
DROP TABLE message_search_090;
DROP TABLE message_search_091;
DROP TABLE message_search_092;
DROP TABLE message_search_093;
DROP TABLE message_search_094;
DROP TABLE message_search_095;
DROP TABLE message_search_096;
DROP TABLE message_search_097;
DROP TABLE message_search_098;
DROP TABLE message_search_099;
DROP TABLE message_search_100;
DROP TABLE message_search_101;
DROP TABLE message_search_102;
DROP TABLE message_search_103;
DROP TABLE message_search_104;
DROP TABLE message_search_105;
DROP TABLE message_search_106;
DROP TABLE message_search_107;
DROP TABLE message_search_108;
DROP TABLE message_search_109;
DROP TABLE message_search_110;
DROP TABLE message_search_111;
DROP TABLE message_search_112;
DROP TABLE message_search_113;
DROP TABLE message_search_114;
DROP TABLE message_search_115;
DROP TABLE message_search_116;
DROP TABLE message_search_117;
DROP TABLE message_search_118;
DROP TABLE message_search_119;
DROP TABLE message_search_120;
DROP TABLE message_search_121;
DROP TABLE message_search_122;
DROP TABLE message_search_123;
DROP TABLE message_search_124;
DROP TABLE message_search_125;
DROP TABLE message_search_126;
DROP TABLE message_search_127;
