package io.vsip4x.simulator.inventory;

import java.util.List;
import java.util.Objects;

/**
 * A virtual network; a NIC binds to it by giving its id as {@code vnicBridge}.
 *
 * @param id           its id ({@code virtualNetworkId})
 * @param name         its name ({@code virtualNetworkName})
 * @param poolIds      the pools it reaches
 * @param subnetPrefix the first three octets of its /24 with a trailing dot, e.g. {@code 10.10.0.}
 * @param subnetMask   its mask
 * @param gateway      its default gateway
 * @param dns          its DNS server
 */
public record Network(String id, String name, List<String> poolIds, String subnetPrefix,
        String subnetMask, String gateway, String dns) {

    public Network {
        Objects.requireNonNull(id, "id");
        poolIds = List.copyOf(poolIds);
    }

    /** Whether VMs of pool {@code poolId} can bind to this network. */
    public boolean availableIn(String poolId) {
        return poolIds.contains(poolId);
    }
}
