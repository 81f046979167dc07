-- The audit tables made append-only (issue 6).
--
-- No UPDATE of an event, a seal, a checkpoint or an archive record ever succeeds, nor any DELETE
-- of a checkpoint. Any other DELETE succeeds only while the session variable @vsip4x_audit_purge
-- is 1, which only the procedure audit_purge sets, and only for events that a signed archive file already holds.
-- A deployment grants the portal's account INSERT and SELECT on these tables and EXECUTE on
-- audit_purge, never UPDATE or DELETE (see docs/audit.md): then the triggers guard against the
-- portal's own mistakes, and the grants against everyone else.

DELIMITER $$

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only: an audit event cannot be changed';
END$$

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW
BEGIN
    IF @vsip4x_audit_purge IS NULL OR @vsip4x_audit_purge <> 1 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'audit_event is append-only: events leave only through audit_purge after archiving';
    END IF;
END$$

CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_seal is append-only: a seal cannot be changed';
END$$

CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal FOR EACH ROW
BEGIN
    IF @vsip4x_audit_purge IS NULL OR @vsip4x_audit_purge <> 1 THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'audit_seal is append-only: seals leave only through audit_purge after archiving';
    END IF;
END$$

CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_checkpoint is append-only: a checkpoint cannot be changed';
END$$

-- Checkpoints are tiny and never purged, not even by audit_purge: a DELETE always fails.
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_checkpoint is append-only: a checkpoint cannot be removed';
END$$

CREATE TRIGGER audit_archive_no_update BEFORE UPDATE ON audit_archive FOR EACH ROW
BEGIN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_archive is append-only: an archive record cannot be changed';
END$$

CREATE TRIGGER audit_archive_no_delete BEFORE DELETE ON audit_archive FOR EACH ROW
BEGIN
    IF @vsip4x_audit_purge IS NULL OR @vsip4x_audit_purge <> 1 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_archive is append-only: an archive record cannot be removed';
    END IF;
END$$

-- Removes the events and seals up to through_seq, once a signed archive holds them, and makes
-- the last removed seal's hash the chain's anchor. Runs in the caller's transaction.
CREATE PROCEDURE audit_purge(IN through_seq BIGINT)
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE covered BIGINT;
    DECLARE anchored BIGINT;
    DECLARE new_anchor CHAR(64);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        SET @vsip4x_audit_purge = NULL;
        RESIGNAL;
    END;

    SELECT MAX(last_seq) INTO covered FROM audit_archive;
    IF covered IS NULL OR covered < through_seq THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_purge: no signed archive holds the events up to that seq';
    END IF;
    SELECT anchor_seq INTO anchored FROM audit_chain WHERE id = 1 FOR UPDATE;
    IF through_seq <= anchored THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_purge: the events up to that seq are already removed';
    END IF;
    SELECT hash INTO new_anchor FROM audit_seal WHERE seq = through_seq;
    IF new_anchor IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_purge: the chain has no seal with that seq';
    END IF;
    IF EXISTS (SELECT 1 FROM audit_archive WHERE last_seq = through_seq AND last_hash <> new_anchor) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_purge: the archive ends on another hash than the chain';
    END IF;

    SET @vsip4x_audit_purge = 1;
    DELETE e FROM audit_event e JOIN audit_seal s ON s.event_id = e.id WHERE s.seq <= through_seq;
    DELETE FROM audit_seal WHERE seq <= through_seq;
    SET @vsip4x_audit_purge = NULL;
    UPDATE audit_chain SET anchor_seq = through_seq, anchor_hash = new_anchor WHERE id = 1;
END$$

DELIMITER ;
