package io.vsip4x.portal.admin.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * What the dashboard shows, read at {@code readAt}. The platform-backed sections ({@code licence},
 * {@code hosts}, {@code vms}, {@code pools}) are read independently: one the platform failed to
 * answer is {@code null}, and then {@code platformAvailable} is {@code false}. The other sections
 * come from the portal's database and its own record of the platform, and are always given.
 *
 * @param readAt            when it was read
 * @param platformAvailable whether every platform-backed section could be read
 * @param licence           version and licence expiry ({@code getSystemInfo}), or {@code null}
 * @param hosts             hosts online and in all ({@code searchHostList}), or {@code null}
 * @param vms               VMs running and in all, summed over the pools' statistics, or {@code null}
 * @param pools             use per pool ({@code getRepositoryMonitor}), or {@code null}
 * @param queue             the operation queue
 * @param callbacks         callbacks received per minute over the last hour
 * @param probe             whether the platform answered the dashboard's {@code getSystemInfo} just now
 * @param health            whether the portal's last call to the platform got through, and since when
 */
public record Dashboard(Instant readAt, boolean platformAvailable, Licence licence, Hosts hosts, Vms vms,
        List<PoolUse> pools, Queue queue, Callbacks callbacks, Probe probe, Health health) {

    /** Hosts online out of {@code total}. */
    public record Hosts(long online, long total) {
    }

    /** VMs running out of {@code total}, in the platform's view (the pools' VM statistics). */
    public record Vms(long running, long total) {
    }

    /**
     * One pool's use. CPU and memory are its hosts' average loads as the platform reports them; storage
     * is the pool's capacity less its free space.
     *
     * @param cpuPercent     average CPU load of its online hosts, percent
     * @param memoryPercent  average memory load of its online hosts, percent
     * @param cores          CPU cores of its hosts
     * @param memoryBytes    memory of its hosts, in bytes
     * @param storageUsed    storage used, in bytes
     * @param storageTotal   storage capacity, in bytes
     * @param storagePercent storage used, percent of the capacity (0 without capacity)
     */
    public record PoolUse(String id, String name, int classification, long cpuPercent, long memoryPercent,
            long cores, long memoryBytes, long storageUsed, long storageTotal, long storagePercent,
            long vmsRunning, long vms, long hostsOnline, long hosts) {

        /** Memory of its hosts in whole GiB, for the page. */
        public long memoryGib() {
            return memoryBytes / Sizes.GIB;
        }

        /** Storage used in whole GiB, for the page. */
        public long storageUsedGib() {
            return storageUsed / Sizes.GIB;
        }

        /** Storage capacity in whole GiB, for the page. */
        public long storageTotalGib() {
            return storageTotal / Sizes.GIB;
        }
    }

    /**
     * The operations under way (QUEUED, SENDING or SENT) and the oldest of them.
     *
     * @param oldest the one waiting longest, or {@code null} when the queue is empty
     */
    public record Queue(long depth, long queued, long sending, long sent, Oldest oldest) {
    }

    /**
     * The operation under way the longest.
     *
     * @param kind       its kind ({@code START_VM}, ...)
     * @param method     the SDK method it calls ({@code startVm}, ...), or {@code null} for a kind this
     *                   portal version does not know
     * @param vmId       its VM, or {@code null}
     * @param hostId     its host, or {@code null}
     * @param ageSeconds seconds since it was queued
     */
    public record Oldest(long id, String kind, String method, String vmId, String hostId, Instant createdAt,
            long ageSeconds) {
    }

    /**
     * Callbacks received per minute over the last hour.
     *
     * @param total     received in the hour
     * @param perMinute sixty counts, the oldest minute first, the current (partial) minute last
     */
    public record Callbacks(long total, List<Long> perMinute) {

        /** The busiest minute's count. */
        public long peak() {
            return perMinute.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        /** How tall the bar of {@code count} is, percent of the busiest minute's. */
        public long heightOf(long count) {
            long peak = peak();
            return peak == 0 ? 0 : Math.round(100.0 * count / peak);
        }
    }

    /**
     * The live probe: the dashboard's {@code getSystemInfo}, with the page-read time-out.
     *
     * @param answered  whether it answered (also with a refusal)
     * @param latencyMs how long it took, in milliseconds (also when it failed)
     * @param code      the platform's result code when it answered with a refusal, else {@code null}
     */
    public record Probe(boolean answered, long latencyMs, String code) {
    }

    /** {@code PlatformHealth}: whether the portal's last call got through, since {@code since}. */
    public record Health(boolean reachable, Instant since) {
    }

    /** Byte units. */
    static final class Sizes {
        static final long GIB = 1024L * 1024L * 1024L;

        private Sizes() {
        }
    }
}
