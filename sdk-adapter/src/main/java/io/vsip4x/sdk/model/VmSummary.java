package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * One VM as {@code searchVmList} describes it.
 *
 * @param status         the spec's status code, or -1 when the platform sent none
 * @param classification its security classification level ({@code vm.classification}), or -1
 *                       when the platform sent none
 * @param raw            the whole entry, for keys this view does not know; it holds the console
 *                       password ({@code vncPassword}), so {@link #toString()} leaves it out
 */
public record VmSummary(
        String vmId,
        String vmName,
        int status,
        String hostId,
        String repoName,
        int cpu,
        long memoryBytes,
        long diskBytes,
        int classification,
        Map<String, Object> raw) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static VmSummary from(Map<String, Object> m) {
        return new VmSummary(
                SdkMaps.string(m, "vmId"),
                SdkMaps.string(m, "vmName"),
                (int) SdkMaps.number(m, -1, "serverstatus", "status"),
                SdkMaps.string(m, "hostId"),
                SdkMaps.string(m, "repName", "repoName"),
                (int) SdkMaps.number(m, 0, "vmCPUNum"),
                SdkMaps.number(m, 0, "vmMemSize"),
                SdkMaps.number(m, 0, "vmDiskSize"),
                (int) SdkMaps.number(m, -1, "vm.classification"),
                m);
    }

    /** The typed fields only: the raw entry holds the console password. */
    @Override
    public String toString() {
        return "VmSummary[vmId=" + vmId + ", vmName=" + vmName + ", status=" + status + ", hostId=" + hostId
                + ", repoName=" + repoName + ", cpu=" + cpu + ", memoryBytes=" + memoryBytes
                + ", diskBytes=" + diskBytes + ", classification=" + classification + "]";
    }
}
