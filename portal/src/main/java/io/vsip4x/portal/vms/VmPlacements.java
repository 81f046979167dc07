package io.vsip4x.portal.vms;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a VM may go: the hosts of its pool for a migration, the pools and their hosts for a
 * move ({@code searchRepository}, {@code searchHostList}), and the platform's refusal of a
 * target that is not one of them (2046 a host outside the pool or the VM's own host, 4020 no
 * such pool), checked before the operation is queued. When the platform cannot be asked the
 * target is not checked here: the platform refuses a wrong one when the operation is sent.
 */
@Component
class VmPlacements {

    private static final Logger log = LoggerFactory.getLogger(VmPlacements.class);

    private final PlatformClient platform;

    VmPlacements(PlatformClient platform) {
        this.platform = platform;
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
        return inPool && !samePlace ? null : new VmAction.Refusal("2046", "vm.op.refused.wrongHost");
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
