package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.http.RefusalException;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.lifecycle.Capacity;
import io.vsip4x.simulator.state.DataDisk;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-disk methods. A data disk takes a whole number of GiB of its pool's free storage and
 * is named by its name (catalog A34); it can be mounted on one stopped or running VM of its pool
 * at a time, extended by an increment (catalog A35) and deleted once unmounted. With no
 * {@code parentPath} a disk goes to the first pool, whose free storage
 * {@code checkDataDiskSpace} reports (catalog A36).
 */
public final class DataDiskMethods {

    private static final long GIB = 1L << 30;
    private static final String NO_ROOM = "2002";
    private static final String WRONG_STATE = "2052";
    private static final String DISK_EXISTS = "2054";
    private static final String NO_DISK = "2055";

    private final Inventory inventory;
    private final PlatformState state;
    private final Runnable onChange;

    /** @param onChange called after every change, outside the state's monitor, to persist it */
    public DataDiskMethods(Inventory inventory, PlatformState state, Runnable onChange) {
        this.inventory = inventory;
        this.state = state;
        this.onChange = onChange;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("getDataDisks", this::getDataDisks, ArgType.MAP);
        registry.register("createDataDisk", this::createDataDisk, ArgType.MAP);
        registry.register("checkDataDiskSpace", this::checkDataDiskSpace);
        registry.register("mountDataDisk", this::mountDataDisk, ArgType.STRING, ArgType.STRING);
        registry.register("umountDataDisk", this::umountDataDisk, ArgType.STRING, ArgType.STRING);
        registry.register("extendDataDisk", this::extendDataDisk, ArgType.STRING, ArgType.STRING);
        registry.register("deleteDataDisk", this::deleteDataDisk, ArgType.STRING);
    }

    /**
     * The data disks named in {@code diskIdList}, or all of them, as {@code data}; none when
     * {@code template} is {@code true}, as the simulator has no data-disk templates.
     */
    private Object getDataDisks(Call call) {
        Params p = new Params(call.map(0));
        List<String> names = p.strings("diskIdList", true);
        if (p.flag("template")) {
            return Answers.data(Answers.OK, List.of());
        }
        List<Map<String, Object>> rows = state.dataDisks().stream()
                .filter(disk -> names == null || names.contains(disk.name()))
                .map(this::row)
                .toList();
        return Answers.data(Answers.OK, rows);
    }

    /**
     * Creates disk {@code diskId} of {@code diskSize} bytes for {@code userName} in pool
     * {@code parentPath} (id or name) or the first pool: 2003 for a missing value or a size not a
     * positive whole number of GiB, 4020 for an unknown pool, 2054 for a name taken, 2002 when
     * the pool's free storage is too small.
     */
    private Object createDataDisk(Call call) {
        Params p = new Params(call.map(0));
        String name = required(p, "diskId");
        String userName = required(p, "userName");
        long size = gibibytes(p.text("diskSize"), "diskSize");
        Pool pool = pool(p.text("parentPath"));
        synchronized (state) {
            if (state.dataDisk(name).isPresent()) {
                throw new RefusalException(DISK_EXISTS, "Data disk '" + name + "' exists already");
            }
            requireRoom(pool, size);
            state.put(new DataDisk(name, pool.id(), size, userName, p.text("templateId"), null));
        }
        return changed();
    }

    /** The free storage of the first pool, in bytes, as {@code data}. */
    private Object checkDataDiskSpace(Call call) {
        Map<String, Object> answer = Answers.result(Answers.OK);
        answer.put("data", free(pool(null)));
        return answer;
    }

    /**
     * Mounts disk {@code diskId} on VM {@code vmId}: 2004 for an unknown VM, 2055 for an
     * unknown disk, 2003 when they are in different pools, 2054 when the disk is mounted
     * already, 2052 unless the VM is stopped or running with no operation in flight.
     */
    private Object mountDataDisk(Call call) {
        synchronized (state) {
            Vm vm = vm(call.string(0));
            DataDisk disk = disk(call.string(1));
            if (!vm.poolId().equals(disk.poolId())) {
                throw new InvalidParamsException("Data disk '" + disk.name() + "' is in another pool than the VM");
            }
            if (mountedOn(disk) != null) {
                throw new RefusalException(DISK_EXISTS, "Data disk '" + disk.name() + "' is mounted already");
            }
            requireSettled(vm);
            state.put(disk.withVm(vm.vmId()));
        }
        return changed();
    }

    /**
     * Unmounts disk {@code diskId} from VM {@code vmId}: 2004 for an unknown VM, 2055 for an
     * unknown disk or one not mounted on that VM, 2052 unless the VM is stopped or running with
     * no operation in flight.
     */
    private Object umountDataDisk(Call call) {
        synchronized (state) {
            Vm vm = vm(call.string(0));
            DataDisk disk = disk(call.string(1));
            if (!vm.vmId().equals(mountedOn(disk))) {
                throw new RefusalException(NO_DISK, "Data disk '" + disk.name() + "' is not mounted on the VM");
            }
            requireSettled(vm);
            state.put(disk.withVm(null));
        }
        return changed();
    }

    /**
     * Grows disk {@code diskId} by {@code size} bytes: 2055 for an unknown disk, 2003 for a size
     * not a positive whole number of GiB, 2002 when its pool's free storage is too small.
     */
    private Object extendDataDisk(Call call) {
        long increment = gibibytes(call.string(1), "size");
        synchronized (state) {
            DataDisk disk = disk(call.string(0));
            requireRoom(inventory.pool(disk.poolId()).orElseThrow(), increment);
            state.put(disk.withSize(disk.sizeBytes() + increment));
        }
        return changed();
    }

    /** Deletes disk {@code diskId}: 2055 for an unknown disk, 2052 while it is mounted. */
    private Object deleteDataDisk(Call call) {
        synchronized (state) {
            DataDisk disk = disk(call.string(0));
            if (mountedOn(disk) != null) {
                throw new RefusalException(WRONG_STATE, "Data disk '" + disk.name() + "' is mounted");
            }
            state.removeDataDisk(disk.name());
        }
        return changed();
    }

    private Map<String, Object> changed() {
        onChange.run();
        return Answers.result(Answers.OK);
    }

    private Map<String, Object> row(DataDisk disk) {
        Map<String, Object> row = new LinkedHashMap<>();
        String vmId = mountedOn(disk);
        row.put("vdisk.device", "disk");
        row.put("vdisk.location", "/" + disk.poolId() + "/datadisk/" + disk.name());
        row.put("vdisk.name", disk.name());
        row.put("vdisk.template", disk.templateId() == null ? "" : disk.templateId());
        row.put("vdisk.size", disk.sizeBytes());
        row.put("vdisk.vm", vmId == null ? "" : vmId);
        row.put("vdisk.username", disk.userName());
        return row;
    }

    /** The VM {@code disk} is mounted on, or {@code null}; a deleted VM leaves it unmounted. */
    private String mountedOn(DataDisk disk) {
        return disk.vmId() != null && state.vm(disk.vmId()).isPresent() ? disk.vmId() : null;
    }

    private long free(Pool pool) {
        return Capacity.storageLeft(pool, state.vms(), state);
    }

    private void requireRoom(Pool pool, long bytes) {
        if (state.capacityExhausted(pool.id()) || free(pool) < bytes) {
            throw new RefusalException(NO_ROOM, "Pool '" + pool.id() + "' has no room for " + bytes + " bytes");
        }
    }

    private static void requireSettled(Vm vm) {
        if (vm.busy() || (vm.status() != 0 && vm.status() != 1)) {
            throw new RefusalException(WRONG_STATE, "VM '" + vm.vmId() + "' is busy or neither stopped nor running");
        }
    }

    private Pool pool(String ref) {
        if (ref == null) {
            return inventory.pools().stream().findFirst()
                    .orElseThrow(() -> new RefusalException(Answers.NO_POOL, "There is no pool"));
        }
        return inventory.pool(ref)
                .orElseThrow(() -> new RefusalException(Answers.NO_POOL, "Pool '" + ref + "' does not exist"));
    }

    private Vm vm(String vmId) {
        return state.vm(vmId)
                .orElseThrow(() -> new RefusalException(Answers.NO_VM, "VM '" + vmId + "' does not exist"));
    }

    private DataDisk disk(String name) {
        return state.dataDisk(name)
                .orElseThrow(() -> new RefusalException(NO_DISK, "Data disk '" + name + "' does not exist"));
    }

    private static String required(Params p, String key) {
        String value = p.text(key);
        if (value == null) {
            throw new InvalidParamsException(key + " is required");
        }
        return value;
    }

    /** {@code text} as a positive whole number of GiB in bytes. */
    private static long gibibytes(String text, String key) {
        long bytes;
        try {
            bytes = Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParamsException(key + " must be a whole number of bytes, not '" + text + "'");
        }
        if (bytes <= 0 || bytes % GIB != 0) {
            throw new InvalidParamsException(key + " must be a positive whole number of GiB, not " + bytes);
        }
        return bytes;
    }
}
