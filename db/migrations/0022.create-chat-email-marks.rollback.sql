DROP TABLE chat_email_marks;
