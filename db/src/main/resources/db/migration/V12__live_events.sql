-- Live status on every portal node: each "something changed" signal is a row that every node
-- tails (id > last seen) and pushes to its own open pages. Rows carry no data beyond what
-- changed for whom; they are pruned after a few minutes.
CREATE TABLE live_event (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id  BIGINT       NULL,
    user_id    BIGINT       NULL,
    vm_id      VARCHAR(64)  NULL,
    kind       VARCHAR(32)  NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    INDEX ix_live_event_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
