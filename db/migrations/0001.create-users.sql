-- Users: admins, registered customers, guests (no username) and identified visitors (external_id).
-- depends:
CREATE TABLE users (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    -- The ci collation makes the UNIQUE key case-insensitive: "Ann" and "ann" are one user.
    username VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
    password_hash VARCHAR(255) NULL,
    display_name VARCHAR(64) NOT NULL,
    role ENUM('admin', 'customer') NOT NULL,
    is_guest TINYINT(1) NOT NULL DEFAULT 0,
    -- A host site's own user id (identity verification); compared byte for byte.
    external_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    -- Bumped to revoke every token issued so far (password change, logout-all, disable).
    token_version INT UNSIGNED NOT NULL DEFAULT 0,
    disabled_at DATETIME(6) NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_users_username (username),
    UNIQUE KEY uq_users_external_id (external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
