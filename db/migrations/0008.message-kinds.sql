-- Notes: admin-only messages in the same timeline. A chat keeps two pointers, its newest
-- message (admins' last_message, the list order) and its newest text message (the customer's
-- last_message). A note counts as no one's unread and moves neither the customer's pointer
-- nor the chat's updated_at, which the customer sees.
-- depends: 0007.chat-lifecycle
ALTER TABLE messages
    ADD COLUMN kind ENUM('text', 'note') NOT NULL DEFAULT 'text' AFTER body;
ALTER TABLE chats
    ADD COLUMN last_text_id BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER last_message_id;
UPDATE chats SET last_text_id = last_message_id;
DROP TRIGGER trg_messages_touch_chat;
CREATE TRIGGER trg_messages_touch_chat AFTER INSERT ON messages FOR EACH ROW
    UPDATE chats
    SET last_message_id = NEW.id,
        last_text_id = IF(NEW.kind = 'text', NEW.id, last_text_id),
        updated_at = IF(NEW.kind = 'text', NEW.created_at, updated_at),
        admin_unread = admin_unread + IF(NEW.kind = 'text' AND NEW.sender_id = customer_id, 1, 0),
        customer_unread = customer_unread + IF(NEW.kind = 'text' AND NEW.sender_id <> customer_id, 1, 0)
    WHERE id = NEW.chat_id;
