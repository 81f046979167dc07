package io.vsip4x.simulator.inventory;

import java.util.List;
import java.util.Optional;

/**
 * Everything the platform offers that VMs are made from and placed on. Immutable.
 *
 * @param pools     resource pools
 * @param hosts     hosts, each in one pool
 * @param templates templates
 * @param networks  virtual networks
 * @param images    installation images
 * @param storageNodes nodes of the pools' distributed storage
 */
public record Inventory(List<Pool> pools, List<Host> hosts, List<Template> templates,
        List<Network> networks, List<Image> images, List<StorageNode> storageNodes) {

    public Inventory {
        pools = List.copyOf(pools);
        hosts = List.copyOf(hosts);
        templates = List.copyOf(templates);
        networks = List.copyOf(networks);
        images = List.copyOf(images);
        storageNodes = List.copyOf(storageNodes);
    }

    /** An inventory with nothing in it. */
    public static Inventory empty() {
        return new Inventory(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * The pool named {@code idOrName} by its id or, failing that, its name (the spec names pools
     * either way, catalog A05); empty for {@code null} or an unknown pool.
     */
    public Optional<Pool> pool(String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        return pools.stream().filter(p -> p.id().equals(idOrName)).findFirst()
                .or(() -> pools.stream().filter(p -> p.name().equals(idOrName)).findFirst());
    }

    /** The host with id {@code id}. */
    public Optional<Host> host(String id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** The hosts of pool {@code poolId}, in inventory order. */
    public List<Host> hostsOf(String poolId) {
        return hosts.stream().filter(h -> h.poolId().equals(poolId)).toList();
    }

    /** The template with id {@code id}. */
    public Optional<Template> template(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The virtual network with id {@code id}. */
    public Optional<Network> network(String id) {
        return networks.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
