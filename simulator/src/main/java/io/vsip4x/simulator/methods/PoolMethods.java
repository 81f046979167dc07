package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Network;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.lifecycle.Capacity;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** {@code searchRepository}, {@code searchHostList} and {@code getVirtualNetwork}. */
public final class PoolMethods {

    private final Inventory inventory;
    private final PlatformState state;

    public PoolMethods(Inventory inventory, PlatformState state) {
        this.inventory = inventory;
        this.state = state;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("searchRepository", this::searchRepository, ArgType.MAP);
        registry.register("searchHostList", this::searchHostList, ArgType.MAP);
        registry.register("getVirtualNetwork", this::getVirtualNetwork, ArgType.MAP);
    }

    /**
     * The pools that can run VMs whose name and description contain the filter's
     * {@code repository.name} and {@code repository.description}. A bare list.
     */
    private Object searchRepository(Call call) {
        Params p = new Params(call.map(0));
        String name = p.text("repository.name");
        String description = p.text("repository.description");
        List<Vm> vms = state.vms();
        return inventory.pools().stream()
                .filter(Pool::schedulable)
                .filter(pool -> name == null || pool.name().contains(name))
                .filter(pool -> description == null || pool.description().contains(description))
                .map(pool -> poolRow(pool, vms, state))
                .toList();
    }

    /** A pool's row; its free storage leaves out what VMs and data disks of {@code state} hold. */
    static Map<String, Object> poolRow(Pool pool, List<Vm> vms, PlatformState state) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("repositoryId", pool.id());
        row.put("repository.name", pool.name());
        row.put("repository.description", pool.description());
        row.put("repository.type", pool.type());
        row.put("repository.total", pool.storageTotalBytes());
        row.put("repository.free", Capacity.storageLeft(pool, vms, state));
        row.put("repository.ha", Boolean.toString(pool.ha()));
        row.put("repository.classification",
                state.poolClassification(pool.id()).orElse(pool.classification()));
        return row;
    }

    /**
     * The hosts matching every filter given: {@code hostId}, {@code hostIds}, {@code repoName}
     * (pool id or name) and {@code host.online}. A bare list; an unusable filter matches nothing.
     */
    private Object searchHostList(Call call) {
        Predicate<Host> filter;
        try {
            filter = hostFilter(new Params(call.map(0)));
        } catch (InvalidParamsException e) {
            return List.of();
        }
        List<Vm> vms = state.vms();
        return inventory.hosts().stream().map(state::live).filter(filter).map(host -> HostRows.row(host, vms)).toList();
    }

    private Predicate<Host> hostFilter(Params p) {
        Predicate<Host> filter = host -> true;
        String hostId = p.text("hostId");
        if (hostId != null) {
            filter = filter.and(host -> host.id().equals(hostId));
        }
        List<String> hostIds = p.strings("hostIds", true);
        if (hostIds != null) {
            filter = filter.and(host -> hostIds.contains(host.id()));
        }
        String poolRef = p.text("repoName", "repName");
        if (poolRef != null) {
            Optional<String> poolId = inventory.pool(poolRef).map(Pool::id);
            filter = filter.and(host -> poolId.isPresent() && poolId.get().equals(host.poolId()));
        }
        String online = p.text("host.online");
        if (online != null) {
            filter = filter.and(host -> Boolean.toString(host.online()).equalsIgnoreCase(online));
        }
        return filter;
    }

    /**
     * The virtual networks of pool {@code repoId} ({@code repold} accepted), or of all pools
     * when none is named; 4020 for an unknown pool.
     */
    private Object getVirtualNetwork(Call call) {
        String poolRef = new Params(call.map(0)).text("repoId", "repold");
        Optional<Pool> pool = inventory.pool(poolRef);
        if (poolRef != null && pool.isEmpty()) {
            return Answers.data(Answers.NO_POOL, List.of());
        }
        List<Map<String, Object>> rows = inventory.networks().stream()
                .filter(network -> pool.isEmpty() || network.availableIn(pool.get().id()))
                .map(PoolMethods::networkRow)
                .toList();
        return Answers.data(Answers.OK, rows);
    }

    private static Map<String, Object> networkRow(Network network) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("virtualNetworkId", network.id());
        row.put("virtualNetworkName", network.name());
        return row;
    }
}
