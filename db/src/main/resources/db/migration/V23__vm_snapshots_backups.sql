-- Snapshots and backups of VMs (issue 9, part A). The portal keeps its own rows: who took a
-- snapshot and when, the ones still being taken (PENDING, counted against the quota as reserved),
-- and every backup, which the platform reports only in the detail of its backupVm callback (it has
-- no method listing backups). A row that failed or was deleted stays for the record.
CREATE TABLE vm_snapshot (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    vm_id         VARCHAR(64)  NOT NULL,
    tenant_id     BIGINT       NOT NULL,
    owner_id      BIGINT       NOT NULL,
    snap_id       VARCHAR(128) NULL,
    state         VARCHAR(16)  NOT NULL,
    result_code   VARCHAR(16)  NULL,
    created_by    BIGINT       NULL,
    operation_id  BIGINT       NULL,
    taken_at      TIMESTAMP(3) NULL,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_vm_snapshot_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    KEY idx_vm_snapshot_vm (vm_id, state),
    KEY idx_vm_snapshot_tenant (tenant_id, state),
    KEY idx_vm_snapshot_operation (operation_id),
    KEY idx_vm_snapshot_snap (snap_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE vm_backup (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    vm_id           VARCHAR(64)   NOT NULL,
    tenant_id       BIGINT        NOT NULL,
    owner_id        BIGINT        NOT NULL,
    backup_id       VARCHAR(128)  NULL,
    name            VARCHAR(255)  NULL,
    description     VARCHAR(255)  NULL,
    memory_snapshot BOOLEAN       NOT NULL DEFAULT FALSE,
    checksum        BOOLEAN       NOT NULL DEFAULT FALSE,
    size_bytes      BIGINT        NOT NULL DEFAULT 0,
    state           VARCHAR(16)   NOT NULL,
    result_code     VARCHAR(16)   NULL,
    created_by      BIGINT        NULL,
    operation_id    BIGINT        NULL,
    backup_time     TIMESTAMP(3)  NULL,
    created_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_vm_backup_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    KEY idx_vm_backup_vm (vm_id, state),
    KEY idx_vm_backup_tenant (tenant_id, state),
    KEY idx_vm_backup_operation (operation_id),
    KEY idx_vm_backup_backup (backup_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
