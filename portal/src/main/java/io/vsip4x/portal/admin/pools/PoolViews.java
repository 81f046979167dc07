package io.vsip4x.portal.admin.pools;

import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.UsageStats;
import java.util.List;

/** What the pool pages and their JSON show. Sizes are bytes as the platform gives them. */
final class PoolViews {

    private static final double GIB = 1024.0 * 1024.0 * 1024.0;

    private PoolViews() {
    }

    /** {@code bytes} in GiB, for the pages' size texts. */
    static double gib(long bytes) {
        return bytes / GIB;
    }

    /** {@code part} of {@code whole} as a whole percentage from 0 to 100; 0 when {@code whole} is not positive. */
    static int percent(long part, long whole) {
        if (whole <= 0) {
            return 0;
        }
        return (int) Math.max(0, Math.min(100, Math.round(100.0 * part / whole)));
    }

    /** A tenant a pool is granted to. */
    record GrantedTenant(String code, String name) {
    }

    /**
     * VM or host statistics of a pool ({@code getRepositoryMonitor}).
     *
     * @param cpu         vCPUs (VMs) or cores (hosts)
     * @param memoryBytes memory, bytes
     * @param cpuLoad     average CPU load, percent
     * @param memLoad     average memory load, percent
     */
    record Stats(long cpu, long memoryBytes, long count, long runCount, long cpuLoad, long memLoad) {

        static Stats of(UsageStats stats) {
            return new Stats(stats.cpu(), stats.memoryBytes(), stats.count(), stats.runCount(), stats.cpuLoad(),
                    stats.memLoad());
        }

        public double memoryGib() {
            return gib(memoryBytes);
        }
    }

    /**
     * One pool of the list.
     *
     * @param vmStats   statistics of its VMs, or {@code null} when the platform did not give them
     * @param hostStats statistics of its hosts, or {@code null} when the platform did not give them
     * @param tenants   the tenants it is granted to, by code
     */
    record PoolRow(String repoId, String name, String description, String type, boolean ha, int classification,
            long totalBytes, long freeBytes, Stats vmStats, Stats hostStats, List<GrantedTenant> tenants) {

        static PoolRow of(PoolInfo pool, Stats vmStats, Stats hostStats, List<GrantedTenant> tenants) {
            return new PoolRow(pool.repositoryId(), pool.name(), pool.description(), pool.type(), pool.ha(),
                    pool.classification(), pool.totalBytes(), pool.freeBytes(), vmStats, hostStats, tenants);
        }

        public long usedBytes() {
            return Math.max(0, totalBytes - freeBytes);
        }

        public int usedPercent() {
            return percent(usedBytes(), totalBytes);
        }

        public double totalGib() {
            return gib(totalBytes);
        }

        public double freeGib() {
            return gib(freeBytes);
        }

        public double usedGib() {
            return gib(usedBytes());
        }
    }

    /**
     * A host of a pool.
     *
     * @param known whether {@code getRepositoryMonitor} described it (otherwise only its id is known)
     */
    record HostRow(String hostId, String name, boolean known, boolean online, int cpu, long memoryTotalBytes,
            long memoryUsedBytes) {

        static HostRow of(String hostId, HostInfo host) {
            if (host == null) {
                return new HostRow(hostId, null, false, false, 0, 0, 0);
            }
            return new HostRow(hostId, host.name(), true, host.online(), host.cpu(), host.memoryTotalBytes(),
                    host.memoryUsedBytes());
        }

        public int memoryPercent() {
            return percent(memoryUsedBytes, memoryTotalBytes);
        }

        public double memoryTotalGib() {
            return gib(memoryTotalBytes);
        }

        public double memoryUsedGib() {
            return gib(memoryUsedBytes);
        }
    }

    /**
     * A VM of a pool, with its owner when the portal knows it.
     *
     * @param status      the platform's status code, or {@code null} when it sent none
     * @param owned       whether the portal knows the VM (otherwise it is unowned, and the owner fields are null)
     */
    record VmRow(String vmId, String name, Integer status, String hostId, int cpu, long memoryBytes, boolean owned,
            String tenantCode, String tenantName, String owner, String ownerName) {

        public double memoryGib() {
            return gib(memoryBytes);
        }
    }

    /**
     * A pool's detail page.
     *
     * @param pool  the pool with its statistics and tenants
     * @param hosts its hosts ({@code searchRepoHosts}, described by {@code getRepositoryMonitor})
     * @param vms   its VMs
     */
    record PoolDetail(PoolRow pool, List<HostRow> hosts, List<VmRow> vms) {
    }
}
