package io.vsip4x.portal.admin.placement;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.VmSummary;
import java.util.List;
import java.util.Map;
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
     * Reads the targets of {@code vm} from the platform.
     *
     * @throws io.vsip4x.sdk.Vsip4xException when the platform cannot be asked
     */
    Targets of(PlacedVm vm) {
        Map<String, Long> vmsPerHost = platform.read(c -> c.searchVmList(Map.of())).stream()
                .filter(v -> v.hostId() != null)
                .collect(Collectors.groupingBy(VmSummary::hostId, Collectors.counting()));
        Function<HostInfo, HostTarget> target = h -> target(h, vm, vmsPerHost);
        List<HostTarget> migration = hosts(vm.repoId()).stream()
                .filter(h -> !h.hostId().equals(vm.hostId())).map(target).toList();
        List<PoolInfo> pools = platform.read(c -> c.searchRepository(Map.of()));
        List<PoolTarget> move = pools.stream().filter(p -> !p.repositoryId().equals(vm.repoId()))
                .map(p -> new PoolTarget(p.repositoryId(), p.name(), p.freeBytes(), p.totalBytes(),
                        p.classification(), hosts(p.repositoryId()).stream().map(target).toList()))
                .toList();
        return new Targets(vm, migration, move);
    }

    private List<HostInfo> hosts(String pool) {
        return platform.read(c -> c.searchHostList(Map.of("repoName", pool)));
    }

    private static HostTarget target(HostInfo host, PlacedVm vm, Map<String, Long> vmsPerHost) {
        long free = Math.max(0, host.memoryTotalBytes() - host.memoryUsedBytes());
        return new HostTarget(host.hostId(), host.name(), host.online(), host.cpu(), host.memoryTotalBytes(), free,
                vmsPerHost.getOrDefault(host.hostId(), 0L), vm.memoryMb() * MIB <= free, host.online());
    }
}
