-- Canned replies: the team's shared answers, picked by shortcut in the composer.
-- depends: 0006.messages-clustered-by-chat
CREATE TABLE canned_replies (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    -- ascii_bin: shortcuts are [a-z0-9_-], unique and listed in byte order.
    shortcut VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    title VARCHAR(100) NULL,
    body TEXT NOT NULL,
    -- The lower-cased words (runs of letters and digits) of title and body, each after a space:
    -- `q` matches the start of a word as LIKE '% q%', with no regex over user input.
    words TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    -- Taken shortcuts (409), and the listing order.
    UNIQUE KEY uq_canned_replies_shortcut (shortcut)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- One row that every create locks first: under READ COMMITTED two admins creating at once would
-- both count 999 and both insert; queued on this row, the second counts the first's reply.
CREATE TABLE canned_reply_guard (
    id TINYINT UNSIGNED NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB;
INSERT INTO canned_reply_guard (id) VALUES (1);
