-- The VM inventory list (issue 5): every page of a tenant's VMs, in each sort order the list
-- offers, is read along an index that starts with the tenant, so that a tenant with 10,000 VMs
-- is never scanned whole; one person's VMs are read along the owner's. Each index also carries
-- lifecycle and classification where the count and the filter options can use them alone.
ALTER TABLE vm
    ADD INDEX ix_vm_tenant_created (tenant_id, created_at, vm_id),
    ADD INDEX ix_vm_tenant_name (tenant_id, name),
    ADD INDEX ix_vm_tenant_status (tenant_id, status, lifecycle, classification),
    ADD INDEX ix_vm_tenant_host (tenant_id, host_id, lifecycle, classification),
    ADD INDEX ix_vm_tenant_repo (tenant_id, repo_id, lifecycle, classification),
    ADD INDEX ix_vm_tenant_template (tenant_id, template_id, lifecycle, classification),
    ADD INDEX ix_vm_tenant_visible (tenant_id, lifecycle, classification, owner_id),
    ADD INDEX ix_vm_owner_created (owner_id, created_at, vm_id),
    ADD INDEX ix_vm_created (created_at, vm_id),
    ADD INDEX ix_vm_name (name);

-- The newest operation of each VM on a page, read in one query.
ALTER TABLE operation
    ADD INDEX ix_operation_vm_id (vm_id, id);
