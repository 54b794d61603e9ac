DROP TABLE chat_events;
ALTER TABLE chats
    DROP COLUMN first_response_at,
    DROP COLUMN resolutions;
