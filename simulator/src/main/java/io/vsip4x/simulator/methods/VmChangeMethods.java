package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.lifecycle.Resize;
import io.vsip4x.simulator.lifecycle.VmChanges;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code deleteVm}, {@code deleteVmBatch} (asynchronous), {@code modifyVm} (queued) and {@code getModifyRemainder}. */
public final class VmChangeMethods {

    private static final Logger log = LoggerFactory.getLogger(VmChangeMethods.class);
    private static final String NO_ROOM = "2002";

    private final VmChanges changes;

    public VmChangeMethods(VmChanges changes) {
        this.changes = changes;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register(VmChanges.DELETE, this::deleteVm, ArgType.STRING, ArgType.BOOLEAN);
        registry.register(VmChanges.DELETE_BATCH, this::deleteVmBatch, ArgType.LIST, ArgType.BOOLEAN);
        registry.register(VmChanges.MODIFY, this::modifyVm, ArgType.MAP);
        registry.register("getModifyRemainder", this::getModifyRemainder, ArgType.MAP);
    }

    private Object deleteVm(Call call) {
        List<String> ids = List.of(call.string(0).trim());
        return Answers.result(changes.delete(VmChanges.DELETE, ids, call.flag(1), call.callbackUrl()));
    }

    /** Deletes all the VMs or none; an id that is not a non-blank string is refused with 2003. */
    private Object deleteVmBatch(Call call) {
        List<?> raw = call.list(0);
        if (raw.stream().anyMatch(id -> !(id instanceof String s) || s.isBlank())) {
            throw new InvalidParamsException("vmIds must be a list of non-blank strings");
        }
        List<String> ids = raw.stream().map(id -> ((String) id).trim()).toList();
        return Answers.result(changes.delete(VmChanges.DELETE_BATCH, ids, call.flag(1), call.callbackUrl()));
    }

    /** Accepts the change, or refuses it with 2003 (parameters) or the code of {@link VmChanges#modify}. */
    private Object modifyVm(Call call) {
        Resize resize = resize(new Params(call.map(0)));
        return Answers.result(changes.modify(resize, call.callbackUrl()));
    }

    /**
     * Whether the VM's host and pool have room for the change ({@code rs} 1), whatever the VM
     * is doing; {@code repName} and {@code vmHA} are read by the spec but change nothing here,
     * as a resize stays on the VM's host.
     */
    private Object getModifyRemainder(Call call) {
        Resize resize;
        try {
            resize = resize(new Params(call.map(0)));
        } catch (InvalidParamsException e) {
            log.info("Refused getModifyRemainder with invalid parameters: {}", Logs.safe(e.getMessage()));
            return remainder(Answers.INVALID, false);
        }
        String refused = changes.roomRefusal(resize);
        if (refused == null || NO_ROOM.equals(refused)) {
            return remainder(Answers.OK, refused == null);
        }
        return remainder(refused, false);
    }

    private static Map<String, Object> remainder(String code, boolean satisfied) {
        Map<String, Object> answer = Answers.result(code);
        answer.put("rs", satisfied ? "1" : "0");
        return answer;
    }

    /**
     * The change asked for: {@code vmId} and at least one of {@code vmCPUNum} (1 to 16),
     * {@code vmMemSize} (a multiple of 512 MiB up to 32 GiB) and {@code vmDiskSize} (a multiple
     * of 1 GiB up to 2 TiB). {@code vmTotalNum}, copied from createVm by the spec, must be 1
     * when given; adding NICs ({@code vmNicNum} above 0) is not simulated.
     *
     * @throws InvalidParamsException when a value breaks its constraint
     */
    static Resize resize(Params p) {
        String vmId = p.text("vmId");
        if (vmId == null) {
            throw new InvalidParamsException("vmId is required");
        }
        if (p.number("vmTotalNum", 1) != 1) {
            throw new InvalidParamsException("vmTotalNum must be 1 for modifyVm");
        }
        if (p.number("vmNicNum", 0) != 0) {
            throw new InvalidParamsException("Adding NICs with modifyVm is not simulated");
        }
        Long cpu = size(p, "vmCPUNum", 1, CreateVmParser.MAX_CPU);
        Long memory = size(p, "vmMemSize", CreateVmParser.MEMORY_STEP, CreateVmParser.MAX_MEMORY);
        Long disk = size(p, "vmDiskSize", CreateVmParser.DISK_STEP, CreateVmParser.MAX_DISK);
        if (cpu == null && memory == null && disk == null) {
            throw new InvalidParamsException("modifyVm needs vmCPUNum, vmMemSize or vmDiskSize");
        }
        return new Resize(vmId, cpu == null ? null : cpu.intValue(), memory, disk);
    }

    /** The value of {@code key}: a positive multiple of {@code step} up to {@code max}, or {@code null}. */
    private static Long size(Params p, String key, long step, long max) {
        if (p.text(key) == null) {
            return null;
        }
        long value = p.number(key);
        if (value <= 0 || value % step != 0 || value > max) {
            throw new InvalidParamsException(key + " must be a positive multiple of " + step + " up to " + max);
        }
        return value;
    }
}
