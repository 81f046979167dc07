-- A note the person gives a snapshot when taking it (issue 9): the platform's createSnap takes no
-- name, so the portal keeps the note in its own row. At most 100 characters; NULL when none given.
ALTER TABLE vm_snapshot ADD COLUMN note VARCHAR(100) NULL AFTER snap_id;
