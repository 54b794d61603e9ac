-- Visitor context: what the panel shows beside a chat. One row per customer, made at their first
-- sign-in or page report (a visitor exists before their chat does), and their last 20 pages.
-- depends: 0013.create-canned-replies
CREATE TABLE visitors (
    customer_id BIGINT UNSIGNED NOT NULL,
    email VARCHAR(254) NULL,
    user_agent VARCHAR(1024) NULL,
    -- Parsed from user_agent when it changes, so that reads never parse.
    browser VARCHAR(64) NULL,
    os VARCHAR(64) NULL,
    language VARCHAR(35) NULL,
    timezone VARCHAR(64) NULL,
    -- What the host site set with Parley('setAttributes'): a JSON object of scalars.
    attributes JSON NOT NULL DEFAULT '{}',
    first_seen_at DATETIME(6) NOT NULL,
    last_seen_at DATETIME(6) NOT NULL,
    PRIMARY KEY (customer_id),
    CONSTRAINT fk_visitors_customer FOREIGN KEY (customer_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE visitor_pages (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    customer_id BIGINT UNSIGNED NOT NULL,
    url VARCHAR(2048) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    title VARCHAR(300) NULL,
    referrer VARCHAR(2048) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    at DATETIME(6) NOT NULL,
    -- Clustered by visitor: the trail, the current page and the prune are one short range each.
    PRIMARY KEY (customer_id, id),
    UNIQUE KEY uq_visitor_pages_id (id),
    CONSTRAINT fk_visitor_pages_visitor FOREIGN KEY (customer_id)
        REFERENCES visitors (customer_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
