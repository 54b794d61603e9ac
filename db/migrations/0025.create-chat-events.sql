-- What happened to each chat and when, written in the same transaction as the change itself, so
-- that reports read recorded times rather than guess from message rows:
--   first_customer_message  the chat's first message (it starts the chat; at = its created_at)
--   first_response          the first admin text message after it (notes never count);
--                           seconds = from the first customer message
--   resolved                a resolution (admin_id: who resolved); seconds = from the start of
--                           the cycle it ends (the chat's first message, or its latest reopening)
--   reopened                a resolved chat became waiting or active again
--   assigned                an admin took the chat (admin_id)
-- The chat keeps the count of its resolutions (a rating is given for the latest) and the time of
-- its first response (so a send knows in its own lock whether it is that response).
-- depends: 0022.create-chat-email-marks
ALTER TABLE chats
    ADD COLUMN resolutions INT UNSIGNED NOT NULL DEFAULT 0 AFTER resolved_at,
    ADD COLUMN first_response_at DATETIME(6) NULL AFTER resolutions;
CREATE TABLE chat_events (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    chat_id BIGINT UNSIGNED NOT NULL,
    kind ENUM('first_customer_message', 'first_response', 'resolved', 'reopened', 'assigned')
        NOT NULL,
    admin_id BIGINT UNSIGNED NULL,
    at DATETIME(6) NOT NULL,
    seconds DOUBLE NULL,
    PRIMARY KEY (id),
    -- Reports: one kind over a time range.
    KEY ix_chat_events_kind_at (kind, at),
    -- A chat's history (its latest reopening, the CSV's columns) and the foreign key.
    KEY ix_chat_events_chat (chat_id, kind, at),
    KEY ix_chat_events_admin (admin_id),
    CONSTRAINT fk_chat_events_chat FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE,
    CONSTRAINT fk_chat_events_admin FOREIGN KEY (admin_id) REFERENCES users (id)
        ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- Backfill from what the rows already say: each chat's first customer message, its first admin
-- text message, and its latest resolution (earlier ones left no trace).
INSERT INTO chat_events (chat_id, kind, admin_id, at, seconds)
SELECT c.id, 'first_customer_message', NULL, MIN(m.created_at), NULL
FROM chats c
JOIN messages m ON m.chat_id = c.id AND m.sender_id = c.customer_id AND m.kind = 'text'
GROUP BY c.id;
INSERT INTO chat_events (chat_id, kind, admin_id, at, seconds)
SELECT m.chat_id, 'first_response', m.sender_id, m.created_at,
       TIMESTAMPDIFF(MICROSECOND, s.at, m.created_at) / 1000000
FROM (
    SELECT c.id AS chat_id, MIN(m.id) AS first_id
    FROM chats c
    JOIN messages m ON m.chat_id = c.id AND m.sender_id <> c.customer_id AND m.kind = 'text'
    GROUP BY c.id
) f
JOIN messages m ON m.chat_id = f.chat_id AND m.id = f.first_id
JOIN chat_events s ON s.chat_id = f.chat_id AND s.kind = 'first_customer_message'
WHERE m.created_at >= s.at;
UPDATE chats c
JOIN chat_events e ON e.chat_id = c.id AND e.kind = 'first_response'
SET c.first_response_at = e.at;
INSERT INTO chat_events (chat_id, kind, admin_id, at, seconds)
SELECT c.id, 'resolved', c.admin_id, c.resolved_at,
       GREATEST(0, TIMESTAMPDIFF(MICROSECOND, c.created_at, c.resolved_at) / 1000000)
FROM chats c
WHERE c.resolved_at IS NOT NULL;
UPDATE chats SET resolutions = 1 WHERE resolved_at IS NOT NULL;
