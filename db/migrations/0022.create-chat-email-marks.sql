-- How far each chat's messages have been emailed: to its customer (replies) and to the team.
-- Moved only in the transaction that settles the email, so a message is emailed at most once
-- whatever the retries, processes and restarts.
-- depends: 0021.create-outbox
CREATE TABLE chat_email_marks (
    chat_id BIGINT UNSIGNED NOT NULL,
    customer_upto_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
    team_upto_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id),
    CONSTRAINT fk_chat_email_marks_chat FOREIGN KEY (chat_id) REFERENCES chats (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
