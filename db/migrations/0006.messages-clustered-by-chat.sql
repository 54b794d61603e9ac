-- Messages are stored in chat order. A history page reads one chat's newest messages; with the
-- table clustered by id, the rows of a chat lie wherever their ids fell, one page apiece while
-- chats interleave (as live traffic does), so a page of 50 cost up to 50 random page reads.
-- Clustered by (chat_id, id), that page is one or two adjacent leaf pages, and catch-up and
-- read-mark counts range over the same stretch. The old (chat_id, id) secondary index is the
-- primary key now; the auto-increment id keeps a unique key of its own.
-- depends: 0005.message-counters-trigger
ALTER TABLE messages
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (chat_id, id),
    ADD UNIQUE KEY uq_messages_id (id),
    DROP KEY ix_messages_chat_id;
