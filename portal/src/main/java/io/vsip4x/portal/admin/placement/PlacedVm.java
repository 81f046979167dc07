package io.vsip4x.portal.admin.placement;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An active VM of any tenant as the placement pages list it.
 *
 * @param status         the platform's status code, or {@code null} before it reported one
 * @param classification its level (密级)
 * @param templateId     the template it was made from, empty for an adopted VM
 * @param ownerClearance its owner's clearance
 * @param tenantCeiling  its tenant's classification ceiling
 */
public record PlacedVm(String vmId, String name, String tenantCode, String tenantName, String owner,
        String repoId, String hostId, Integer status, String lifecycle, int cpu, long memoryMb, long diskGb,
        int classification, @JsonIgnore long tenantId, @JsonIgnore long ownerId, @JsonIgnore String templateId,
        @JsonIgnore int ownerClearance, @JsonIgnore int tenantCeiling) {
}
