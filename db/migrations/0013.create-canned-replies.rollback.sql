DROP TABLE canned_reply_guard;
DROP TABLE canned_replies;
