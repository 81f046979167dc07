package io.vsip4x.portal.leases;

import io.vsip4x.portal.vms.VmLifecycle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of leases: the lease columns of {@code vm}. Times are written from the portal's clock. */
@Repository
class LeaseRepository {

    private static final int BATCH = 100;

    private final JdbcClient jdbc;

    LeaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A VM's lease with its row locked to the end of the transaction. */
    Optional<Lease> lock(String vmId) {
        return jdbc.sql("""
                SELECT v.vm_id, v.name, v.tenant_id, t.code, v.owner_id, v.lifecycle, v.status,
                       v.lease_expires_at, v.lease_warned_at, v.lease_expired_at
                  FROM vm v
                  JOIN tenant t ON t.id = v.tenant_id
                 WHERE v.vm_id = :vmId
                   FOR UPDATE""")
                .param("vmId", vmId)
                .query(LeaseRepository::map)
                .optional();
    }

    /** The lease days the request of a VM asked for, or {@code null}. */
    Integer requestedDays(long requestId) {
        return jdbc.sql("SELECT lease_days FROM vm_request WHERE id = :id")
                .param("id", requestId)
                .query((rs, n) -> rs.getObject(1, Integer.class))
                .optional().orElse(null);
    }

    /** Active VMs whose lease ends after {@code now} and by {@code until}, not yet warned. */
    List<String> dueWarnings(Instant now, Instant until) {
        return jdbc.sql("""
                SELECT vm_id FROM vm
                 WHERE lifecycle = 'ACTIVE' AND lease_warned_at IS NULL AND lease_expired_at IS NULL
                   AND lease_expires_at > :now AND lease_expires_at <= :until
                 ORDER BY lease_expires_at LIMIT :limit""")
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(until))
                .param("limit", BATCH)
                .query(String.class)
                .list();
    }

    /** Active VMs whose lease ended by {@code now}, not yet acted on. */
    List<String> dueExpiries(Instant now) {
        return jdbc.sql("""
                SELECT vm_id FROM vm
                 WHERE lifecycle = 'ACTIVE' AND lease_expired_at IS NULL AND lease_expires_at <= :now
                 ORDER BY lease_expires_at LIMIT :limit""")
                .param("now", Timestamp.from(now))
                .param("limit", BATCH)
                .query(String.class)
                .list();
    }

    /** Active VMs shut down for their lease, whose lease ended by {@code cutoff}. */
    List<String> dueDeletions(Instant cutoff) {
        return jdbc.sql("""
                SELECT vm_id FROM vm
                 WHERE lifecycle = 'ACTIVE' AND lease_expired_at IS NOT NULL AND lease_expires_at <= :cutoff
                 ORDER BY lease_expires_at LIMIT :limit""")
                .param("cutoff", Timestamp.from(cutoff))
                .param("limit", BATCH)
                .query(String.class)
                .list();
    }

    /** Gives a VM a lease unless it has one. */
    boolean start(String vmId, Instant expiresAt) {
        return jdbc.sql("UPDATE vm SET lease_expires_at = :at WHERE vm_id = :vmId AND lease_expires_at IS NULL")
                .param("at", Timestamp.from(expiresAt))
                .param("vmId", vmId)
                .update() == 1;
    }

    void markWarned(String vmId, Instant at) {
        jdbc.sql("UPDATE vm SET lease_warned_at = :at WHERE vm_id = :vmId")
                .param("at", Timestamp.from(at))
                .param("vmId", vmId)
                .update();
    }

    void markExpired(String vmId, Instant at) {
        jdbc.sql("UPDATE vm SET lease_expired_at = :at WHERE vm_id = :vmId")
                .param("at", Timestamp.from(at))
                .param("vmId", vmId)
                .update();
    }

    /** Moves a lease's end and clears its warning and expiry. */
    void renew(String vmId, Instant expiresAt) {
        jdbc.sql("""
                UPDATE vm SET lease_expires_at = :at, lease_warned_at = NULL, lease_expired_at = NULL
                 WHERE vm_id = :vmId""")
                .param("at", Timestamp.from(expiresAt))
                .param("vmId", vmId)
                .update();
    }

    private static Lease map(ResultSet rs, int row) throws SQLException {
        return new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                VmLifecycle.valueOf(rs.getString(6)), rs.getObject(7, Integer.class), instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
