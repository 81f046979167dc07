-- Data disks people manage themselves (issue 9). A disk asked for through a request is recorded
-- at once as REQUESTED (it holds no quota until approved, then PENDING, then ACTIVE); a deleted
-- one stays as DELETED for the record. A disk carries the classification of its data: the higher
-- of its VM's and its pool's (raised when attached to a VM above it), so nobody below it sees it.
ALTER TABLE data_disk
    ADD COLUMN classification INT NOT NULL DEFAULT 0,
    ADD INDEX ix_data_disk_request (request_id);

-- Disks recorded before this column: the level of the VM they are on or were made for, or of the
-- request that asked for them, whichever is higher, so none shows below its data's level.
UPDATE data_disk d
  LEFT JOIN vm v ON v.vm_id = d.vm_id
  LEFT JOIN vm_request r ON r.id = d.request_id
   SET d.classification = GREATEST(COALESCE(v.classification, 0), COALESCE(r.classification, 0));
