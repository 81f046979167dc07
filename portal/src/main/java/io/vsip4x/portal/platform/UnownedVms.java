package io.vsip4x.portal.platform;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.sdk.model.VmSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The VMs the platform has and the portal does not ({@code unowned_vm}): recorded by the
 * inventory reconciliation, shown to platform admins. Only rows that changed are written.
 */
@Component
public class UnownedVms {

    private static final Logger log = LoggerFactory.getLogger(UnownedVms.class);
    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final AuditService audit;

    UnownedVms(JdbcClient jdbc, JdbcTemplate batch, AuditService audit) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.audit = audit;
    }

    /**
     * A VM created outside the portal.
     *
     * @param memoryMb its memory in MiB
     * @param diskGb   its system disk in GiB
     */
    public record UnownedVm(String vmId, String name, Integer status, String host, String pool, int cpu,
            long memoryMb, long diskGb, Instant firstSeen, Instant lastSeen) {

        static UnownedVm of(VmSummary vm) {
            return new UnownedVm(vm.vmId(), vm.vmName(), vm.status() < 0 ? null : vm.status(), vm.hostId(),
                    vm.repoName(), vm.cpu(), vm.memoryBytes() / MIB, vm.diskBytes() / GIB, null, null);
        }

        boolean sameAs(UnownedVm other) {
            return Objects.equals(name, other.name) && Objects.equals(status, other.status)
                    && Objects.equals(host, other.host) && Objects.equals(pool, other.pool) && cpu == other.cpu
                    && memoryMb == other.memoryMb && diskGb == other.diskGb;
        }
    }

    /** Every unowned VM, by name. */
    @Transactional(readOnly = true)
    public List<UnownedVm> list() {
        return jdbc.sql("""
                SELECT vm_id, name, status, host, pool, cpu, memory, disk, first_seen, last_seen
                  FROM unowned_vm ORDER BY name, vm_id""")
                .query(UnownedVms::map)
                .list();
    }

    /** VMs on one page of {@link #page}. */
    public static final int PAGE_SIZE = 50;

    /** Page {@code page} (from 0) of the unowned VMs, by name, {@link #PAGE_SIZE} a page. */
    @Transactional(readOnly = true)
    public List<UnownedVm> page(int page) {
        return jdbc.sql("""
                SELECT vm_id, name, status, host, pool, cpu, memory, disk, first_seen, last_seen
                  FROM unowned_vm ORDER BY name, vm_id LIMIT :size OFFSET :from""")
                .param("size", PAGE_SIZE)
                .param("from", (long) page * PAGE_SIZE)
                .query(UnownedVms::map)
                .list();
    }

    /** How many unowned VMs there are. */
    @Transactional(readOnly = true)
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM unowned_vm").query(Long.class).single();
    }

    /**
     * The unowned VM {@code vmId} with its row locked to the end of the caller's transaction, or
     * empty when it is not (or no longer) recorded as unowned.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public java.util.Optional<UnownedVm> lock(String vmId) {
        return jdbc.sql("""
                SELECT vm_id, name, status, host, pool, cpu, memory, disk, first_seen, last_seen
                  FROM unowned_vm
                 WHERE vm_id = :id
                   FOR UPDATE""")
                .param("id", vmId)
                .query(UnownedVms::map)
                .optional();
    }

    /** Forgets the unowned VM {@code vmId}, once it has been adopted into the inventory. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void remove(String vmId) {
        jdbc.sql("DELETE FROM unowned_vm WHERE vm_id = :id").param("id", vmId).update();
    }

    /**
     * Makes the table hold exactly {@code seen}, the VMs of a complete platform listing that the
     * portal does not know: new ones are added (and audited), changed ones rewritten, the others
     * only marked seen, and those no longer listed removed.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void replaceWith(Collection<VmSummary> seen) {
        Map<String, UnownedVm> stored = new HashMap<>();
        list().forEach(vm -> stored.put(vm.vmId(), vm));
        Set<String> known = known(seen);
        List<UnownedVm> added = new ArrayList<>();
        List<UnownedVm> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (VmSummary summary : seen) {
            if (known.contains(summary.vmId())) {
                continue;
            }
            UnownedVm vm = UnownedVm.of(summary);
            current.add(vm.vmId());
            UnownedVm before = stored.get(vm.vmId());
            if (before == null) {
                added.add(vm);
            } else if (!before.sameAs(vm)) {
                changed.add(vm);
            } else {
                unchanged.add(vm.vmId());
            }
        }
        List<String> gone = stored.keySet().stream().filter(id -> !current.contains(id)).toList();
        batch.batchUpdate("""
                INSERT INTO unowned_vm (vm_id, name, status, host, pool, cpu, memory, disk)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", added, 500, (ps, vm) -> values(ps, vm, true));
        batch.batchUpdate("""
                UPDATE unowned_vm SET name = ?, status = ?, host = ?, pool = ?, cpu = ?, memory = ?, disk = ?,
                       last_seen = NOW(3)
                 WHERE vm_id = ?""", changed, 500, (ps, vm) -> values(ps, vm, false));
        inChunks(unchanged, ids -> jdbc.sql("UPDATE unowned_vm SET last_seen = NOW(3) WHERE vm_id IN (:ids)")
                .param("ids", ids).update());
        inChunks(gone, ids -> jdbc.sql("DELETE FROM unowned_vm WHERE vm_id IN (:ids)").param("ids", ids).update());
        for (UnownedVm vm : added) {
            audit.event("VM_UNOWNED_FOUND")
                    .as("platform", null, null)
                    .target("VM", vm.vmId())
                    .params("pool=" + vm.pool() + ", host=" + vm.host())
                    .record();
        }
        if (!added.isEmpty() || !gone.isEmpty()) {
            log.info("VMs created outside the portal: {} new, {} gone, {} in all", added.size(), gone.size(),
                    current.size());
        }
    }

    /**
     * Those of {@code seen} that the inventory holds by now: adopted since the listing was
     * compared with it, so not to be recorded as unowned again.
     */
    private Set<String> known(Collection<VmSummary> seen) {
        List<String> ids = seen.stream().map(VmSummary::vmId).filter(Objects::nonNull).toList();
        Set<String> known = new HashSet<>();
        inChunks(ids, chunk -> known.addAll(jdbc.sql("SELECT vm_id FROM vm WHERE vm_id IN (:ids)")
                .param("ids", chunk).query(String.class).list()));
        return known;
    }

    private static void values(java.sql.PreparedStatement ps, UnownedVm vm, boolean insert) throws SQLException {
        int i = 1;
        if (insert) {
            ps.setString(i++, vm.vmId());
        }
        ps.setString(i++, truncate(vm.name(), 200));
        ps.setObject(i++, vm.status());
        ps.setString(i++, vm.host());
        ps.setString(i++, vm.pool());
        ps.setInt(i++, vm.cpu());
        ps.setLong(i++, vm.memoryMb());
        ps.setLong(i++, vm.diskGb());
        if (!insert) {
            ps.setString(i, vm.vmId());
        }
    }

    /** Runs {@code action} on {@code ids} in chunks of 500, so that no statement grows without bound. */
    static void inChunks(List<String> ids, java.util.function.Consumer<List<String>> action) {
        for (int from = 0; from < ids.size(); from += 500) {
            action.accept(ids.subList(from, Math.min(ids.size(), from + 500)));
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static UnownedVm map(ResultSet rs, int row) throws SQLException {
        return new UnownedVm(rs.getString("vm_id"), rs.getString("name"), (Integer) rs.getObject("status",
                Integer.class), rs.getString("host"), rs.getString("pool"), rs.getInt("cpu"), rs.getLong("memory"),
                rs.getLong("disk"), instant(rs.getTimestamp("first_seen")), instant(rs.getTimestamp("last_seen")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
