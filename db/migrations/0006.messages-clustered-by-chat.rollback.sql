ALTER TABLE messages
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id),
    ADD KEY ix_messages_chat_id (chat_id, id),
    DROP KEY uq_messages_id;
