package io.vsip4x.portal.admin.hosts;

import java.util.List;

/**
 * One host of the list, as {@code searchHostList} and the portal see it.
 *
 * @param pools            the pools it belongs to ({@code repolist})
 * @param classification   its classification ({@code host.classification}), or {@code null} when unknown
 * @param portalVms        how many of the portal's VMs the portal holds on it
 * @param platformVms      how many VMs the platform lists on it (the portal's and unowned ones);
 *                         {@code null} when the platform's VM list could not be read
 * @param pendingOperation the open power operation ({@code start} or {@code shutdown}), or {@code null}
 */
public record HostRow(String hostId, String name, List<String> pools, boolean online, Long classification,
        int cpuCores, String cpuModel, long memoryUsedBytes, long memoryTotalBytes, int portalVms,
        Integer platformVms, String pendingOperation) {

    private static final double GIB = 1L << 30;

    /** Memory in use, GiB. */
    public double memoryUsedGib() {
        return memoryUsedBytes / GIB;
    }

    /** Memory there is, GiB. */
    public double memoryTotalGib() {
        return memoryTotalBytes / GIB;
    }
}
