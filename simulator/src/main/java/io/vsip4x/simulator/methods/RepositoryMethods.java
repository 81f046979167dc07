package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.methods.MonitorFigures.Figures;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code getSystemInfo}, {@code getRepositoryInfo}, {@code getRepositoryMonitor} and
 * {@code searchRepoHosts}. The pool methods take the pool's name, as the spec says, or its id
 * (catalog A05); they have no result code (catalog A17), so an unknown pool answers an empty map,
 * or for {@code searchRepoHosts} an empty {@code hostIds}.
 */
public final class RepositoryMethods {

    /** The version {@code getSystemInfo} reports. */
    static final String VERSION = "VSIP4X 4.2.0 (simulator)";
    /** The licence expiry {@code getSystemInfo} reports unless a test set another one. */
    static final String EXPIRY = "2030-12-31";

    private final Inventory inventory;
    private final PlatformState state;
    private final Clock clock;
    private final VmRows vmRows;

    public RepositoryMethods(Inventory inventory, PlatformState state, Clock clock) {
        this.inventory = inventory;
        this.state = state;
        this.clock = clock;
        this.vmRows = new VmRows(inventory, state);
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("getSystemInfo", this::getSystemInfo);
        registry.register("getRepositoryInfo", this::getRepositoryInfo, ArgType.STRING);
        registry.register("getRepositoryMonitor", this::getRepositoryMonitor, ArgType.STRING);
        registry.register("searchRepoHosts", this::searchRepoHosts, ArgType.STRING);
    }

    private Object getSystemInfo(Call call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("expireddate", state.licenceExpiry().map(LocalDate::toString).orElse(EXPIRY));
        data.put("version", VERSION);
        Map<String, Object> answer = Answers.result(Answers.OK);
        answer.put("data", data);
        return answer;
    }

    /** The pool in {@code searchRepository}'s keys, its id as {@code repository.id}. */
    private Object getRepositoryInfo(Call call) {
        return pool(call).map(pool -> infoRow(pool, state.vms())).orElseGet(Map::of);
    }

    private Map<String, Object> infoRow(Pool pool, List<Vm> vms) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("repository.id", pool.id());
        PoolMethods.poolRow(pool, vms, state).forEach((key, value) -> {
            if (!"repositoryId".equals(key)) {
                row.put(key, value);
            }
        });
        return row;
    }

    /**
     * The pool, its VMs and hosts, and their statistics under the spec's keys
     * {@code vmstatiscs} and {@code hoststatiscs}. Loads are whole percentages averaged over the
     * running VMs and the online hosts (0 when none).
     */
    private Object getRepositoryMonitor(Call call) {
        Optional<Pool> found = pool(call);
        if (found.isEmpty()) {
            return Map.of();
        }
        Pool pool = found.get();
        List<Vm> all = state.vms();
        List<Vm> vms = all.stream().filter(vm -> pool.id().equals(vm.poolId())).toList();
        List<Host> hosts = inventory.hostsOf(pool.id()).stream().map(state::live).toList();
        Instant now = clock.instant();

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("repository", infoRow(pool, all));
        answer.put("vm", vms.stream().map(vmRows::row).toList());
        answer.put("host", hosts.stream().map(host -> HostRows.row(host, all)).toList());
        answer.put("vmstatiscs", vmStats(vms, now));
        answer.put("hoststatiscs", hostStats(hosts, all, now));
        return answer;
    }

    private static Map<String, Object> vmStats(List<Vm> vms, Instant now) {
        List<Figures> running = vms.stream().filter(vm -> vm.status() == 1)
                .map(vm -> MonitorFigures.vm(vm, now)).toList();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("vm.cpu", vms.stream().mapToLong(Vm::cpu).sum());
        stats.put("vm.memory", vms.stream().mapToLong(Vm::memoryBytes).sum());
        stats.put("vm.count", (long) vms.size());
        stats.put("vm.run.count", (long) running.size());
        stats.put("vm.cpu.load", cpuLoad(running));
        stats.put("vm.mem.load", memLoad(running));
        return stats;
    }

    private static Map<String, Object> hostStats(List<Host> hosts, List<Vm> vms, Instant now) {
        List<Figures> online = hosts.stream().filter(Host::online)
                .map(host -> MonitorFigures.host(host, vms, now)).toList();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("host.cpu", hosts.stream().mapToLong(Host::cpuCores).sum());
        stats.put("host.memory", hosts.stream().mapToLong(Host::memoryTotalBytes).sum());
        stats.put("host.count", (long) hosts.size());
        stats.put("host.run.count", (long) online.size());
        stats.put("host.cpu.load", cpuLoad(online));
        stats.put("host.mem.load", memLoad(online));
        return stats;
    }

    private static long cpuLoad(List<Figures> figures) {
        return Math.round(figures.stream().mapToDouble(Figures::cpuUsedPercent).average().orElse(0));
    }

    private static long memLoad(List<Figures> figures) {
        return Math.round(figures.stream()
                .mapToDouble(f -> 100.0 * f.memUsedBytes() / f.memTotalBytes()).average().orElse(0));
    }

    /** The ids of the pool's hosts, in inventory order. */
    private Object searchRepoHosts(Call call) {
        List<String> ids = pool(call).map(pool -> inventory.hostsOf(pool.id()).stream().map(Host::id).toList())
                .orElseGet(List::of);
        return Map.of("hostIds", ids);
    }

    private Optional<Pool> pool(Call call) {
        return inventory.pool(call.string(0).trim());
    }
}
