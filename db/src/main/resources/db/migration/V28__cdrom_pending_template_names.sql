-- Issue 9, CD-ROMs and templates review: drives added to a running VM (the platform lists them only
-- after its next boot), builds under way (one per VM), template names and withdrawals, and the
-- tenant's limit of templates made from its VMs.
CREATE TABLE vm_cdrom_pending (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    vm_id         VARCHAR(64)  NOT NULL,
    listed_before INT          NOT NULL,
    added_by      BIGINT       NOT NULL,
    added_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    INDEX ix_vm_cdrom_pending_vm (vm_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE vm_template_build (
    vm_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id  BIGINT       NOT NULL,
    started_by BIGINT       NOT NULL,
    started_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    INDEX ix_vm_template_build_tenant (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE vm_template
    ADD COLUMN display_name VARCHAR(64)  NULL,
    ADD COLUMN withdrawn_at TIMESTAMP(3) NULL,
    ADD COLUMN withdrawn_by BIGINT       NULL;

ALTER TABLE tenant_vm_settings
    ADD COLUMN templates_max INT NOT NULL DEFAULT 10;
