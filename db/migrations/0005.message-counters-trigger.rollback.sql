DROP TRIGGER trg_messages_touch_chat;
