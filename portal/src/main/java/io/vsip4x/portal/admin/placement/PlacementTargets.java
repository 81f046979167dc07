package io.vsip4x.portal.admin.placement;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.vms.VmPlacements;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.VmSummary;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Where a VM may go, with each target's free capacity as the platform reports it now: the hosts
 * of its pool but its own for a migration, every other pool and its hosts for a move. Whether
 * the platform accepts a target is still checked when it is chosen ({@code vms.VmActions}). A pool
 * the VM may not go to ({@link VmPlacements#poolBar}: not granted to its tenant, above its owner's
 * clearance, below its level, too little storage free) is shown with the reason, not offered.
 */
@Component
class PlacementTargets {

    private static final long MIB = 1024L * 1024L;

    private final PlatformClient platform;
    private final VmPlacements placements;
    private final MessageSource messages;
    /** The per-pool VM reads, side by side and bounded. */
    private final ExecutorService perPool = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task, "placement-read");
        thread.setDaemon(true);
        return thread;
    });

    PlacementTargets(PlatformClient platform, VmPlacements placements, MessageSource messages) {
        this.platform = platform;
        this.placements = placements;
        this.messages = messages;
    }

    @PreDestroy
    void stop() {
        perPool.shutdownNow();
    }

    /**
     * A host as a target.
     *
     * @param freeMemoryBytes its memory not held by VMs (total − used)
     * @param vmCount         the VMs on it
     * @param vmCpus          the vCPUs allocated to the VMs counted on it
     * @param fits            whether the VM's memory fits its free memory
     * @param selectable      whether it can be chosen: online (a host offline is shown, not offered) and,
     *                        for a move, in a pool that may hold the VM
     */
    public record HostTarget(String hostId, String name, boolean online, int cpuCores, long memoryTotalBytes,
            long freeMemoryBytes, long vmCount, long vmCpus, boolean fits, boolean selectable) {

        public long freeMemoryMb() {
            return freeMemoryBytes / MIB;
        }

        public long memoryTotalMb() {
            return memoryTotalBytes / MIB;
        }
    }

    /**
     * A pool as the target of a move, with its storage and its hosts.
     *
     * @param selectable whether the VM may go there
     * @param reason     why not, in the reader's language, or {@code null}
     */
    public record PoolTarget(String repoId, String name, long freeBytes, long totalBytes, int classification,
            boolean selectable, String reason, List<HostTarget> hosts) {

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
     * Reads the targets of {@code vm} from the platform: the pools, every host with the pools it
     * belongs to ({@code repolist}), and the VMs of each pool shown (side by side), not every VM
     * of the platform nor one host read per pool.
     *
     * @throws Vsip4xException when the platform cannot be asked
     */
    Targets of(PlacedVm vm) {
        List<HostInfo> allHosts = platform.read(c -> c.searchHostList(Map.of()));
        List<PoolInfo> pools = platform.read(c -> c.searchRepository(Map.of()));
        Map<String, List<HostInfo>> byPool = byPool(allHosts);
        // A platform whose hosts do not say their pools is asked pool by pool instead.
        Function<String, List<HostInfo>> hostsOf = byPool.isEmpty() && !allHosts.isEmpty()
                ? pool -> platform.read(c -> c.searchHostList(Map.of("repoName", pool)))
                : pool -> byPool.getOrDefault(pool, List.of());
        Map<String, Load> vmsPerHost = vmsPerHost(pools.stream().map(PoolInfo::repositoryId).toList());
        List<HostTarget> migration = hostsOf.apply(vm.repoId()).stream()
                .filter(h -> !h.hostId().equals(vm.hostId())).map(h -> target(h, vm, vmsPerHost, true)).toList();
        VmPlacements.Placed placed = new VmPlacements.Placed(vm.tenantId(), vm.ownerId(), vm.classification(),
                vm.diskGb());
        List<PoolTarget> move = pools.stream().filter(p -> !p.repositoryId().equals(vm.repoId()))
                .map(p -> {
                    Optional<String> bar = placements.poolBar(placed, p.repositoryId(), p.freeBytes());
                    String reason = bar.map(key -> messages.getMessage(key, new Object[] {vm.name(),
                            messages.getMessage("vm.op.passive.move", null, LocaleContextHolder.getLocale())},
                            LocaleContextHolder.getLocale())).orElse(null);
                    return new PoolTarget(p.repositoryId(), p.name(), p.freeBytes(), p.totalBytes(),
                            p.classification(), bar.isEmpty(), reason, hostsOf.apply(p.repositoryId()).stream()
                                    .map(h -> target(h, vm, vmsPerHost, bar.isEmpty())).toList());
                })
                .toList();
        return new Targets(vm, migration, move);
    }

    /**
     * The VMs on each host of {@code pools}, read pool by pool ({@code searchVmList} by
     * {@code repoName}) side by side; a VM listed in two pools counts once.
     */
    private Map<String, Load> vmsPerHost(List<String> pools) {
        List<CompletableFuture<List<VmSummary>>> reads = pools.stream()
                .map(pool -> CompletableFuture.supplyAsync(
                        () -> platform.read(c -> c.searchVmList(Map.of("repoName", pool))), perPool))
                .toList();
        Map<String, VmSummary> byId = new HashMap<>();
        try {
            reads.stream().map(CompletableFuture::join).flatMap(List::stream)
                    .filter(v -> v.hostId() != null && v.vmId() != null)
                    .forEach(v -> byId.put(v.vmId(), v));
        } catch (CompletionException e) {
            if (e.getCause() instanceof Vsip4xException failed) {
                throw failed;
            }
            throw e;
        }
        Map<String, Load> loads = new HashMap<>();
        byId.values().forEach(v -> loads.merge(v.hostId(), new Load(1, Math.max(0, v.cpu())), Load::plus));
        return loads;
    }

    /** The VMs counted on a host and their vCPUs. */
    private record Load(long count, long cpus) {

        Load plus(Load other) {
            return new Load(count + other.count, cpus + other.cpus);
        }
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

    private static HostTarget target(HostInfo host, PlacedVm vm, Map<String, Load> vmsPerHost, boolean poolOpen) {
        long free = Math.max(0, host.memoryTotalBytes() - host.memoryUsedBytes());
        Load load = vmsPerHost.getOrDefault(host.hostId(), new Load(0, 0));
        return new HostTarget(host.hostId(), host.name(), host.online(), host.cpu(), host.memoryTotalBytes(), free,
                load.count(), load.cpus(), vm.memoryMb() * MIB <= free,
                host.online() && poolOpen);
    }
}
