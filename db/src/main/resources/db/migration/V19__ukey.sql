-- UKEY sign-in (issue 8): keys bound to accounts, the one-time challenges a key signs, and the
-- sign-in policy per role and per tenant.

-- A UKEY bound to a portal account by a security admin. The platform's ukeyLogin names the
-- platform user a key signs in; this row says which portal account that is. A revoked binding
-- stays for the record; at most one binding of a key (sid) is active at a time.
CREATE TABLE ukey_binding (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id       BIGINT       NOT NULL,
    sid              VARCHAR(64)  NOT NULL,
    cert_user        VARCHAR(128) NOT NULL,
    platform_user_id VARCHAR(64)  NOT NULL,
    label            VARCHAR(100) NOT NULL DEFAULT '',
    bound_by         BIGINT       NULL,
    bound_at         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    revoked_by       BIGINT       NULL,
    revoked_at       TIMESTAMP(3) NULL,
    revoke_reason    VARCHAR(200) NULL,
    last_used_at     TIMESTAMP(3) NULL,
    active_sid       VARCHAR(64)  AS (IF(revoked_at IS NULL, sid, NULL)) PERSISTENT,
    CONSTRAINT uk_ukey_binding_active_sid UNIQUE (active_sid),
    KEY ix_ukey_binding_account (account_id),
    KEY ix_ukey_binding_sid (sid),
    CONSTRAINT fk_ukey_binding_account FOREIGN KEY (account_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A challenge for a UKEY to sign: the text itself (random, so it is its own key), bound to the
-- HTTP session that asked for it (only a SHA-256 of the session id is kept), valid about a
-- minute and spent once. A second-factor challenge also names the account whose password was
-- just verified.
CREATE TABLE ukey_challenge (
    challenge    VARCHAR(100) NOT NULL PRIMARY KEY,
    session_hash BINARY(32)   NOT NULL,
    purpose      VARCHAR(16)  NOT NULL,
    account_id   BIGINT       NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at   TIMESTAMP(3) NOT NULL,
    used_at      TIMESTAMP(3) NULL,
    KEY ix_ukey_challenge_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How people sign in, per role (scope_key a role name) or per tenant (scope_key a tenant id).
-- An account's policy is the strictest of its roles' and its tenant's (EITHER < PASSWORD < UKEY
-- < BOTH); without any row it is EITHER. end_on_removal ends a UKEY session when its key leaves
-- the computer.
CREATE TABLE sign_in_policy (
    scope_type     VARCHAR(8)   NOT NULL,
    scope_key      VARCHAR(64)  NOT NULL,
    method         VARCHAR(16)  NOT NULL,
    end_on_removal BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_by     BIGINT       NULL,
    updated_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (scope_type, scope_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO sign_in_policy (scope_type, scope_key, method, end_on_removal) VALUES
    ('ROLE', 'PLATFORM_ADMIN', 'BOTH', FALSE),
    ('ROLE', 'SECURITY_ADMIN', 'BOTH', FALSE),
    ('ROLE', 'AUDITOR', 'BOTH', FALSE);
