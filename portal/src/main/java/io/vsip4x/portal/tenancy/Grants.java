package io.vsip4x.portal.tenancy;

import java.util.Set;

/** The ids of the templates, pools and networks open to a tenant. */
public record Grants(Set<String> templates, Set<String> pools, Set<String> networks) {

    public Grants {
        templates = Set.copyOf(templates);
        pools = Set.copyOf(pools);
        networks = Set.copyOf(networks);
    }

    /** The ids of one kind. */
    public Set<String> of(ResourceKind kind) {
        return switch (kind) {
            case TEMPLATE -> templates;
            case POOL -> pools;
            case NETWORK -> networks;
        };
    }
}
