-- Issue 10, host detail: the host pages count the portal's VMs on one host (the detail page polls
-- it), which must not read every VM of the platform.
ALTER TABLE vm
    ADD INDEX ix_vm_host (host_id, lifecycle);
