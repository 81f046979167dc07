package io.vsip4x.portal.admin.placement;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.VmSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Where a VM may go, with each target's free capacity as the platform reports it now: the hosts
 * of its pool but its own for a migration, every other pool and its hosts for a move. Whether
 * the platform accepts a target is still checked when it is chosen ({@code vms.VmActions}).
 */
@Component
class PlacementTargets {

    private static final long MIB = 1024L * 1024L;

    private final PlatformClient platform;

    PlacementTargets(PlatformClient platform) {
        this.platform = platform;
    }

    /**
     * A host as a target.
     *
     * @param freeMemoryBytes its memory not held by VMs (total − used)
     * @param vmCount         the VMs on it
     * @param fits            whether the VM's memory fits its free memory
     * @param selectable      whether it can be chosen: online (a host offline is shown, not offered)
     */
    public record HostTarget(String hostId, String name, boolean online, int cpuCores, long memoryTotalBytes,
            long freeMemoryBytes, long vmCount, boolean fits, boolean selectable) {

        public long freeMemoryMb() {
            return freeMemoryBytes / MIB;
        }

        public long memoryTotalMb() {
            return memoryTotalBytes / MIB;
        }
    }

    /** A pool as the target of a move, with its storage and its hosts. */
    public record PoolTarget(String repoId, String name, long freeBytes, long totalBytes, int classification,
            List<HostTarget> hosts) {

        public long freeGb() {
            return freeBytes / (MIB * 1024L);
        }

        public long totalGb() {
            return totalBytes / (MIB * 1024L);
        }
    }

    /** A VM's targets: hosts of its pool to migrate to, other pools to move to. */
    public record Targets(PlacedVm vm, List<HostTarget> migration, List<PoolTarget> move) {
    }

    /**
     * Reads the targets of {@code vm} from the platform: three reads whatever the number of pools
     * (the VMs, the pools, and every host with the pools it belongs to, {@code repolist}), not one
     * host read per pool.
     *
     * @throws io.vsip4x.sdk.Vsip4xException when the platform cannot be asked
     */
    Targets of(PlacedVm vm) {
        Map<String, Long> vmsPerHost = platform.read(c -> c.searchVmList(Map.of())).stream()
                .filter(v -> v.hostId() != null)
                .collect(Collectors.groupingBy(VmSummary::hostId, Collectors.counting()));
        List<HostInfo> allHosts = platform.read(c -> c.searchHostList(Map.of()));
        Map<String, List<HostInfo>> byPool = byPool(allHosts);
        // A platform whose hosts do not say their pools is asked pool by pool instead.
        Function<String, List<HostInfo>> hostsOf = byPool.isEmpty() && !allHosts.isEmpty()
                ? pool -> platform.read(c -> c.searchHostList(Map.of("repoName", pool)))
                : pool -> byPool.getOrDefault(pool, List.of());
        Function<HostInfo, HostTarget> target = h -> target(h, vm, vmsPerHost);
        List<HostTarget> migration = hostsOf.apply(vm.repoId()).stream()
                .filter(h -> !h.hostId().equals(vm.hostId())).map(target).toList();
        List<PoolInfo> pools = platform.read(c -> c.searchRepository(Map.of()));
        List<PoolTarget> move = pools.stream().filter(p -> !p.repositoryId().equals(vm.repoId()))
                .map(p -> new PoolTarget(p.repositoryId(), p.name(), p.freeBytes(), p.totalBytes(),
                        p.classification(), hostsOf.apply(p.repositoryId()).stream().map(target).toList()))
                .toList();
        return new Targets(vm, migration, move);
    }

    /**
     * The hosts of each pool by its id, as each host's {@code repolist} names them: bare ids, or
     * maps whose values are ids (the spec declares maps, the platform sends bare ids: catalog A41).
     */
    private static Map<String, List<HostInfo>> byPool(List<HostInfo> hosts) {
        Map<String, List<HostInfo>> byPool = new HashMap<>();
        for (HostInfo host : hosts) {
            Object listed = host.raw().get("repolist");
            Collection<?> pools = listed instanceof Collection<?> c ? c : listed == null ? List.of() : List.of(listed);
            Set<String> ids = new LinkedHashSet<>();
            for (Object pool : pools) {
                if (pool instanceof Map<?, ?> m) {
                    m.values().stream().filter(Objects::nonNull).map(v -> String.valueOf(v).strip()).forEach(ids::add);
                } else if (pool != null) {
                    ids.add(String.valueOf(pool).strip());
                }
            }
            ids.forEach(id -> byPool.computeIfAbsent(id, k -> new ArrayList<>()).add(host));
        }
        return byPool;
    }

    private static HostTarget target(HostInfo host, PlacedVm vm, Map<String, Long> vmsPerHost) {
        long free = Math.max(0, host.memoryTotalBytes() - host.memoryUsedBytes());
        return new HostTarget(host.hostId(), host.name(), host.online(), host.cpu(), host.memoryTotalBytes(), free,
                vmsPerHost.getOrDefault(host.hostId(), 0L), vm.memoryMb() * MIB <= free, host.online());
    }
}
