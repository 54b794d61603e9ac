-- A message keeps its chat's newest-message pointer and the other side's unread counter up to
-- date inside its own INSERT: one round trip fewer on every send, and the counters cannot drift
-- from the rows, whoever inserts them. The send has already locked the chat row, so this UPDATE
-- never waits.
-- depends: 0004.exact-keys
CREATE TRIGGER trg_messages_touch_chat AFTER INSERT ON messages FOR EACH ROW
    UPDATE chats
    SET last_message_id = NEW.id,
        updated_at = NEW.created_at,
        admin_unread = admin_unread + IF(NEW.sender_id = customer_id, 1, 0),
        customer_unread = customer_unread + IF(NEW.sender_id = customer_id, 0, 1)
    WHERE id = NEW.chat_id;
