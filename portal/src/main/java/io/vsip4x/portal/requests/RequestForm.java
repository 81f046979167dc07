package io.vsip4x.portal.requests;

import java.util.Optional;

/**
 * What a person asks for, as typed (pages) or sent (API); validated by {@link RequestValidator}
 * (new VMs from a template) or {@link InstallValidator} (one VM installed from an ISO image).
 *
 * @param repoName the resource pool's id (the spec's {@code repoName} key names the id)
 * @param powerOn  start the VMs once created; {@code null} means yes
 * @param leaseDays how many days the VMs live once created (then they are shut down, and later
 *                  deleted); {@code null} for no lease, which only a tenant without a maximum allows
 * @param kind     {@code "INSTALL"} to install from an ISO image; {@code null} or {@code "CREATE"} for VMs
 *                 from a template
 * @param imageId  the ISO image of an installation, as {@code searchInstallImages} names it
 * @param osType   the OS type an installed VM is given; {@code null} or blank for the image's
 * @param osBits   {@code "32"} or {@code "64"}; {@code null} or blank for the image's
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
        Integer leaseDays,
        String kind,
        String imageId,
        String osType,
        String osBits) {

    /** A form for VMs from a template. */
    public RequestForm(String templateId, String repoName, Integer cpu, Long memoryMb, Long diskGb, Integer count,
            String network, String reason, Boolean powerOn, Integer leaseDays) {
        this(templateId, repoName, cpu, memoryMb, diskGb, count, network, reason, powerOn, leaseDays, null, null,
                null, null);
    }

    /** A form without a lease. */
    public RequestForm(String templateId, String repoName, Integer cpu, Long memoryMb, Long diskGb, Integer count,
            String network, String reason, Boolean powerOn) {
        this(templateId, repoName, cpu, memoryMb, diskGb, count, network, reason, powerOn, null);
    }

    /** An empty form with the usual defaults. */
    public static RequestForm blank() {
        return new RequestForm(null, null, 2, 4096L, 40L, 1, null, null, true, null);
    }

    /** Whether it asks for an installation from an ISO image (kind {@code INSTALL}, in any case). */
    public boolean install() {
        return RequestKind.INSTALL.name().equalsIgnoreCase(kind == null ? null : kind.strip());
    }

    /** An installation makes one VM: without a count, it asks for one; any other form stays as it is. */
    RequestForm withInstallDefaults() {
        return install() && count == null ? new RequestForm(templateId, repoName, cpu, memoryMb, diskGb, 1, network,
                reason, powerOn, leaseDays, kind, imageId, osType, osBits) : this;
    }

    /**
     * The same form as a request of {@code stored} kind (CREATE or INSTALL), when its own kind is blank
     * or names that one; empty when it names another kind (a request sent back keeps its kind).
     */
    Optional<RequestForm> asKind(RequestKind stored) {
        boolean blank = kind == null || kind.isBlank();
        if (!blank && !stored.name().equalsIgnoreCase(kind.strip())) {
            return Optional.empty();
        }
        return Optional.of(new RequestForm(templateId, repoName, cpu, memoryMb, diskGb, count, network,
                reason, powerOn, leaseDays, stored.name(), imageId, osType, osBits).withInstallDefaults());
    }

    /** Whether its kind is one a new-VM form may name: none, CREATE or INSTALL. */
    boolean knownKind() {
        return kind == null || kind.isBlank() || install()
                || RequestKind.CREATE.name().equalsIgnoreCase(kind.strip());
    }
}
