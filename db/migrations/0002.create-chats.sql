-- Chats: a strict customer-admin pair, one per customer, with per-side read marks and unread counters.
-- depends: 0001.create-users
CREATE TABLE chats (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    customer_id BIGINT UNSIGNED NOT NULL,
    -- NULL while the chat is waiting for an admin.
    admin_id BIGINT UNSIGNED NULL,
    -- Id of the newest message. Message ids are global and increasing, so this is also the
    -- "newest activity" sort key and the keyset cursor of the chat list. No foreign key: the
    -- chat row exists before its first message, and it is only ever set inside the send transaction.
    last_message_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
    customer_last_read_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
    admin_last_read_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
    -- Messages from the other side after each side's read mark: kept by the send and read
    -- transactions so that listing chats never counts rows.
    customer_unread INT UNSIGNED NOT NULL DEFAULT 0,
    admin_unread INT UNSIGNED NOT NULL DEFAULT 0,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_chats_customer (customer_id),
    -- scope=waiting (admin_id IS NULL) and scope=mine (admin_id = me), newest activity first.
    KEY ix_chats_admin_activity (admin_id, last_message_id),
    -- scope=all, newest activity first.
    KEY ix_chats_activity (last_message_id),
    CONSTRAINT fk_chats_customer FOREIGN KEY (customer_id) REFERENCES users (id),
    CONSTRAINT fk_chats_admin FOREIGN KEY (admin_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
