package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.List;
import java.util.Optional;

/**
 * Where a VM's console listens, as {@code getRemoteControlInfo} tells it: on its host's address,
 * port 5900 plus its place among the VMs of its host, the TLS port 1000 above. Only a running (1)
 * or paused (4) VM has a console. The addresses are data: nothing ever connects to them.
 */
public final class ConsolePorts {

    private static final int FIRST_VNC_PORT = 5900;
    private static final int TLS_OFFSET = 1000;
    private static final int FIRST_USB_PORT = 7900;

    private ConsolePorts() {
    }

    /** Whether {@code vm} has a console: it runs or is paused. */
    public static boolean hasConsole(Vm vm) {
        return vm.status() == 1 || vm.status() == 4;
    }

    /** The VM's place among the VMs of its host, in creation order. */
    public static int place(PlatformState state, Vm vm) {
        List<String> onHost = state.vms().stream()
                .filter(other -> vm.hostId().equals(other.hostId()))
                .map(Vm::vmId)
                .toList();
        return Math.max(0, onHost.indexOf(vm.vmId()));
    }

    /** The VNC port of the VM at {@code place}. */
    public static int vncPort(int place) {
        return FIRST_VNC_PORT + place;
    }

    /** The TLS port of the VM at {@code place}; only a VM with an encrypted disk listens on it. */
    public static int tlsPort(int place) {
        return FIRST_VNC_PORT + TLS_OFFSET + place;
    }

    /** The USB redirection port of the VM at {@code place}. */
    public static int usbPort(int place) {
        return FIRST_USB_PORT + place;
    }

    /**
     * The running or paused VM whose console is at {@code address} and {@code port} (its VNC
     * port, or its TLS port when its disk is encrypted), as {@code getRemoteControlInfo} gives it.
     */
    public static Optional<Vm> vmAt(Inventory inventory, PlatformState state, String address, int port) {
        synchronized (state) {
            for (Vm vm : state.vms()) {
                Optional<Host> host = inventory.host(vm.hostId());
                if (!hasConsole(vm) || host.isEmpty() || !host.get().ipAddress().equals(address)) {
                    continue;
                }
                int place = place(state, vm);
                if (port == vncPort(place) || vm.encryption() != null && port == tlsPort(place)) {
                    return Optional.of(vm);
                }
            }
            return Optional.empty();
        }
    }
}
