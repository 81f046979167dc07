-- Issue 10, host power: at most one open operation per host. The column holds the host of an open
-- host operation and is NULL otherwise, so the unique index admits one open operation per host and
-- any number of finished ones; a second start or shutdown queued meanwhile fails on it (409).
ALTER TABLE operation
    ADD COLUMN open_host_id VARCHAR(64)
        AS (IF(state IN ('QUEUED', 'SENDING', 'SENT'), host_id, NULL)) PERSISTENT,
    ADD UNIQUE INDEX ux_operation_open_host (open_host_id);
