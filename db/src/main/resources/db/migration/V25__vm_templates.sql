-- Templates made from the portal's VMs (issue 9): who made which template from which VM, with the
-- options asked and the VM's classification, which the template carries in the portal whatever the
-- platform reports. The template is also granted to the VM's tenant (tenant_resource).
CREATE TABLE vm_template (
    template_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id      BIGINT       NOT NULL,
    vm_id          VARCHAR(64)  NOT NULL,
    vm_name        VARCHAR(100) NOT NULL,
    classification INT          NOT NULL,
    encryption     VARCHAR(8)   NULL,
    checksum       BOOLEAN      NOT NULL,
    built_by       BIGINT       NOT NULL,
    built_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    INDEX ix_vm_template_tenant (tenant_id, built_at),
    CONSTRAINT fk_vm_template_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
