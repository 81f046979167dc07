-- Personal API tokens (issue 8): an account whose sign-in policy needs a UKEY may not call the
-- API with a password (HTTP Basic), so it uses a token made from a signed-in page session. Only
-- the SHA-256 of the token is kept; the token itself is shown once. A revoked or expired token
-- stays for the record.
CREATE TABLE api_token (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id   BIGINT       NOT NULL,
    name         VARCHAR(100) NOT NULL,
    token_hash   BINARY(32)   NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at   TIMESTAMP(3) NOT NULL,
    last_used_at TIMESTAMP(3) NULL,
    revoked_at   TIMESTAMP(3) NULL,
    revoked_by   BIGINT       NULL,
    CONSTRAINT uk_api_token_hash UNIQUE (token_hash),
    KEY ix_api_token_account (account_id),
    CONSTRAINT fk_api_token_account FOREIGN KEY (account_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
