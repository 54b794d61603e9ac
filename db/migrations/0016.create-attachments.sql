-- Files and images sent with messages (issue 13). An upload is a row with message_id NULL until
-- a send links it, in the send's own transaction; its bytes live in attachment_chunks.
-- depends: 0022.create-chat-email-marks
CREATE TABLE attachments (
    -- Server-made, random and unguessable (22 url-safe characters, 128 bits): never the name.
    -- ascii_bin: compared exactly; ascii mixes with the utf8mb4 columns of JSON rows.
    id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    uploader_id BIGINT UNSIGNED NOT NULL,
    message_id BIGINT UNSIGNED NULL,
    -- Its place among its message's attachments (the order of attachment_ids).
    position TINYINT UNSIGNED NOT NULL DEFAULT 0,
    name VARCHAR(255) NOT NULL,
    -- The bytes uploaded (the contract's `size`); stored_size is what is served (an image is
    -- re-encoded without its metadata).
    size INT UNSIGNED NOT NULL,
    stored_size INT UNSIGNED NOT NULL,
    content_type VARCHAR(100) CHARACTER SET ascii NOT NULL,
    kind ENUM('image', 'file') NOT NULL,
    width INT UNSIGNED NULL,
    height INT UNSIGNED NULL,
    -- SHA-256 of the stored bytes: the ETag.
    sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
    -- Images only: the thumbnail (at most 400 px on the long side), stored as chunk variant 1.
    thumb_size INT UNSIGNED NULL,
    thumb_content_type VARCHAR(100) CHARACTER SET ascii NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    -- A page of messages' attachments, in order (one statement for the whole page).
    KEY ix_attachments_message (message_id, position),
    -- The cleanup of uploads never sent: message_id IS NULL AND created_at < cutoff.
    KEY ix_attachments_unsent (message_id, created_at),
    KEY ix_attachments_uploader (uploader_id),
    CONSTRAINT fk_attachments_uploader FOREIGN KEY (uploader_id) REFERENCES users (id)
        ON DELETE CASCADE,
    CONSTRAINT fk_attachments_message FOREIGN KEY (message_id) REFERENCES messages (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The bytes, in 256 KiB rows so that no statement comes near max_allowed_packet (16 MiB).
-- variant 0 is the file itself, 1 its thumbnail.
CREATE TABLE attachment_chunks (
    attachment_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    variant TINYINT UNSIGNED NOT NULL,
    seq INT UNSIGNED NOT NULL,
    data MEDIUMBLOB NOT NULL,
    PRIMARY KEY (attachment_id, variant, seq),
    CONSTRAINT fk_attachment_chunks_attachment FOREIGN KEY (attachment_id)
        REFERENCES attachments (id) ON DELETE CASCADE
) ENGINE=InnoDB;
