package io.vsip4x.simulator.lifecycle;

import io.vsip4x.sdk.model.Ipv4;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Network;
import io.vsip4x.simulator.state.Nic;
import io.vsip4x.simulator.state.Vm;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a fixed address or MAC asked for in {@code createVm} or {@code installVm} must meet,
 * as {@code addVmNetwork} applies them: inside the network's subnet with the network's mask, not
 * its network or broadcast address, a gateway inside the subnet, and neither address nor MAC held
 * by another NIC. The syntax of each value is checked when the call is read.
 */
final class NicRules {

    private NicRules() {
    }

    /**
     * Whether the NICs of {@code order} break a rule, given the VMs there are now.
     *
     * @param existing the VMs already there
     * @return whether they do (the call is then refused with 2003)
     */
    static boolean broken(List<List<NicRequest>> order, Inventory inventory, List<Vm> existing) {
        Set<String> ips = new HashSet<>();
        Set<String> macs = new HashSet<>();
        for (Vm vm : existing) {
            for (Nic nic : vm.nics()) {
                ips.add(nic.ipAddress());
                macs.add(nic.macAddress().toLowerCase(Locale.ROOT));
            }
        }
        for (List<NicRequest> perVm : order) {
            for (NicRequest nic : perVm) {
                Network network = inventory.network(nic.network()).orElse(null);
                boolean ipTaken = nic.ipAddress() != null && !ips.add(nic.ipAddress());
                boolean macTaken = nic.macAddress() != null && !macs.add(nic.macAddress().toLowerCase(Locale.ROOT));
                if (network == null || brokenAddress(nic, network) || ipTaken || macTaken) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean brokenAddress(NicRequest nic, Network network) {
        if (nic.subnetMask() != null && !nic.subnetMask().equals(network.subnetMask())) {
            return true;
        }
        String ip = nic.ipAddress();
        if (ip == null) {
            return false;
        }
        String mask = network.subnetMask();
        return !Ipv4.sameSubnet(ip, network.subnetPrefix() + "0", mask) || Ipv4.reserved(ip, mask)
                || nic.gateway() != null && (!Ipv4.sameSubnet(ip, nic.gateway(), mask) || nic.gateway().equals(ip));
    }
}
