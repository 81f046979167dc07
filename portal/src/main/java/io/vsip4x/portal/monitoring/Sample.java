package io.vsip4x.portal.monitoring;

/**
 * One stored monitoring point of a VM: a raw sample, or a ten-minute average.
 *
 * @param vmId      the VM
 * @param time      when it was taken (a bucket's start for an average), epoch seconds of the portal's clock
 * @param cpuUsed   busy CPU, 0 to 100 percent
 * @param cpuMax    the highest busy CPU within the point (equal to {@code cpuUsed} for a raw sample)
 * @param memUsed   memory in use, bytes
 * @param memTotal  memory there is, bytes
 * @param diskRead  disk read speed, bytes per second
 * @param diskWrite disk write speed, bytes per second
 * @param netIn     network receive speed, bytes per second
 * @param netOut    network send speed, bytes per second
 */
record Sample(String vmId, long time, double cpuUsed, double cpuMax, long memUsed, long memTotal, long diskRead,
        long diskWrite, long netIn, long netOut) {
}
