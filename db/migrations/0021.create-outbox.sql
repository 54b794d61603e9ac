-- The outbox: every side effect (an email, a webhook delivery) as a row written in the same
-- transaction as the change that causes it, then claimed by the workers of every process.
--   pending   due at next_attempt_at. A claim keeps it pending and moves next_attempt_at to the
--             end of its lease, so a claimer that dies simply lets the row come due again.
--             With last_error set it is shown as "failed" (tried, and another try will come).
--   delivered / skipped   settled (skipped: nothing left to send, e.g. the customer read it);
--             next_attempt_at is then the settle time, which the prune walks.
--   dead      out of attempts; the panel can put it back.
-- depends: 0020.create-webhook-endpoints
CREATE TABLE outbox (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    kind ENUM('email', 'webhook') NOT NULL,
    -- email: reply | team | transcript; webhook: the event type.
    topic VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    chat_id BIGINT UNSIGNED NULL,
    endpoint_id BIGINT UNSIGNED NULL,
    -- A webhook delivery's webhook-id: the same on every retry.
    public_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
    -- What the handler needs: for a webhook the exact body it signs and sends.
    payload MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    status ENUM('pending', 'delivered', 'skipped', 'dead') NOT NULL DEFAULT 'pending',
    attempts SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6) NOT NULL,
    locked_until DATETIME(6) NULL,
    claim_token CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
    response_status SMALLINT UNSIGNED NULL,
    last_error VARCHAR(500) NULL,
    created_at DATETIME(6) NOT NULL,
    delivered_at DATETIME(6) NULL,
    -- At most one pending row per key (one reply email per chat and batch): a later enqueue of
    -- the same key while one is pending joins it (INSERT ... ON DUPLICATE KEY UPDATE).
    dedupe_key VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
    pending_key VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin
        AS (IF(status = 'pending', dedupe_key, NULL)) PERSISTENT,
    PRIMARY KEY (id),
    UNIQUE KEY uq_outbox_pending_key (pending_key),
    UNIQUE KEY uq_outbox_public_id (public_id),
    -- The claim (pending, due first) and the prune (settled, oldest first).
    KEY ix_outbox_due (status, next_attempt_at),
    -- The panel's lists by status, newest first.
    KEY ix_outbox_status_id (status, id),
    -- An endpoint's delivery log, newest first (and its foreign key).
    KEY ix_outbox_endpoint (endpoint_id, id),
    CONSTRAINT fk_outbox_endpoint FOREIGN KEY (endpoint_id)
        REFERENCES webhook_endpoints (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
