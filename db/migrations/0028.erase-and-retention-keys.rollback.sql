ALTER TABLE chats DROP KEY ix_chats_status_resolved;
ALTER TABLE outbox DROP KEY ix_outbox_chat;
