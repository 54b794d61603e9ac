-- Text messages counted per 15 minutes (UTC) and sender: admin_id is the admin who wrote them,
-- or 0 for customers. Kept by the send transaction (the same that inserts the messages) and by
-- the deletes of erase and retention, so the counts stay exact. Every time zone's offset is a
-- whole number of quarter hours, so a bucket lies within one local hour and day of any zone,
-- and a report sums buckets instead of reading a million messages.
-- depends: 0026.create-chat-ratings
CREATE TABLE message_buckets (
    bucket DATETIME NOT NULL,
    admin_id BIGINT UNSIGNED NOT NULL,
    messages INT NOT NULL,
    PRIMARY KEY (bucket, admin_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO message_buckets (bucket, admin_id, messages)
SELECT TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', m.created_at) DIV 15) * 15,
                    '2000-01-01') AS b,
       IF(m.sender_id = c.customer_id, 0, m.sender_id) AS a,
       COUNT(*)
FROM messages m
JOIN chats c ON c.id = m.chat_id
WHERE m.kind = 'text'
GROUP BY b, a;
