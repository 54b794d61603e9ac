-- A message.created delivery is written in the send's transaction as a reference to its message
-- (message_id, with an empty payload) and rendered into the body it signs at its first claim,
-- which stores that body for every later attempt: the send path then writes a row of a few
-- dozen bytes instead of a 1 KiB body, and reads no chat back for it. ADD COLUMN is instant.
-- depends: 0029.search-in-id-blocks
ALTER TABLE outbox ADD COLUMN message_id BIGINT UNSIGNED NULL AFTER endpoint_id;
