package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Room for VMs. Every VM, whatever its status, holds its vCPUs and memory on its host and its
 * disk on its pool's storage, as data disks hold their size there; a host gives all its cores
 * and memory to VMs, with no overcommit and no reserve for itself. Offline hosts take no VMs: a
 * host's power state is read from the platform state, where {@code startHost} and {@code shutdownHost} change it.
 */
public final class Capacity {

    private final Inventory inventory;
    private final PlatformState state;

    public Capacity(Inventory inventory, PlatformState state) {
        this.inventory = inventory;
        this.state = state;
    }

    /** vCPUs held on host {@code hostId} by {@code vms}. */
    public static int cpuUsed(String hostId, Collection<Vm> vms) {
        return vms.stream().filter(vm -> hostId.equals(vm.hostId())).mapToInt(Vm::cpu).sum();
    }

    /** Memory held on host {@code hostId} by {@code vms}, in bytes. */
    public static long memoryUsed(String hostId, Collection<Vm> vms) {
        return vms.stream().filter(vm -> hostId.equals(vm.hostId())).mapToLong(Vm::memoryBytes).sum();
    }

    /** Storage of {@code pool} not held by the disks of {@code vms}, in bytes; never negative. */
    public static long storageFree(Pool pool, Collection<Vm> vms) {
        long used = vms.stream().filter(vm -> pool.id().equals(vm.poolId())).mapToLong(Vm::diskBytes).sum();
        return Math.max(0, pool.storageTotalBytes() - used);
    }

    /**
     * Storage of {@code pool} held neither by the disks of {@code vms} nor by data disks nor by
     * backups, in bytes; never negative.
     */
    public static long storageLeft(Pool pool, Collection<Vm> vms, PlatformState state) {
        return Math.max(0, storageFree(pool, vms) - state.dataDiskBytes(pool.id()) - state.backupBytes(pool.id()));
    }

    /** How many VMs of {@code shape} still fit in {@code pool} beside {@code vms}. */
    public long available(Pool pool, Shape shape, Collection<Vm> vms) {
        if (!pool.schedulable()) {
            return 0;
        }
        long onHosts = inventory.hostsOf(pool.id()).stream().map(state::live)
                .mapToLong(h -> fits(h, shape, cpuUsed(h.id(), vms), memoryUsed(h.id(), vms)))
                .sum();
        return Math.min(onHosts, storageFits(pool, shape, vms));
    }

    /**
     * Hosts for {@code count} new VMs of {@code shape} in {@code pool}, one per VM, each on the
     * host with the most room left (or all on {@code hostId} when given); empty when they do
     * not all fit.
     */
    public Optional<List<Host>> place(Pool pool, Shape shape, int count, String hostId, Collection<Vm> vms) {
        if (!pool.schedulable() || storageFits(pool, shape, vms) < count) {
            return Optional.empty();
        }
        List<Host> candidates = inventory.hostsOf(pool.id()).stream().map(state::live)
                .filter(h -> hostId == null || h.id().equals(hostId))
                .toList();
        Map<String, Integer> cpu = new HashMap<>();
        Map<String, Long> memory = new HashMap<>();
        candidates.forEach(h -> cpu.put(h.id(), cpuUsed(h.id(), vms)));
        candidates.forEach(h -> memory.put(h.id(), memoryUsed(h.id(), vms)));

        List<Host> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<Host> best = candidates.stream()
                    .filter(h -> fits(h, shape, cpu.get(h.id()), memory.get(h.id())) > 0)
                    .max(Comparator.comparingLong(h -> fits(h, shape, cpu.get(h.id()), memory.get(h.id()))));
            if (best.isEmpty()) {
                return Optional.empty();
            }
            Host host = best.get();
            cpu.merge(host.id(), shape.cpu(), Integer::sum);
            memory.merge(host.id(), shape.memoryBytes(), Long::sum);
            placed.add(host);
        }
        return Optional.of(placed);
    }

    /**
     * Whether {@code vm} can take {@code shape} where it is: its host has the vCPUs and memory
     * and its pool the storage, beside the other {@code vms} (its own current size not counted).
     */
    public boolean resizes(Vm vm, Shape shape, Collection<Vm> vms) {
        List<Vm> others = vms.stream().filter(v -> !v.vmId().equals(vm.vmId())).toList();
        Optional<Host> host = inventory.host(vm.hostId()).map(state::live);
        Optional<Pool> pool = inventory.pool(vm.poolId());
        if (host.isEmpty() || pool.isEmpty()) {
            return false;
        }
        boolean onHost = fits(host.get(), shape, cpuUsed(vm.hostId(), others), memoryUsed(vm.hostId(), others)) > 0;
        return onHost && storageLeft(pool.get(), others, state) >= shape.diskBytes();
    }

    private static long fits(Host host, Shape shape, int cpuUsed, long memoryUsed) {
        if (!host.online()) {
            return 0;
        }
        long byCpu = Math.max(0, host.cpuCores() - cpuUsed) / shape.cpu();
        long byMemory = Math.max(0, host.memoryTotalBytes() - memoryUsed) / shape.memoryBytes();
        return Math.min(byCpu, byMemory);
    }

    private long storageFits(Pool pool, Shape shape, Collection<Vm> vms) {
        return shape.diskBytes() == 0 ? Long.MAX_VALUE : storageLeft(pool, vms, state) / shape.diskBytes();
    }
}
