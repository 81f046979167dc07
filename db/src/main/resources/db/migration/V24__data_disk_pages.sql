-- Data disks people manage themselves (issue 9). A disk asked for through a request is recorded
-- at once as REQUESTED (it holds no quota until approved, then PENDING, then ACTIVE); a deleted
-- one stays as DELETED for the record. A disk carries the classification of the VM it was made
-- for (0 for a disk made on its own), so nobody below it sees it.
ALTER TABLE data_disk
    ADD COLUMN classification INT NOT NULL DEFAULT 0,
    ADD INDEX ix_data_disk_request (request_id);
