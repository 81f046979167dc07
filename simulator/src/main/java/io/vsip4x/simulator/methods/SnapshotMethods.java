package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.lifecycle.VmSnapshots;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.VmSnapshot;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code createSnap}, {@code deleteSnap}, {@code restoreSnap} (asynchronous, see
 * {@link VmSnapshots}) and {@code getVmSnaps}, which answers the spec's bare list with upper-case
 * keys {@code SNAPID}, {@code CREATETIME} ({@code yyyy-MM-dd HH:mm:ss}, UTC: the spec gives no
 * format) and {@code VMID} (catalog A26). A blank id is refused with 2003.
 */
public final class SnapshotMethods {

    private static final DateTimeFormatter CREATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final VmSnapshots snapshots;
    private final PlatformState state;

    public SnapshotMethods(VmSnapshots snapshots, PlatformState state) {
        this.snapshots = snapshots;
        this.state = state;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register(VmSnapshots.CREATE, this::createSnap, ArgType.STRING);
        registry.register(VmSnapshots.DELETE, this::deleteSnap, ArgType.STRING, ArgType.STRING);
        registry.register(VmSnapshots.RESTORE, this::restoreSnap, ArgType.STRING, ArgType.STRING);
        registry.register("getVmSnaps", this::getVmSnaps, ArgType.STRING);
    }

    private Object createSnap(Call call) {
        return Answers.result(snapshots.create(id(call, 0, "vmId"), call.callbackUrl()));
    }

    private Object deleteSnap(Call call) {
        String vmId = id(call, 0, "vmId");
        return Answers.result(snapshots.delete(vmId, id(call, 1, "snapId"), call.callbackUrl()));
    }

    private Object restoreSnap(Call call) {
        String vmId = id(call, 0, "vmId");
        return Answers.result(snapshots.restore(vmId, id(call, 1, "snapId"), call.callbackUrl()));
    }

    /** The VM's snapshots, oldest first; a result map with 2004 for an unknown VM (catalog A17). */
    private Object getVmSnaps(Call call) {
        String vmId = id(call, 0, "vmId");
        if (state.vm(vmId).isEmpty()) {
            return Answers.result(Answers.NO_VM);
        }
        List<Map<String, Object>> rows = state.vmSnapshots(vmId).stream().map(SnapshotMethods::row).toList();
        return rows;
    }

    private static Map<String, Object> row(VmSnapshot snap) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("SNAPID", snap.snapId());
        row.put("CREATETIME", CREATE_TIME.format(snap.createdAt()));
        row.put("VMID", snap.vmId());
        return row;
    }

    /** Argument {@code index}, trimmed; 2003 when blank. */
    private static String id(Call call, int index, String name) {
        String id = call.string(index).trim();
        if (id.isEmpty()) {
            throw new InvalidParamsException(name + " is required");
        }
        return id;
    }
}
