package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.HostInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a VM may be restored from a backup: where it is, or a pool the person may use (their
 * tenant's pool grants, up to their clearance and the tenant's ceiling) of at least the VM's own
 * level, and optionally one host of that pool ({@code searchHostList}).
 */
@Component
class BackupTargets {

    private static final Logger log = LoggerFactory.getLogger(BackupTargets.class);

    private final CatalogService catalog;
    private final PlatformClient platform;

    BackupTargets(CatalogService catalog, PlatformClient platform) {
        this.catalog = catalog;
        this.platform = platform;
    }

    /** A host of a pool. */
    record HostOption(String hostId, String name) {
    }

    /** A pool the VM may be restored into, with its hosts (empty when the platform cannot be asked). */
    record PoolOption(String repoId, String name, List<HostOption> hosts) {
    }

    /**
     * The pools {@code user} may restore {@code vm} into, with their hosts; none when the platform
     * cannot be asked.
     */
    List<PoolOption> of(CurrentUser user, Vm vm) {
        try {
            Catalog usable = usable(user, vm);
            return usable.pools().stream()
                    .filter(p -> usable.barTo(p.repositoryId(), vm.classification(), Integer.MAX_VALUE).isEmpty())
                    .map(p -> new PoolOption(p.repositoryId(), p.name(), hostsOf(p.repositoryId()).orElse(List.of())))
                    .toList();
        } catch (Vsip4xException | PlatformUnavailableException e) {
            log.info("Could not list the restore targets of VM '{}': {}", vm.vmId(), e.getMessage());
            return List.of();
        }
    }

    /**
     * Why {@code vm} cannot be restored to pool {@code repoId} (or its own, when {@code null}) and
     * host {@code hostId} (or any, when {@code null}) by {@code user}: 4020 for a pool the tenant
     * may not use or that is above the person's clearance, or below the VM's level; 2046 for a
     * host outside the pool; {@code null} when it can. When the platform cannot be asked, the
     * host is left to the platform to refuse.
     */
    VmTarget refusal(CurrentUser user, Vm vm, String repoId, String hostId) {
        if (repoId != null) {
            // The usable catalog is already cut at the person's clearance: any pool above it is not in it.
            Optional<Catalog.PoolBar> bar = usable(user, vm).barTo(repoId, vm.classification(), Integer.MAX_VALUE);
            if (bar.isPresent()) {
                return new VmTarget("4020", bar.get() == Catalog.PoolBar.BELOW_LEVEL ? "backup.refused.poolLevel"
                        : "backup.refused.pool");
            }
        }
        if (hostId == null) {
            return null;
        }
        Optional<List<HostOption>> hosts = hostsOf(repoId == null ? vm.repoId() : repoId);
        if (hosts.isPresent() && hosts.get().stream().noneMatch(h -> h.hostId().equals(hostId))) {
            return new VmTarget("2046", "backup.refused.host");
        }
        return null;
    }

    /** A refused target: the spec's code and the text's key. */
    record VmTarget(String code, String messageKey) {
    }

    /**
     * What {@code user} may use of {@code vm}'s tenant's catalog: a tenant's person their own
     * (their clearance, the tenant's ceiling), a platform administrator the tenant's grants up to
     * their clearance.
     */
    private Catalog usable(CurrentUser user, Vm vm) {
        return user.tenantId() != null ? catalog.forViewer(user)
                : catalog.forTenant(vm.tenantId()).upTo(user.clearance());
    }

    private Optional<List<HostOption>> hostsOf(String pool) {
        try {
            List<HostInfo> hosts = platform.read(c -> c.searchHostList(Map.of("repoName", pool)));
            return Optional.of(hosts.stream().map(h -> new HostOption(h.hostId(), h.name())).toList());
        } catch (Vsip4xException e) {
            log.info("Could not list the hosts of pool '{}': {}", pool, e.getMessage());
            return Optional.empty();
        }
    }
}
