package io.vsip4x.portal.admin.hosts;

import io.vsip4x.sdk.model.MonitorSample;
import java.util.Optional;

/**
 * One stored sample of a host ({@code host_monitor_sample}).
 *
 * @param time      when it was taken, epoch seconds of the portal's clock
 * @param cpuUsed   busy CPU, percent
 * @param memUsed   memory in use, bytes
 * @param memTotal  memory there is, bytes
 * @param diskRead  disk read speed, bytes per second
 * @param diskWrite disk write speed, bytes per second
 * @param netIn     network receive speed, bytes per second
 * @param netOut    network send speed, bytes per second
 * @param load      the load average, or {@code null} when the platform sent none
 */
record HostSample(String hostId, long time, double cpuUsed, long memUsed, long memTotal, long diskRead,
        long diskWrite, long netIn, long netOut, Double load) {

    /**
     * The sample of {@code entry} taken at {@code now}; empty when a figure cannot be right (CPU
     * not within 0 to 100, no memory total or more free than there is, a negative speed).
     */
    static Optional<HostSample> of(String hostId, MonitorSample entry, long now) {
        double cpu = entry.cpuUsedPercent();
        long total = entry.memTotalBytes();
        long free = entry.memFreeBytes();
        boolean sane = cpu >= 0 && cpu <= 100 && total > 0 && free >= 0 && free <= total
                && entry.diskRead() >= 0 && entry.diskWrite() >= 0 && entry.networkIn() >= 0
                && entry.networkOut() >= 0;
        if (!sane) {
            return Optional.empty();
        }
        Double load = entry.load() < 0 || entry.load() > 999_999 ? null : Math.round(entry.load() * 100) / 100.0;
        return Optional.of(new HostSample(hostId, now, Math.round(cpu * 10) / 10.0, total - free, total,
                entry.diskRead(), entry.diskWrite(), entry.networkIn(), entry.networkOut(), load));
    }
}
