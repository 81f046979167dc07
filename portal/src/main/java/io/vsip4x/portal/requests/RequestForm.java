package io.vsip4x.portal.requests;

/**
 * What a person asks for, as typed (pages) or sent (API); validated by {@link RequestValidator}.
 *
 * @param repoName the resource pool's id (the spec's {@code repoName} key names the id)
 * @param powerOn  start the VMs once created; {@code null} means yes
 * @param leaseDays how many days the VMs live once created (then they are shut down, and later
 *                  deleted); {@code null} for no lease, which only a tenant without a maximum allows
 */
public record RequestForm(
        String templateId,
        String repoName,
        Integer cpu,
        Long memoryMb,
        Long diskGb,
        Integer count,
        String network,
        String reason,
        Boolean powerOn,
        Integer leaseDays) {

    /** A form without a lease. */
    public RequestForm(String templateId, String repoName, Integer cpu, Long memoryMb, Long diskGb, Integer count,
            String network, String reason, Boolean powerOn) {
        this(templateId, repoName, cpu, memoryMb, diskGb, count, network, reason, powerOn, null);
    }

    /** An empty form with the usual defaults. */
    public static RequestForm blank() {
        return new RequestForm(null, null, 2, 4096L, 40L, 1, null, null, true, null);
    }
}
