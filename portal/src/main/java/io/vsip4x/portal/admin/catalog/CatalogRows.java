package io.vsip4x.portal.admin.catalog;

import io.vsip4x.portal.admin.catalog.TenantGrants.TenantRef;
import java.util.List;

/** The rows of the catalog pages and their JSON. Sizes are in bytes, as the platform gives them. */
final class CatalogRows {

    private CatalogRows() {
    }

    /**
     * A template. No secret of the platform's answer (its VNC password) is kept.
     *
     * @param displayName          the name its builder gave it, for a template made from a portal VM; else
     *                             {@code null}
     * @param builtFromVm          the portal VM it was made from, or {@code null}
     * @param classification       what the portal treats it as: the higher of the platform's level and
     *                             that of the VM it was made from
     * @param platformClassification the level the platform gives it
     * @param pools                the pools it can be used in
     */
    record Template(String templateId, String displayName, String builtFromVm, String osType, String osFamily,
            String osBits, int cpu, long memoryBytes, long diskBytes, int classification,
            int platformClassification, List<String> pools, List<TenantRef> tenants) {
    }

    /**
     * An installation image; open to the tenants granted its pool.
     *
     * @param pool the id of the pool that holds it
     */
    record Image(String id, String name, String type, String family, String bits, String version, String pool,
            String path, List<TenantRef> tenants) {
    }

    /**
     * A virtual network.
     *
     * @param pools the ids of the pools it reaches
     * @param vms   how many of the portal's VMs (neither deleted nor failed) have their first NIC on it
     */
    record Network(String id, String name, List<String> pools, List<TenantRef> tenants, long vms) {
    }

    /**
     * A node of a pool's distributed storage; open to the tenants granted its pool.
     *
     * @param type        {@code cluster} or {@code storage}
     * @param usedPercent the share of its space in use, 0–100
     */
    record StorageNode(String pool, String poolName, String id, String ipAddress, String type, String hostId,
            long totalBytes, long freeBytes, int usedPercent, boolean online, List<TenantRef> tenants) {
    }

    /**
     * The storage nodes listed, with the space of the storage (volume) nodes added up: a cluster node
     * reports the space of the volume it serves, which its storage nodes already count.
     *
     * @param storageNodes how many of {@code nodes} are storage nodes, whose space is added up
     */
    record StorageNodes(List<StorageNode> nodes, long totalBytes, long freeBytes, int usedPercent, long online,
            long storageNodes) {

        /** The type of a storage (volume) node, whose space counts in the summary. */
        static final String STORAGE = "storage";

        static StorageNodes of(List<StorageNode> nodes) {
            List<StorageNode> storage = nodes.stream().filter(n -> STORAGE.equals(n.type())).toList();
            long total = storage.stream().mapToLong(StorageNode::totalBytes).sum();
            long free = storage.stream().mapToLong(StorageNode::freeBytes).sum();
            return new StorageNodes(nodes, total, free, CatalogRows.usedPercent(total, free),
                    nodes.stream().filter(StorageNode::online).count(), storage.size());
        }
    }

    /**
     * What the platform said when asked to sync a template.
     *
     * @param exists    whether it has the template (status 1); status 2 means it has not
     * @param diskBytes its disk size when it has it, else 0
     */
    record Sync(String templateId, boolean exists, String status, long diskBytes) implements java.io.Serializable {
    }

    /** The share of {@code total} not {@code free}, 0–100; 0 for no space. */
    static int usedPercent(long total, long free) {
        if (total <= 0) {
            return 0;
        }
        return (int) Math.max(0, Math.min(100, Math.round((total - free) * 100.0 / total)));
    }
}
