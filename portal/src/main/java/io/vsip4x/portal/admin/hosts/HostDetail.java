package io.vsip4x.portal.admin.hosts;

import java.time.Instant;
import java.util.List;

/**
 * A host in detail: what {@code searchHostList} and {@code getHostMonitorInfo} tell of it, the VMs
 * on it, and its latest power operation.
 *
 * @param cpuMhz              CPU frequency, or 0 when unknown
 * @param disks               its disks, with their speeds when the monitoring answered
 * @param nics                its NICs with their link state
 * @param vms                 the VMs the platform lists on it, the portal's with their department and owner
 * @param lastOperation       its newest power operation, or {@code null}
 * @param monitorUnavailable  whether {@code getHostMonitorInfo} failed (disks and NICs then come from the host
 *                            list, without speeds)
 * @param vmsUnavailable      whether the platform's VM list could not be read ({@code vms} is then empty)
 */
public record HostDetail(HostRow host, String cpuArch, String cpuVendor, int cpuMhz, String osFamily,
        String osType, String osVersion, String osBits, String virtType, List<Disk> disks, List<Nic> nics,
        List<HostVm> vms, PowerOperation lastOperation, boolean monitorUnavailable, boolean vmsUnavailable) {

    /**
     * A disk of the host.
     *
     * @param readBytesPerSecond  read speed, or {@code null} when not sampled
     * @param writeBytesPerSecond write speed, or {@code null} when not sampled
     */
    public record Disk(String diskId, String name, long sizeBytes, Long readBytesPerSecond,
            Long writeBytesPerSecond) {

        /** The size in GiB. */
        public double sizeGib() {
            return sizeBytes / (double) (1L << 30);
        }
    }

    /**
     * A NIC of the host.
     *
     * @param linkUp  whether its link is connected ({@code linkstatus} 1), or {@code null} when not reported
     * @param receive receive speed in bytes per second, or {@code null} when not sampled
     * @param send    send speed in bytes per second, or {@code null} when not sampled
     */
    public record Nic(String nicId, String device, String mac, String ip, String netmask, Boolean linkUp,
            Long receive, Long send) {
    }

    /**
     * A power operation on the host.
     *
     * @param action   {@code start} or {@code shutdown}
     * @param state    the operation's state ({@code QUEUED} ... {@code FAILED})
     * @param code     the platform's result code, or {@code null}
     * @param codeText the code explained in the reader's language, or the operation's reason, or {@code null}
     */
    public record PowerOperation(long id, String action, String state, String code, String codeText,
            Instant createdAt) {

        /** Whether it is still under way. */
        public boolean open() {
            return "QUEUED".equals(state) || "SENDING".equals(state) || "SENT".equals(state);
        }
    }
}
