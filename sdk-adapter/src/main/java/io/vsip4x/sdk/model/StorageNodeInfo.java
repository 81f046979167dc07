package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * One node of distributed storage as {@code searchDistributedFS} describes it.
 *
 * @param id         {@code glfshostinfo.id}
 * @param ipAddress  {@code glfshostinfo.ip}
 * @param online     {@code glfshostinfo.online}, a boolean or its text
 * @param peerType   {@code cluster} or {@code volumn} (the spec's spelling)
 * @param hostId     the host a storage node runs on; empty or {@code null} for a cluster node
 * @param totalBytes its space, in bytes
 * @param freeBytes  its free space, in bytes
 * @param raw        the whole entry
 */
public record StorageNodeInfo(String id, String ipAddress, boolean online, String peerType, String hostId,
        long totalBytes, long freeBytes, Map<String, Object> raw) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static StorageNodeInfo from(Map<String, Object> m) {
        return new StorageNodeInfo(
                SdkMaps.string(m, "glfshostinfo.id"),
                SdkMaps.string(m, "glfshostinfo.ip"),
                "true".equalsIgnoreCase(SdkMaps.string(m, "glfshostinfo.online")),
                SdkMaps.string(m, "glfshostinfo.peertype"),
                SdkMaps.string(m, "glfshostinfo.host"),
                SdkMaps.number(m, 0, "glfshostinfo.local.total"),
                SdkMaps.number(m, 0, "glfshostinfo.local.free"),
                m);
    }

    /** Whether it is a storage node rather than a cluster node. */
    public boolean volume() {
        return "volumn".equalsIgnoreCase(peerType);
    }
}
