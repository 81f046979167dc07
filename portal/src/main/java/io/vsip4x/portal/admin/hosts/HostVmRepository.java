package io.vsip4x.portal.admin.hosts;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The portal's own VMs as the host pages need them. */
@Repository
class HostVmRepository {

    private final JdbcClient jdbc;

    HostVmRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many of the portal's VMs (active or being deleted) it holds on each host. */
    Map<String, Integer> countsByHost() {
        return jdbc.sql("""
                SELECT host_id, COUNT(*)
                  FROM vm
                 WHERE host_id IS NOT NULL
                   AND lifecycle IN ('ACTIVE', 'DELETING')
                 GROUP BY host_id""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** How many of the portal's VMs (active or being deleted) it holds on host {@code hostId}. */
    int countOnHost(String hostId) {
        return jdbc.sql("""
                SELECT COUNT(*)
                  FROM vm
                 WHERE host_id = :hostId
                   AND lifecycle IN ('ACTIVE', 'DELETING')""")
                .param("hostId", hostId)
                .query(Integer.class).single();
    }

    /** The portal's VMs among {@code vmIds} with their department and owner, by VM id. */
    Map<String, HostVm> owned(List<String> vmIds) {
        if (vmIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                SELECT v.vm_id, v.name, t.code, t.name, u.username, u.display_name
                  FROM vm v
                  JOIN tenant t   ON t.id = v.tenant_id
                  JOIN app_user u ON u.id = v.owner_id
                 WHERE v.vm_id IN (:ids)
                   AND v.lifecycle <> 'DELETED'""")
                .param("ids", vmIds)
                .query((rs, n) -> new HostVm(rs.getString(1), rs.getString(2), null, true, rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .list().stream().collect(Collectors.toMap(HostVm::vmId, vm -> vm, (a, b) -> a));
    }
}
