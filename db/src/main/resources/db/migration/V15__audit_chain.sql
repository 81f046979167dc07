-- The operation log made tamper-evident and searchable (issue 6).
--
-- An action's transaction only INSERTs its audit_event row: no lock beyond the row's own.
-- One sealer at a time (it holds the audit_chain row's lock) gives every committed event the
-- next number of the chain in audit_seal, with hash = SHA-256(previous hash, seq, event).
-- Seals are contiguous (1, 2, 3, ...) whatever order the events' transactions commit in.
-- Signed checkpoints of the chain's head, and signed archive files for events past
-- retention, let verification detect a chain rewritten from some point on.

ALTER TABLE audit_event
    MODIFY COLUMN role        VARCHAR(255) NULL,
    ADD COLUMN target_type    VARCHAR(16)  NULL AFTER action,
    ADD COLUMN message        VARCHAR(500) NULL AFTER code,
    ADD COLUMN correlation_id VARCHAR(36)  NULL AFTER message,
    ADD INDEX ix_audit_event_tenant (tenant_code, occurred_at),
    ADD INDEX ix_audit_event_action (action, occurred_at),
    ADD INDEX ix_audit_event_target (target, occurred_at),
    ADD INDEX ix_audit_event_result (result, occurred_at),
    ADD INDEX ix_audit_event_code (code, occurred_at),
    ADD INDEX ix_audit_event_correlation (correlation_id);

-- The correlation id of the request that queued an operation: the operation's start, its
-- outcome and its callbacks are logged under it.
ALTER TABLE operation
    ADD COLUMN correlation_id VARCHAR(36) NULL;

-- One row per sealed event, in chain order.
CREATE TABLE audit_seal (
    seq       BIGINT       NOT NULL PRIMARY KEY,
    event_id  BIGINT       NOT NULL,
    hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    sealed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY ux_audit_seal_event (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The chain's head; its row lock is the sealer's, never a user transaction's. The anchor is
-- the hash before the oldest seal still in the table (all zeros until an archive removes some).
CREATE TABLE audit_chain (
    id            TINYINT      NOT NULL PRIMARY KEY,
    last_seq      BIGINT       NOT NULL,
    last_hash     CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    last_event_id BIGINT       NOT NULL,
    anchor_seq    BIGINT       NOT NULL,
    anchor_hash   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO audit_chain (id, last_seq, last_hash, last_event_id, anchor_seq, anchor_hash)
VALUES (1, 0, REPEAT('0', 64), 0, 0, REPEAT('0', 64));

-- Events whose id the sealer passed before their transaction committed (ids are handed out
-- at INSERT, rows become visible at COMMIT): sealed when they appear, forgotten after a while
-- (a rolled-back transaction leaves its id unused for ever).
CREATE TABLE audit_gap (
    event_id BIGINT       NOT NULL PRIMARY KEY,
    seen_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How far the events have been handed to the platform's operateLog, in chain order.
CREATE TABLE audit_forward (
    id            TINYINT      NOT NULL PRIMARY KEY,
    forwarded_seq BIGINT       NOT NULL,
    updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO audit_forward (id, forwarded_seq) VALUES (1, 0);

-- The head signed with the portal's audit key from time to time: a chain recomputed by
-- someone without the key no longer matches the signed hashes.
CREATE TABLE audit_checkpoint (
    seq       BIGINT       NOT NULL PRIMARY KEY,
    hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    key_id    VARCHAR(64)  NOT NULL,
    signature VARCHAR(200) NOT NULL,
    signed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each run of the verification and what it found.
CREATE TABLE audit_verification (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    started_at    TIMESTAMP(3) NOT NULL,
    finished_at   TIMESTAMP(3) NULL,
    trigger_kind  VARCHAR(16)  NOT NULL,
    requested_by  VARCHAR(64)  NULL,
    checked       BIGINT       NOT NULL DEFAULT 0,
    intact        BOOLEAN      NULL,
    broken_seq    BIGINT       NULL,
    broken_event  BIGINT       NULL,
    problem       VARCHAR(32)  NULL,
    detail        VARCHAR(500) NULL,
    INDEX ix_audit_verification_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Signed archive files of events past retention, the newest one being the chain's anchor.
CREATE TABLE audit_archive (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    first_seq      BIGINT       NOT NULL,
    last_seq       BIGINT       NOT NULL,
    last_hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    event_count    BIGINT       NOT NULL,
    oldest_at      TIMESTAMP(3) NOT NULL,
    newest_at      TIMESTAMP(3) NOT NULL,
    file_name      VARCHAR(255) NOT NULL,
    file_sha256    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    key_id         VARCHAR(64)  NOT NULL,
    signature      VARCHAR(200) NOT NULL,
    archived_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY ux_audit_archive_last (last_seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Events per hour (UTC), tenant and result, kept by the sealer as it seals: the per-day chart
-- of millions of events reads these instead of the events. tenant_code '' is "no tenant".
CREATE TABLE audit_hourly (
    hour_start  TIMESTAMP    NOT NULL,
    tenant_code VARCHAR(32)  NOT NULL,
    result      VARCHAR(16)  NOT NULL,
    events      BIGINT       NOT NULL,
    PRIMARY KEY (hour_start, tenant_code, result)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
