-- Chat states: waiting (no admin), active (an admin holds it) and resolved (done; still its
-- admin's, who alone reads it with the customer). Every change of state or admin bumps
-- state_version, so that events about the chat can be put in the order they committed.
-- The lists are (admin_id, status) equalities ordered by activity: one index serves waiting
-- (admin_id IS NULL), mine (active) and resolved; it also serves the admin foreign key.
-- depends: 0006.messages-clustered-by-chat
ALTER TABLE chats
    ADD COLUMN status ENUM('waiting', 'active', 'resolved') NOT NULL DEFAULT 'waiting' AFTER admin_id,
    ADD COLUMN state_version INT UNSIGNED NOT NULL DEFAULT 0 AFTER status,
    ADD COLUMN resolved_at DATETIME(6) NULL AFTER state_version,
    ADD KEY ix_chats_admin_status_activity (admin_id, status, last_message_id),
    DROP KEY ix_chats_admin_activity;
UPDATE chats SET status = 'active' WHERE admin_id IS NOT NULL;
