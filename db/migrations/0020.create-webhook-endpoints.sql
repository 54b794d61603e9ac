-- Webhook endpoints: where events are POSTed, which event types each wants, and the secret its
-- deliveries are signed with (Standard Webhooks: "whsec_" + base64 of 32 random bytes).
-- depends: 0015.create-message-search
CREATE TABLE webhook_endpoints (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    url VARCHAR(2048) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    events SET('chat.created', 'message.created', 'chat.assigned', 'chat.resolved', 'chat.rated')
        NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    secret VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
