package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Network;
import io.vsip4x.simulator.state.Nic;
import io.vsip4x.simulator.state.PendingOperation;
import io.vsip4x.simulator.state.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Builds the VMs of an accepted {@code createVm}, in state 6 with their creation pending. */
final class NewVms {

    private final Inventory inventory;
    private final Addresses addresses;

    /** @param existing the VMs already there, whose addresses are taken */
    NewVms(Inventory inventory, Collection<Vm> existing) {
        this.inventory = inventory;
        this.addresses = new Addresses(existing);
    }

    /**
     * One VM per id of {@code order}, the i-th on {@code hosts.get(i)}, all finishing at
     * {@code dueAt} and reporting to {@code callbackUrl}.
     */
    List<Vm> build(CreateOrder order, String poolId, List<Host> hosts, Instant dueAt, String callbackUrl) {
        List<Vm> vms = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < order.vmIds().size(); i++) {
            String vmId = order.vmIds().get(i);
            PendingOperation creation = new PendingOperation(UUID.randomUUID().toString(), "createVm", dueAt,
                    callbackUrl);
            vms.add(new Vm(vmId, vmId, UUID.randomUUID().toString(), 6, poolId, hosts.get(i).id(),
                    order.templateId(), order.shape().cpu(), order.shape().memoryBytes(),
                    order.shape().diskBytes(), addresses.password(), order.encryption(),
                    nics(vmId, order.nics().get(i)), now, creation));
        }
        return vms;
    }

    private List<Nic> nics(String vmId, List<NicRequest> requests) {
        List<Nic> nics = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            NicRequest request = requests.get(i);
            Network network = inventory.network(request.network()).orElseThrow();
            nics.add(new Nic(vmId + "-nic" + (i + 1), network.id(), addresses.mac(request.macAddress()),
                    addresses.ip(network, request.ipAddress()),
                    orElse(request.subnetMask(), network.subnetMask()),
                    orElse(request.gateway(), network.gateway()),
                    orElse(request.dns(), network.dns()),
                    orElse(request.rate(), "")));
        }
        return nics;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
