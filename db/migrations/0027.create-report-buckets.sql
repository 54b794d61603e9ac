-- What reports sum, per 15 minutes (UTC) and person: admin_id is an admin, or 0 for customers.
--   messages        text messages they wrote (notes count nowhere)
--   chats_started   chats whose first message (always the customer's) fell in the bucket (on 0)
--   chats_resolved  resolutions by that admin
-- Kept by the transactions that write what they count (a send, a resolve) and by the deletes of
-- erase and retention, so the counts stay exact. Every time zone's offset is a whole number of
-- quarter hours, so a bucket lies within one local hour and day of any zone, and a report sums
-- a few thousand rows instead of reading a million messages.
-- depends: 0026.create-chat-ratings
CREATE TABLE report_buckets (
    bucket DATETIME NOT NULL,
    admin_id BIGINT UNSIGNED NOT NULL,
    messages INT NOT NULL DEFAULT 0,
    chats_started INT NOT NULL DEFAULT 0,
    chats_resolved INT NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, admin_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO report_buckets (bucket, admin_id, messages)
SELECT TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', m.created_at) DIV 15) * 15,
                    TIMESTAMP'2000-01-01 00:00:00') AS b,
       IF(m.sender_id = c.customer_id, 0, m.sender_id) AS a,
       COUNT(*) AS n
FROM messages m
JOIN chats c ON c.id = m.chat_id
WHERE m.kind = 'text'
GROUP BY b, a;
INSERT INTO report_buckets (bucket, admin_id, chats_started, chats_resolved)
SELECT TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', e.at) DIV 15) * 15,
                    TIMESTAMP'2000-01-01 00:00:00') AS b,
       IF(e.kind = 'resolved', COALESCE(e.admin_id, 0), 0) AS a,
       SUM(e.kind = 'first_customer_message') AS s, SUM(e.kind = 'resolved') AS r
FROM chat_events e
WHERE e.kind IN ('first_customer_message', 'resolved')
GROUP BY b, a
ON DUPLICATE KEY UPDATE chats_started = VALUES(chats_started),
                        chats_resolved = VALUES(chats_resolved);
