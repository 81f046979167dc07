-- Issue 11, scale-out: the portal nodes sharing this database. Each node writes its row at start and
-- refreshes heartbeat_at (in the database's time) every few seconds; a node whose heartbeat is older
-- than the lease (30 s by default) is dead. A clean shutdown leaves its row STOPPED; rows of stopped
-- or dead nodes are removed a day later.
CREATE TABLE portal_node (
    name         VARCHAR(100) NOT NULL,
    started_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    heartbeat_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    state        VARCHAR(16)  NOT NULL,
    PRIMARY KEY (name),
    INDEX ix_portal_node_heartbeat (heartbeat_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An operation a node is sending names that node and the end of its claim's lease; the node's
-- heartbeat moves the lease on. A SENDING operation whose lease ran out lost its node, and a live
-- node takes it over. The node's name stays on the operation once sent (who sent it).
ALTER TABLE operation
    ADD COLUMN claimed_by       VARCHAR(100) NULL,
    ADD COLUMN claim_expires_at TIMESTAMP(3) NULL,
    ADD INDEX ix_operation_claimed_by (claimed_by, state),
    ADD INDEX ix_operation_claim_expiry (state, claim_expires_at);
