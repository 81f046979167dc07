package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.monitoring.SampleBounds;
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

    /** The highest load average kept; beyond it the platform sent no real figure. */
    private static final double MAX_LOAD = 999_999;

    /**
     * The sample of {@code entry} taken at {@code now}; empty when a figure cannot be right, by the
     * VM samples' rule ({@link SampleBounds#plausible}: CPU not within 0 to 100 or not a number, no
     * memory total or more free than there is, a negative speed). A load that is not a number,
     * infinite, negative or absent is no load ({@code null}), never 0.
     */
    static Optional<HostSample> of(String hostId, MonitorSample entry, long now) {
        if (!SampleBounds.plausible(entry)) {
            return Optional.empty();
        }
        Double load = SampleBounds.within(entry.load(), MAX_LOAD);
        return Optional.of(new HostSample(hostId, now, SampleBounds.cpuPercent(entry), SampleBounds.memUsed(entry),
                entry.memTotalBytes(), entry.diskRead(), entry.diskWrite(), entry.networkIn(), entry.networkOut(),
                load == null ? null : Math.round(load * 100) / 100.0));
    }
}
