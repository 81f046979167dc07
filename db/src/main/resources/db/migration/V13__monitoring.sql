-- Monitoring of running VMs (getVmMonitorInfo). Times are epoch seconds of the portal's clock,
-- so that ten-minute buckets are plain arithmetic whatever the session's time zone.
-- No foreign key to vm: samples outlive nothing (they are pruned) and must not slow deletions.

-- Raw samples, one per VM and sampling run, kept about two hours.
CREATE TABLE vm_monitor_sample (
    vm_id         VARCHAR(64)  NOT NULL,
    sampled_at    BIGINT       NOT NULL,
    cpu_used      DECIMAL(4,1) NOT NULL,
    mem_used      BIGINT       NOT NULL,
    mem_total     BIGINT       NOT NULL,
    disk_read     BIGINT       NOT NULL,
    disk_write    BIGINT       NOT NULL,
    net_in        BIGINT       NOT NULL,
    net_out       BIGINT       NOT NULL,
    platform_time BIGINT       NULL,
    PRIMARY KEY (vm_id, sampled_at),
    INDEX ix_vm_monitor_sample_time (sampled_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Ten-minute averages (and maxima) of the raw samples, kept about two days.
CREATE TABLE vm_monitor_rollup (
    vm_id          VARCHAR(64)  NOT NULL,
    bucket_start   BIGINT       NOT NULL,
    samples        INT          NOT NULL,
    cpu_avg        DECIMAL(4,1) NOT NULL,
    cpu_max        DECIMAL(4,1) NOT NULL,
    mem_used_avg   BIGINT       NOT NULL,
    mem_used_max   BIGINT       NOT NULL,
    mem_total      BIGINT       NOT NULL,
    disk_read_avg  BIGINT       NOT NULL,
    disk_read_max  BIGINT       NOT NULL,
    disk_write_avg BIGINT       NOT NULL,
    disk_write_max BIGINT       NOT NULL,
    net_in_avg     BIGINT       NOT NULL,
    net_in_max     BIGINT       NOT NULL,
    net_out_avg    BIGINT       NOT NULL,
    net_out_max    BIGINT       NOT NULL,
    PRIMARY KEY (vm_id, bucket_start),
    INDEX ix_vm_monitor_rollup_time (bucket_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
