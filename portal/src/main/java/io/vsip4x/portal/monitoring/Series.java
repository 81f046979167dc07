package io.vsip4x.portal.monitoring;

import java.util.List;

/**
 * A VM's monitoring series for one range, as parallel lists (one entry per point, oldest first)
 * ready for a chart.
 *
 * @param vmId        the VM
 * @param range       {@code hour} or {@code day}
 * @param running     whether the VM is running now (only running VMs are sampled)
 * @param timestamps  the points' times, epoch seconds
 * @param cpu         busy CPU, percent (a ten-minute average in the day range)
 * @param cpuMax      the highest busy CPU within each point (the same as {@code cpu} for raw samples)
 * @param memory      memory in use, bytes
 * @param memoryTotal memory there is, bytes
 * @param diskRead    disk read speed, bytes per second
 * @param diskWrite   disk write speed, bytes per second
 * @param netIn       network receive speed, bytes per second
 * @param netOut      network send speed, bytes per second
 */
public record Series(String vmId, String range, boolean running, List<Long> timestamps, List<Double> cpu,
        List<Double> cpuMax, List<Long> memory, List<Long> memoryTotal, List<Long> diskRead, List<Long> diskWrite,
        List<Long> netIn, List<Long> netOut) {

    static Series of(String vmId, MonitoringRange range, boolean running, List<Sample> points) {
        return new Series(vmId, range.path(), running,
                points.stream().map(Sample::time).toList(),
                points.stream().map(Sample::cpuUsed).toList(),
                points.stream().map(Sample::cpuMax).toList(),
                points.stream().map(Sample::memUsed).toList(),
                points.stream().map(Sample::memTotal).toList(),
                points.stream().map(Sample::diskRead).toList(),
                points.stream().map(Sample::diskWrite).toList(),
                points.stream().map(Sample::netIn).toList(),
                points.stream().map(Sample::netOut).toList());
    }

    /** Whether there is no point to draw. */
    public boolean empty() {
        return timestamps.isEmpty();
    }
}
