-- Approvals: room for the longer states and decision kinds of the request workflow
-- (CHANGES_REQUESTED is seventeen characters).
ALTER TABLE vm_request
    MODIFY COLUMN state VARCHAR(24) NOT NULL;

ALTER TABLE request_decision
    MODIFY COLUMN kind VARCHAR(24) NOT NULL;
