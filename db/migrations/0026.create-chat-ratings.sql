-- A customer's rating of one resolution of their chat: at most one per resolution (the chat's
-- `resolutions` count when it was given). Chat.rating is the row of the chat's latest one.
-- depends: 0025.create-chat-events
CREATE TABLE chat_ratings (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    chat_id BIGINT UNSIGNED NOT NULL,
    resolution INT UNSIGNED NOT NULL,
    -- The admin who resolved the chat, when it was rated.
    admin_id BIGINT UNSIGNED NULL,
    score TINYINT UNSIGNED NOT NULL,
    comment VARCHAR(1000) NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_chat_ratings_resolution (chat_id, resolution),
    -- Reports: ratings given over a time range.
    KEY ix_chat_ratings_created (created_at),
    KEY ix_chat_ratings_admin (admin_id),
    CONSTRAINT fk_chat_ratings_chat FOREIGN KEY (chat_id) REFERENCES chats (id) ON DELETE CASCADE,
    CONSTRAINT fk_chat_ratings_admin FOREIGN KEY (admin_id) REFERENCES users (id)
        ON DELETE SET NULL,
    CONSTRAINT ck_chat_ratings_score CHECK (score BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
