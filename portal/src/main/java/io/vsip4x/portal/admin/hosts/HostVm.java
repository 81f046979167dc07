package io.vsip4x.portal.admin.hosts;

/**
 * A VM the platform lists on a host.
 *
 * @param status     its platform status, or {@code null} when the platform gave none
 * @param owned      whether the portal holds it (its department and owner are then set)
 * @param tenantCode the code of its department, or {@code null} for an unowned VM
 * @param owner      its owner's username, or {@code null} for an unowned VM
 */
public record HostVm(String vmId, String name, Integer status, boolean owned, String tenantCode,
        String tenantName, String owner, String ownerName) {

    /** Whether it stands in the way of a shutdown of its host: not stopped (status 0). */
    public boolean running() {
        return status == null || status != 0;
    }
}
