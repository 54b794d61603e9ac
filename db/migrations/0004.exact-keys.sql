-- Idempotency keys and external ids compare byte for byte, trailing spaces included: with the
-- PAD SPACE collation "k" and "k " were one key, so two different sends could share a row.
-- depends: 0003.create-messages
ALTER TABLE messages
    MODIFY client_msg_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL;
ALTER TABLE users
    MODIFY external_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL;
