package io.vsip4x.portal.admin.hosts;

import java.util.List;

/**
 * A host's monitoring series over the last hour, as parallel lists (one entry per sample, oldest
 * first), in the shape the VMs' charts draw ({@code monitoring.js}).
 *
 * @param range       always {@code hour}
 * @param from        the start of the hour shown, epoch seconds (the charts' time axis spans
 *                    {@code from} to {@code until} however few samples there are)
 * @param until       the end of the hour shown (now), epoch seconds
 * @param timestamps  the samples' times, epoch seconds
 * @param cpu         busy CPU, percent
 * @param cpuMax      the same as {@code cpu} (raw samples)
 * @param memory      memory in use, bytes
 * @param memoryTotal memory there is, bytes
 * @param diskRead    disk read speed, bytes per second
 * @param diskWrite   disk write speed, bytes per second
 * @param netIn       network receive speed, bytes per second
 * @param netOut      network send speed, bytes per second
 * @param load        the load average ({@code null} where the platform sent none)
 */
public record HostSeries(String hostId, String range, long from, long until, List<Long> timestamps,
        List<Double> cpu, List<Double> cpuMax, List<Long> memory, List<Long> memoryTotal, List<Long> diskRead,
        List<Long> diskWrite, List<Long> netIn, List<Long> netOut, List<Double> load) {

    static HostSeries of(String hostId, long from, long until, List<HostSample> samples) {
        return new HostSeries(hostId, "hour", from, until,
                samples.stream().map(HostSample::time).toList(),
                samples.stream().map(HostSample::cpuUsed).toList(),
                samples.stream().map(HostSample::cpuUsed).toList(),
                samples.stream().map(HostSample::memUsed).toList(),
                samples.stream().map(HostSample::memTotal).toList(),
                samples.stream().map(HostSample::diskRead).toList(),
                samples.stream().map(HostSample::diskWrite).toList(),
                samples.stream().map(HostSample::netIn).toList(),
                samples.stream().map(HostSample::netOut).toList(),
                samples.stream().map(HostSample::load).toList());
    }

    /** Whether there is no point to draw. */
    public boolean empty() {
        return timestamps.isEmpty();
    }
}
