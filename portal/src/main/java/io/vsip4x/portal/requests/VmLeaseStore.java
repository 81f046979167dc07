package io.vsip4x.portal.requests;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lease and classification columns of a VM, which change requests read and renewals move. */
@Repository
class VmLeaseStore {

    /**
     * What a change request needs to know of a VM besides its shape.
     *
     * @param leaseExpiresAt the end of its lease, or {@code null} when it has none
     */
    record LeaseInfo(Instant leaseExpiresAt, int classification) {
    }

    private final JdbcClient jdbc;

    VmLeaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LeaseInfo> find(String vmId) {
        return jdbc.sql("SELECT lease_expires_at, classification FROM vm WHERE vm_id = :vmId")
                .param("vmId", vmId)
                .query((rs, n) -> new LeaseInfo(rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
                        rs.getInt(2)))
                .optional();
    }
}
