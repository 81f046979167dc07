package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.RefusalException;
import io.vsip4x.simulator.state.GuestState;
import io.vsip4x.simulator.state.Nic;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;

/**
 * Finds the VM a guest method names and checks that its guest agent answers: the VM runs with no
 * operation in flight and its agent has started. Call under the state's monitor.
 */
final class GuestAccess {

    /** Operation allowed only when the VM is running. */
    static final String NOT_RUNNING = "2050";
    /** Operation not allowed in the VM's current state. */
    static final String WRONG_STATE = "2052";

    private GuestAccess() {
    }

    /** VM {@code vmId}: 2003 for a blank id, 2004 when there is none. */
    static Vm vm(PlatformState state, String vmId) {
        if (vmId == null || vmId.isBlank()) {
            throw new InvalidParamsException("vmId is required");
        }
        return state.vm(vmId.trim())
                .orElseThrow(() -> new RefusalException(Answers.NO_VM, "VM '" + vmId + "' does not exist"));
    }

    /**
     * The VM named {@code vmName}, or else of id {@code vmName} (catalog A21: the spec names the VM
     * of {@code executeGATask} by name; here a VM's name is its id).
     */
    static Vm vmByName(PlatformState state, String vmName) {
        if (vmName == null || vmName.isBlank()) {
            throw new InvalidParamsException("vmName is required");
        }
        String wanted = vmName.trim();
        return state.vms().stream()
                .filter(vm -> wanted.equals(vm.vmName()))
                .findFirst()
                .or(() -> state.vm(wanted))
                .orElseThrow(() -> new RefusalException(Answers.NO_VM, "VM '" + wanted + "' does not exist"));
    }

    /**
     * {@code vm} when its guest agent answers: 2052 while an operation is in flight (an online
     * backup included, whose status 12 is not "running"), else 2050 unless it runs, else 2052
     * while its guest agent is not running (not started yet after boot, or stopped).
     */
    static Vm running(PlatformState state, Vm vm) {
        if (vm.busy()) {
            throw new RefusalException(WRONG_STATE, "VM '" + vm.vmId() + "' has " + vm.pending().operation()
                    + " in flight");
        }
        if (vm.status() != 1) {
            throw new RefusalException(NOT_RUNNING, "VM '" + vm.vmId() + "' is not running (status "
                    + vm.status() + ")");
        }
        if (!state.guestAgentOn(vm)) {
            throw new RefusalException(WRONG_STATE, "The guest agent of VM '" + vm.vmId() + "' is not running");
        }
        return vm;
    }

    /**
     * NIC {@code nic} of VM {@code vmId} as the platform reports it: with the static address set
     * in the guest ({@code setIPAddr}) when there is one, as the platform reads addresses through
     * the guest agent; else (never set, or back to DHCP) with the address the platform gave it.
     */
    static Nic reported(PlatformState state, String vmId, Nic nic) {
        GuestState.GuestAddress set = state.guest(vmId).addresses().get(nic.macAddress().toLowerCase());
        if (set == null || set.dhcp()) {
            return nic;
        }
        return new Nic(nic.vnicId(), nic.network(), nic.macAddress(), set.ip(), set.netmask(), set.gateway(),
                set.dns(), nic.bandwidth());
    }
}
