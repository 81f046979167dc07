package io.vsip4x.portal.platform;

import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import java.util.List;
import java.util.Optional;

/** The templates, pools and networks a tenant may build VMs from. */
public record Catalog(List<TemplateInfo> templates, List<PoolInfo> pools, List<NetworkInfo> networks) {

    /** The template {@code id}, if offered. */
    public Optional<TemplateInfo> template(String id) {
        return templates.stream().filter(t -> t.templateId().equals(id)).findFirst();
    }

    /** The pool {@code id}, if offered. */
    public Optional<PoolInfo> pool(String id) {
        return pools.stream().filter(p -> p.repositoryId().equals(id)).findFirst();
    }

    /**
     * This catalog without the templates and pools whose classification is above {@code level};
     * networks carry none and all stay.
     */
    public Catalog upTo(int level) {
        return new Catalog(
                templates.stream().filter(t -> t.classification() <= level).toList(),
                pools.stream().filter(p -> p.classification() <= level).toList(),
                networks);
    }

    /**
     * The classification of a VM built from template {@code templateId} in pool {@code poolId}:
     * the higher of the two (both must be offered).
     */
    public int levelOf(String templateId, String poolId) {
        return Math.max(template(templateId).orElseThrow().classification(),
                pool(poolId).orElseThrow().classification());
    }

    /**
     * Why a VM of level {@code vmLevel} cannot be placed in pool {@code repoId} of this catalog
     * (a tenant's granted pools) by the rule of classification: the pool is not in it, above
     * {@code limit} (the clearance of whoever will hold the VM: it would lose the VM), or below
     * the VM's level (classified data must not go to a lower pool); empty when it can.
     */
    public Optional<PoolBar> barTo(String repoId, int vmLevel, int limit) {
        Optional<PoolInfo> pool = pool(repoId);
        if (pool.isEmpty()) {
            return Optional.of(PoolBar.NOT_GRANTED);
        }
        int level = pool.get().classification();
        if (level > limit) {
            return Optional.of(PoolBar.ABOVE_CLEARANCE);
        }
        return level < vmLevel ? Optional.of(PoolBar.BELOW_LEVEL) : Optional.empty();
    }

    /** Why a pool cannot hold a VM ({@link #barTo}). */
    public enum PoolBar {
        NOT_GRANTED, ABOVE_CLEARANCE, BELOW_LEVEL
    }

    /** The network {@code id}, if offered. */
    public Optional<NetworkInfo> network(String id) {
        return networks.stream().filter(n -> n.virtualNetworkId().equals(id)).findFirst();
    }
}
