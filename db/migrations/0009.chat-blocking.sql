-- A blocked customer may no longer write into their chat; they keep their socket and history.
-- depends: 0008.message-kinds
ALTER TABLE chats
    ADD COLUMN blocked_at DATETIME(6) NULL AFTER resolved_at;
