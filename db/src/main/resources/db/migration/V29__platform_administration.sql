-- Issue 10, platform administration: host power goes through the operation queue (an operation
-- names a host instead of a VM), the dashboard counts callbacks per minute, and host monitoring
-- keeps raw samples for the host detail's charts.
ALTER TABLE operation
    ADD COLUMN host_id VARCHAR(64) NULL,
    ADD INDEX ix_operation_host (host_id, state);

ALTER TABLE callback_event
    ADD INDEX ix_callback_event_received (received_at);

CREATE TABLE host_monitor_sample (
    host_id    VARCHAR(64)  NOT NULL,
    sampled_at BIGINT       NOT NULL,
    cpu_used   DECIMAL(4,1) NOT NULL,
    mem_used   BIGINT       NOT NULL,
    mem_total  BIGINT       NOT NULL,
    disk_read  BIGINT       NOT NULL,
    disk_write BIGINT       NOT NULL,
    net_in     BIGINT       NOT NULL,
    net_out    BIGINT       NOT NULL,
    load_avg   DECIMAL(8,2) NULL,
    PRIMARY KEY (host_id, sampled_at),
    INDEX ix_host_monitor_sample_time (sampled_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
