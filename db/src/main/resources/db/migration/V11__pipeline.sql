-- VMs the platform has and the portal does not (created outside it), as the periodic
-- reconciliation last saw them; a row goes when the VM leaves the platform or the portal
-- learns it. Platform admins see them; adopting them comes later.
CREATE TABLE unowned_vm (
    vm_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NULL,
    status     INT          NULL,
    host       VARCHAR(64)  NULL,
    pool       VARCHAR(64)  NULL,
    cpu        INT          NOT NULL DEFAULT 0,
    memory     BIGINT       NOT NULL DEFAULT 0,
    disk       BIGINT       NOT NULL DEFAULT 0,
    first_seen TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    last_seen  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
