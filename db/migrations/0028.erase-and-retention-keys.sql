-- Erase and retention find a chat's outbox rows (emails and webhooks about it) by chat, and
-- retention walks resolved chats by the time they were resolved (a resolved chat's last
-- activity: writing into it reopens it).
-- depends: 0027.create-report-buckets
ALTER TABLE outbox ADD KEY ix_outbox_chat (chat_id);
ALTER TABLE chats ADD KEY ix_chats_status_resolved (status, resolved_at);
