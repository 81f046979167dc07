package io.vsip4x.portal.storage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CD-ROM drives added to running VMs since their last boot ({@code vm_cdrom_pending}): the
 * platform accepts them at once but lists them only after the VM's next start or reboot, so the
 * portal keeps them, with how many drives the platform listed when each was added. Once it lists
 * more than that, the VM has booted and the drive is listed: the row is let go.
 */
@Repository
class CdromPendingStore {

    private final JdbcClient jdbc;

    CdromPendingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes a drive added to running VM {@code vmId} while the platform listed {@code listed} drives. */
    @Transactional(propagation = Propagation.REQUIRED)
    void added(String vmId, int listed, long userId) {
        jdbc.sql("INSERT INTO vm_cdrom_pending (vm_id, listed_before, added_by) VALUES (:vm, :listed, :by)")
                .param("vm", vmId)
                .param("listed", listed)
                .param("by", userId)
                .update();
    }

    /** A drive added to stopped VM {@code vmId} is listed at once: the pending ones wait for one more. */
    @Transactional(propagation = Propagation.REQUIRED)
    void listedAtOnce(String vmId) {
        jdbc.sql("UPDATE vm_cdrom_pending SET listed_before = listed_before + 1 WHERE vm_id = :vm")
                .param("vm", vmId)
                .update();
    }

    /**
     * How many drives of VM {@code vmId} wait for its next boot, the platform listing {@code listed}
     * now; those it lists now are let go.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    int pending(String vmId, int listed) {
        jdbc.sql("DELETE FROM vm_cdrom_pending WHERE vm_id = :vm AND listed_before < :listed")
                .param("vm", vmId)
                .param("listed", listed)
                .update();
        return jdbc.sql("SELECT COUNT(*) FROM vm_cdrom_pending WHERE vm_id = :vm")
                .param("vm", vmId)
                .query(Integer.class)
                .single();
    }
}
