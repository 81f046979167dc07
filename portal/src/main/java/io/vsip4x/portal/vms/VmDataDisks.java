package io.vsip4x.portal.vms;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data disks of a VM as the API shows them, so a caller finds the {@code dataDiskId} of a
 * disk to grow: those approved and not yet created ({@code PENDING}) and those in use
 * ({@code ACTIVE}), oldest first.
 */
@Repository
class VmDataDisks {

    private final JdbcClient jdbc;

    VmDataDisks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The disks of {@code vmId}. */
    @Transactional(propagation = Propagation.SUPPORTS)
    List<VmView.DataDisk> of(String vmId) {
        return jdbc.sql("""
                SELECT disk_id, name, size_gb, lifecycle
                  FROM data_disk
                 WHERE vm_id = :vmId
                   AND lifecycle IN ('PENDING', 'ACTIVE')
                 ORDER BY created_at, disk_id""")
                .param("vmId", vmId)
                .query((rs, n) -> new VmView.DataDisk(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4)))
                .list();
    }
}
