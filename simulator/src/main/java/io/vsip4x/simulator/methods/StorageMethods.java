package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.inventory.StorageNode;
import io.vsip4x.simulator.lifecycle.Capacity;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code searchDistributedFS}: the nodes of the pools' distributed storage. */
public final class StorageMethods {

    private final Inventory inventory;
    private final PlatformState state;

    public StorageMethods(Inventory inventory, PlatformState state) {
        this.inventory = inventory;
        this.state = state;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("searchDistributedFS", this::searchDistributedFS, ArgType.MAP);
    }

    /**
     * The storage nodes of pool {@code repoName} (id or name; {@code repName} accepted) as
     * {@code data}, or of every pool when none is named (the catalog's default pool {@code vms}
     * does not exist here); 4020 with empty {@code data} for an unknown pool.
     */
    private Object searchDistributedFS(Call call) {
        String poolRef = new Params(call.map(0)).text("repoName", "repName");
        Optional<Pool> pool = inventory.pool(poolRef);
        if (poolRef != null && pool.isEmpty()) {
            return Answers.data(Answers.NO_POOL, List.of());
        }
        List<Vm> vms = state.vms();
        List<Map<String, Object>> rows = inventory.storageNodes().stream()
                .filter(node -> pool.isEmpty() || pool.get().id().equals(node.poolId()))
                .map(node -> row(node, vms))
                .toList();
        return Answers.data(Answers.OK, rows);
    }

    private Map<String, Object> row(StorageNode node, List<Vm> vms) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("glfshostinfo.id", node.id());
        row.put("glfshostinfo.ip", node.ipAddress());
        row.put("glfshostinfo.online", online(node));
        row.put("glfshostinfo.peertype", node.volume() ? "volumn" : "cluster");
        row.put("glfshostinfo.host", node.hostId() == null ? "" : node.hostId());
        row.put("glfshostinfo.local.total", node.totalBytes());
        row.put("glfshostinfo.local.free", free(node, vms));
        return row;
    }

    /** A cluster node always runs; a storage node runs while its host does. */
    private boolean online(StorageNode node) {
        return node.hostId() == null || inventory.host(node.hostId()).map(state::online).orElse(false);
    }

    /** A storage node's share of its pool's free storage, in proportion to its space. */
    private long free(StorageNode node, List<Vm> vms) {
        Optional<Pool> pool = inventory.pool(node.poolId());
        if (!node.volume() || pool.isEmpty() || pool.get().storageTotalBytes() == 0) {
            return node.totalBytes();
        }
        double share = (double) Capacity.storageLeft(pool.get(), vms, state) / pool.get().storageTotalBytes();
        return (long) (node.totalBytes() * share);
    }
}
