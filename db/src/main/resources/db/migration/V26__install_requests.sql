-- Install from ISO (issue 9): a request of kind INSTALL names the image (ISO) it installs from and,
-- optionally, the OS type and bits the VM is given (none: the image's). Its template is empty.
ALTER TABLE vm_request
    ADD COLUMN install_image VARCHAR(255) NULL,
    ADD COLUMN os_type       VARCHAR(64)  NULL,
    ADD COLUMN os_bits       VARCHAR(8)   NULL;
