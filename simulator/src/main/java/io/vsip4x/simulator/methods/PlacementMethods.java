package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.lifecycle.VmPlacement;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrateVm} and {@code moveVm} (asynchronous) and {@code setVmAttributes}
 * (synchronous). A blank id is refused with 2003.
 */
public final class PlacementMethods {

    private static final Logger log = LoggerFactory.getLogger(PlacementMethods.class);

    private final VmPlacement placement;
    private final PlatformState state;
    private final Runnable onChange;

    /** @param onChange persists the state after {@code setVmAttributes} changed it */
    public PlacementMethods(VmPlacement placement, PlatformState state, Runnable onChange) {
        this.placement = placement;
        this.state = state;
        this.onChange = onChange;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register(VmPlacement.MIGRATE, this::migrateVm, ArgType.STRING, ArgType.STRING);
        registry.register(VmPlacement.MOVE, this::moveVm, ArgType.STRING, ArgType.STRING, ArgType.STRING);
        registry.register("setVmAttributes", this::setVmAttributes, ArgType.LIST, ArgType.STRING, ArgType.ANY);
    }

    private Object migrateVm(Call call) {
        String vmId = nonBlank(call.string(0), "vmId");
        String hostId = nonBlank(call.string(1), "hostId");
        return Answers.result(placement.migrate(vmId, hostId, call.callbackUrl()));
    }

    private Object moveVm(Call call) {
        String vmId = nonBlank(call.string(0), "vmId");
        String hostId = nonBlank(call.string(1), "hostId");
        String poolRef = nonBlank(call.string(2), "repoId");
        return Answers.result(placement.move(vmId, hostId, poolRef, call.callbackUrl()));
    }

    /**
     * Sets one attribute on every VM named, or on none: 2003 for an empty list, an unknown
     * attribute or a value it does not take, 2004 when a VM is unknown. VMs are named by name
     * (catalog A21), which is also their id here; an id is accepted too.
     */
    private Object setVmAttributes(Call call) {
        List<String> names = names(call.list(0));
        VmAttribute attribute = VmAttribute.of(call.string(1).trim());
        String code;
        synchronized (state) {
            code = setAll(names, attribute, call.value(2));
        }
        if (Answers.OK.equals(code)) {
            onChange.run();
        } else {
            log.info("Refused setVmAttributes of {} on {} with code {}", Logs.safe(attribute.key()), Logs.safe(names),
                    code);
        }
        return Answers.result(code);
    }

    private String setAll(List<String> names, VmAttribute attribute, Object raw) {
        List<Vm> vms = new ArrayList<>();
        for (String name : names) {
            Optional<Vm> vm = byName(name);
            if (vm.isEmpty()) {
                return Answers.NO_VM;
            }
            vms.add(vm.get());
        }
        List<Object> values = new ArrayList<>();
        for (Vm vm : vms) {
            values.add(attribute.value(raw, vm));
        }
        for (int i = 0; i < vms.size(); i++) {
            state.putVmAttribute(vms.get(i).vmId(), attribute.key(), values.get(i));
        }
        return Answers.OK;
    }

    private Optional<Vm> byName(String name) {
        return state.vms().stream().filter(vm -> name.equals(vm.vmName())).findFirst()
                .or(() -> state.vm(name));
    }

    private static List<String> names(List<?> raw) {
        if (raw.isEmpty() || raw.stream().anyMatch(name -> !(name instanceof String s) || s.isBlank())) {
            throw new InvalidParamsException("vmNames must be a non-empty list of non-blank strings");
        }
        return raw.stream().map(name -> ((String) name).trim()).toList();
    }

    private static String nonBlank(String value, String name) {
        if (value.isBlank()) {
            throw new InvalidParamsException(name + " must not be blank");
        }
        return value.trim();
    }
}
