-- VM-owned storage and devices (issue 9): per tenant, how many snapshots one VM may keep, whether its
-- people may make templates from their VMs, and whether a new data disk needs approval. A tenant
-- without a row has the defaults.
CREATE TABLE tenant_vm_settings (
    tenant_id            BIGINT       NOT NULL PRIMARY KEY,
    snapshots_per_vm     INT          NOT NULL DEFAULT 8,
    template_builds      BOOLEAN      NOT NULL DEFAULT FALSE,
    data_disk_approval   BOOLEAN      NOT NULL DEFAULT TRUE,
    updated_at           TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_by           BIGINT       NULL,
    CONSTRAINT fk_vm_settings_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
