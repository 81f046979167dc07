package io.vsip4x.portal.vms;

import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a VM may go: the hosts of its pool for a migration, the pools and their hosts for a
 * move ({@code searchRepository}, {@code searchHostList}), and the platform's refusal of a
 * target that is not one of them (2046 a host outside the pool or the VM's own host, 4020 no
 * such pool), checked before the operation is queued. When the platform cannot be asked the
 * host is not checked here: the platform refuses a wrong one when the operation is sent. The
 * pool of a move must also hold the VM by the rule of classification ({@link Catalog#barTo}: granted
 * to the VM's tenant, not above its owner's clearance, not below the VM's level) and have the
 * storage of its disk free ({@link #poolBar}).
 */
@Component
public class VmPlacements {

    private static final Logger log = LoggerFactory.getLogger(VmPlacements.class);
    private static final long GIB = 1024L * 1024L * 1024L;

    private final PlatformClient platform;
    private final CatalogService catalog;
    private final JdbcClient jdbc;

    VmPlacements(PlatformClient platform, CatalogService catalog, JdbcClient jdbc) {
        this.platform = platform;
        this.catalog = catalog;
        this.jdbc = jdbc;
    }

    /**
     * A VM as the pool rule sees it.
     *
     * @param level  its classification
     * @param diskGb its disk, which the target pool must have free
     */
    public record Placed(long tenantId, long ownerId, int level, long diskGb) {
    }

    /**
     * The key of the text that says why {@code vm} cannot be moved to pool {@code repoId} with
     * {@code freeBytes} free (each text takes the VM's name as {0}), or empty when it can.
     *
     * @throws PlatformUnavailableException when the platform's pools cannot be read
     */
    public Optional<String> poolBar(Placed vm, String repoId, long freeBytes) {
        Optional<Catalog.PoolBar> bar = catalog.forTenant(vm.tenantId())
                .barTo(repoId, vm.level(), ownerLimit(vm.ownerId()));
        if (bar.isPresent()) {
            return Optional.of(switch (bar.get()) {
                case NOT_GRANTED -> "vm.op.refused.poolNotGranted";
                case ABOVE_CLEARANCE -> "vm.op.refused.poolAboveClearance";
                case BELOW_LEVEL -> "vm.op.refused.poolBelowLevel";
            });
        }
        return freeBytes < vm.diskGb() * GIB ? Optional.of("vm.op.refused.poolFull") : Optional.empty();
    }

    /** The highest level owner {@code ownerId} may hold: their clearance, capped by their tenant's ceiling. */
    private int ownerLimit(long ownerId) {
        return jdbc.sql("""
                SELECT LEAST(u.clearance, COALESCE(t.classification_ceiling, u.clearance))
                  FROM app_user u
                  LEFT JOIN tenant t ON t.id = u.tenant_id
                 WHERE u.id = :id""")
                .param("id", ownerId).query(Integer.class).optional().orElse(0);
    }

    /** A host a VM may go to. */
    public record HostOption(String hostId, String name) {
    }

    /** A pool a VM may be moved to, with its hosts. */
    public record PoolOption(String repoId, String name, List<HostOption> hosts) {
    }

    /** The hosts of {@code vm}'s pool but its own, or empty when the platform cannot be asked. */
    List<HostOption> migrationTargets(Vm vm) {
        return hostsOf(vm.repoId()).map(hosts -> hosts.stream()
                .filter(h -> !h.hostId().equals(vm.hostId())).toList()).orElse(List.of());
    }

    /** Every pool with its hosts, or none when the platform cannot be asked. */
    List<PoolOption> moveTargets() {
        try {
            List<PoolInfo> pools = platform.call(c -> c.searchRepository(Map.of()));
            return pools.stream().map(p -> new PoolOption(p.repositoryId(), p.name(),
                    hostsOf(p.repositoryId()).orElse(List.of()))).toList();
        } catch (Vsip4xException e) {
            log.info("Could not list the pools for a move: {}", e.getMessage());
            return List.of();
        }
    }

    /** The platform's refusal of the target of a migration or move, or {@code null}. */
    VmAction.Refusal refusal(Vm vm, VmAction action, String hostId, String repoId) {
        if (action != VmAction.MIGRATE && action != VmAction.MOVE) {
            return null;
        }
        String pool = action == VmAction.MIGRATE ? vm.repoId() : repoId;
        Optional<List<HostOption>> hosts = hostsOf(pool);
        if (hosts.isEmpty()) {
            return null;
        }
        if (action == VmAction.MOVE && hosts.get().isEmpty()) {
            return new VmAction.Refusal("4020", "vm.op.refused.noPool");
        }
        boolean inPool = hosts.get().stream().anyMatch(h -> h.hostId().equals(hostId));
        boolean samePlace = hostId.equals(vm.hostId()) && (action == VmAction.MIGRATE || pool.equals(vm.repoId()));
        if (!inPool || samePlace) {
            return new VmAction.Refusal("2046", "vm.op.refused.wrongHost");
        }
        if (action == VmAction.MOVE && !pool.equals(vm.repoId())) {
            long free = freeBytes(pool);
            return poolBar(new Placed(vm.tenantId(), vm.ownerId(), vm.classification(), vm.diskGb()), pool, free)
                    .map(key -> new VmAction.Refusal("4020", key)).orElse(null);
        }
        return null;
    }

    /** The storage pool {@code pool} has free now, or none when the platform does not list it. */
    private long freeBytes(String pool) {
        try {
            return platform.call(c -> c.searchRepository(Map.of())).stream()
                    .filter(p -> p.repositoryId().equals(pool)).mapToLong(PoolInfo::freeBytes).findFirst().orElse(0);
        } catch (Vsip4xException e) {
            throw new PlatformUnavailableException(e);
        }
    }

    private Optional<List<HostOption>> hostsOf(String pool) {
        try {
            List<HostInfo> hosts = platform.call(c -> c.searchHostList(Map.of("repoName", pool)));
            return Optional.of(hosts.stream().map(h -> new HostOption(h.hostId(), h.name())).toList());
        } catch (Vsip4xException e) {
            log.info("Could not list the hosts of pool '{}': {}", pool, e.getMessage());
            return Optional.empty();
        }
    }
}
