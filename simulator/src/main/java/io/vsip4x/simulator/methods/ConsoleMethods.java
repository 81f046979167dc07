package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.http.RefusalException;
import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console methods: {@code getRemoteControlInfo} (also served as {@code getRemoteControllInfo},
 * catalog A01), {@code setRemoteViewType} and {@code getRemoteViewType}. A running or paused VM
 * has a console on its host's address: port 5900 plus its place among the VMs of its host, a TLS
 * port (1000 above) and the spec's certificate subject when its disk is encrypted, and its
 * {@code vncPassword} as {@code fastrappw}. A stopped VM has no console port (2047). The
 * remote-view type goes through unchanged (catalog A38) and stays with the VM; it is
 * {@value #DEFAULT_VIEW_TYPE} until set.
 */
public final class ConsoleMethods {

    /** The remote-view type of a VM for which none was set. */
    public static final String DEFAULT_VIEW_TYPE = "vnc";

    private static final String NO_PORT = "2047";
    private static final int MAX_TYPE_LENGTH = 32;

    private final Inventory inventory;
    private final PlatformState state;
    private final Runnable onChange;

    /** @param onChange called after every change, outside the state's monitor, to persist it */
    public ConsoleMethods(Inventory inventory, PlatformState state, Runnable onChange) {
        this.inventory = inventory;
        this.state = state;
        this.onChange = onChange;
    }

    /** Serves this group's methods through {@code registry}; the alias is the registry's. */
    public void registerIn(MethodRegistry registry) {
        registry.register("getRemoteControlInfo", this::getRemoteControlInfo, ArgType.STRING);
        registry.register("setRemoteViewType", this::setRemoteViewType, ArgType.STRING, ArgType.STRING);
        registry.register("getRemoteViewType", this::getRemoteViewType, ArgType.STRING);
    }

    /**
     * The console of a running or paused VM in the spec's keys, with no {@code result} as the spec
     * lists none: 2004 for an unknown VM, 2047 for one with no console.
     */
    private Object getRemoteControlInfo(Call call) {
        synchronized (state) {
            Vm vm = GuestAccess.vm(state, call.string(0));
            if (!ConsolePorts.hasConsole(vm)) {
                throw new RefusalException(NO_PORT, "VM '" + vm.vmId() + "' has no console port in status "
                        + vm.status());
            }
            Host host = inventory.host(vm.hostId())
                    .orElseThrow(() -> new RefusalException(NO_PORT, "VM '" + vm.vmId() + "' has no known host"));
            int place = ConsolePorts.place(state, vm);
            boolean tls = vm.encryption() != null;
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("hostId", host.id());
            answer.put("vncIpAddress", host.ipAddress());
            answer.put("vncPort", Integer.toString(ConsolePorts.vncPort(place)));
            answer.put("tlsPort", tls ? Integer.toString(ConsolePorts.tlsPort(place)) : "");
            answer.put("serverCertParam", tls ? "--spice-host-subject=\"O=vsip4x.com, CN=" + host.name() + "\"" : "");
            answer.put("fastrappw", vm.vncPassword() == null ? "" : vm.vncPassword());
            answer.put("smartcard", "0");
            answer.put("usbNetworkIp", host.ipAddress());
            answer.put("usbNetworkPort", Integer.toString(ConsolePorts.usbPort(place)));
            return answer;
        }
    }

    /** Remembers the VM's remote-view type: 2004 for an unknown VM, 2003 for a blank or over-long type. */
    private Object setRemoteViewType(Call call) {
        String type = call.string(1) == null ? "" : call.string(1).trim();
        synchronized (state) {
            Vm vm = GuestAccess.vm(state, call.string(0));
            if (type.isEmpty() || type.length() > MAX_TYPE_LENGTH || type.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidParamsException("type must be a short non-blank word");
            }
            state.put(state.guest(vm.vmId()).withViewType(type));
        }
        onChange.run();
        return Answers.result(Answers.OK);
    }

    /**
     * The VM's remote-view type as {@code vmId} and {@code type}, with no {@code result} as the spec
     * lists none: 2004 for an unknown VM.
     */
    private Object getRemoteViewType(Call call) {
        synchronized (state) {
            Vm vm = GuestAccess.vm(state, call.string(0));
            String type = state.guest(vm.vmId()).viewType();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("vmId", vm.vmId());
            answer.put("type", type == null ? DEFAULT_VIEW_TYPE : type);
            return answer;
        }
    }
}
