-- The code before 0030 sends the stored payload as the body: a delivery not yet rendered has
-- none, so it is settled as skipped (shown in the panel with why) rather than sent empty.
UPDATE outbox
SET status = 'skipped', last_error = 'rolled back before its body was rendered',
    claim_token = NULL, locked_until = NULL, next_attempt_at = UTC_TIMESTAMP(6)
WHERE message_id IS NOT NULL AND payload = '';
ALTER TABLE outbox DROP COLUMN message_id;
