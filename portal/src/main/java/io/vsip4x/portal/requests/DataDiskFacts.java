package io.vsip4x.portal.requests;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What pages say of the disk a data-disk request names ({@code ${@dataDiskFacts.of(r.id, r.dataDiskId)}}):
 * its name, its VM, and for an extend the size it has now, so approvers read what they decide.
 */
@Component
public class DataDiskFacts {

    /**
     * The disk of a data-disk request.
     *
     * @param name   its name in the portal
     * @param vmName the VM it is on (or asked for), {@code null} when detached (or its VM deleted)
     * @param sizeGb the size it has now ({@code null} for a disk not yet made)
     */
    public record Facts(String name, String vmName, Long sizeGb) {
    }

    private final JdbcClient jdbc;

    DataDiskFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The disk request {@code requestId} grows ({@code dataDiskId}) or asks for ({@code dataDiskId}
     * {@code null}), or {@code null} when the portal has no row of it.
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Facts of(long requestId, String dataDiskId) {
        String where = dataDiskId == null ? "d.request_id = :requestId" : "d.disk_id = :diskId";
        Optional<Facts> found = jdbc.sql("""
                SELECT d.name, CASE WHEN v.lifecycle = 'DELETED' THEN NULL ELSE v.name END, d.size_gb, d.lifecycle
                  FROM data_disk d
                  LEFT JOIN vm v ON v.vm_id = d.vm_id
                 WHERE\s""" + where + " ORDER BY d.created_at LIMIT 1")
                .param("requestId", requestId)
                .param("diskId", dataDiskId == null ? "" : dataDiskId)
                .query((rs, n) -> new Facts(rs.getString(1), rs.getString(2),
                        dataDiskId == null ? null : rs.getLong(3)))
                .optional();
        return found.orElse(null);
    }
}
