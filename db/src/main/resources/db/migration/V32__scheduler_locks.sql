-- Issue 11, scale-out: scheduled work runs on one portal node at a time. ShedLock keeps one row per
-- job here; a node takes the job by moving lock_until forward (in the database's own time), and a
-- dead node's lock runs out at lock_until, after which another node takes the job.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
