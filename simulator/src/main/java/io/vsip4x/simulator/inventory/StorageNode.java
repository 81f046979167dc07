package io.vsip4x.simulator.inventory;

import java.util.Objects;

/**
 * A node of a pool's distributed (GlusterFS) storage, as {@code searchDistributedFS} lists it.
 *
 * @param id         its id ({@code glfshostinfo.id})
 * @param ipAddress  its address
 * @param volume     whether it is a storage node ({@code volumn}) rather than a cluster node
 * @param hostId     the host a storage node runs on; {@code null} for a cluster node
 * @param poolId     the pool whose storage it serves
 * @param totalBytes its space, in bytes
 */
public record StorageNode(String id, String ipAddress, boolean volume, String hostId, String poolId,
        long totalBytes) {

    public StorageNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(poolId, "poolId");
    }
}
