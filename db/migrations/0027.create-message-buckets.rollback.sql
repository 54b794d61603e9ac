DROP TABLE message_buckets;
