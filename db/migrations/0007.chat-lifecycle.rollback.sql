ALTER TABLE chats
    ADD KEY ix_chats_admin_activity (admin_id, last_message_id),
    DROP KEY ix_chats_admin_status_activity,
    DROP COLUMN resolved_at,
    DROP COLUMN state_version,
    DROP COLUMN status;
