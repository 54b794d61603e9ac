-- An admin's own status switch: an away admin keeps working but is not counted as online
-- support. Kept on the user, so it survives reconnects and restarts.
-- depends: 0009.chat-blocking
ALTER TABLE users
    ADD COLUMN availability ENUM('online', 'away') NOT NULL DEFAULT 'online' AFTER role;
