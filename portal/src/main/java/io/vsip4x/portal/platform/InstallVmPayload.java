package io.vsip4x.portal.platform;

import io.vsip4x.sdk.model.InstallVmSpec;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an {@code installVm} operation sends: one VM, its id chosen by the portal before the first
 * send, installed from an ISO image of its pool.
 *
 * @param imageId the image ({@code installSrc}) as {@code searchInstallImages} names it
 * @param osType  the OS type the VM is given, or {@code null} for the image's
 * @param osBits  {@code "32"} or {@code "64"}, or {@code null} for the image's
 * @param network the virtual network of its one NIC
 */
public record InstallVmPayload(
        String vmId,
        String repoId,
        String imageId,
        String osType,
        String osBits,
        int cpu,
        long memoryMb,
        long diskGb,
        String network) {

    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;

    /** The VM it makes, as a list like {@link CreateVmPayload#vmIds()}. */
    public List<String> vmIds() {
        return List.of(vmId);
    }

    /** The VMs a creating operation ({@link OperationKind#createsVms()}) makes, from its payload. */
    static List<String> vmIdsOf(Operation op, JsonMapper json) {
        return op.kind() == OperationKind.INSTALL_VM ? json.readValue(op.payload(), InstallVmPayload.class).vmIds()
                : json.readValue(op.payload(), CreateVmPayload.class).vmIds();
    }

    /** The SDK's view of it, sizes in bytes: one system disk and one NIC. */
    InstallVmSpec toSpec() {
        return new InstallVmSpec(vmId, repoId, imageId, cpu, memoryMb * MIB, null, osType, osBits, null, false,
                List.of(new InstallVmSpec.Disk("vda", diskGb * GIB)),
                List.of(new InstallVmSpec.Nic(network, null, null)), null);
    }
}
