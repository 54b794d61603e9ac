-- Messages, with the idempotency key of a send.
-- depends: 0002.create-chats
CREATE TABLE messages (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    chat_id BIGINT UNSIGNED NOT NULL,
    sender_id BIGINT UNSIGNED NOT NULL,
    body TEXT NOT NULL,
    client_msg_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    -- History pages and catch-up: WHERE chat_id = ? AND id < / > ? ORDER BY id.
    KEY ix_messages_chat_id (chat_id, id),
    -- One row per (sender, chat, client_msg_id); NULL keys never collide. Led by sender_id so
    -- that it also serves the sender foreign key and never competes with the history index.
    UNIQUE KEY uq_messages_client_msg (sender_id, chat_id, client_msg_id),
    CONSTRAINT fk_messages_chat FOREIGN KEY (chat_id) REFERENCES chats (id),
    CONSTRAINT fk_messages_sender FOREIGN KEY (sender_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
